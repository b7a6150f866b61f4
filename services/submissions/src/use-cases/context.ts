import { type Acting, eventContext as sharedEventContext } from '@inovda/lambda-kit';
import type { CycleStore } from '../store/cycle-store';
import type { InnovationStore } from '../store/innovation-store';

/** What the use cases depend on; handlers build it once per cold start, tests build their own. */
export interface Deps {
  readonly store: InnovationStore;
  readonly cycles: CycleStore;
  readonly regionId: string;
  readonly regionOpdIds: ReadonlySet<string>;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** The event metadata for a change made by `actor` now. */
export function eventContext(deps: Pick<Deps, 'regionId'>, actor: Acting, at: Date) {
  return sharedEventContext(deps.regionId, actor, at);
}
