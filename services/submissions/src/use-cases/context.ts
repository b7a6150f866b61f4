import type { Clock } from '@inovda/kernel';
import type { CycleStore } from '../store/cycle-store';
import type { InnovationStore } from '../store/innovation-store';

/** What the use cases depend on; handlers build it once per cold start (deps.ts), tests build their own. */
export interface Deps extends Clock {
  readonly store: InnovationStore;
  readonly cycles: CycleStore;
  readonly regionId: string;
}

/** What creating an innovation needs besides: the region's OPDs (a region setting). */
export interface CreateDeps extends Deps {
  readonly regionOpdIds: ReadonlySet<string>;
}
