import { type Clock, systemActor } from '@inovda/kernel';
import type { StageGates } from '../domain/gates';
import type { BoardStore } from '../store/board-store';
import type { CycleStore } from '../store/cycle-store';
import type { GateProjectionStore } from '../store/gate-projection-store';
import type { ListStore } from '../store/list-store';
import type { RegistrationStore } from '../store/registration-store';
import type { TrackStore } from '../store/track-store';

/** What the use cases depend on; functions build it once per cold start (deps.ts), tests build their own. */
export interface Deps extends Clock {
  readonly cycles: CycleStore;
  readonly tracks: TrackStore;
  readonly projections: GateProjectionStore;
  readonly regionId: string;
}

/** What the use cases that list (cycles, tracks, history, the board's counts) need besides (store/list-store.ts). */
export interface ListDeps extends Deps {
  readonly lists: ListStore;
}

/** What applying the submissions events needs besides the board (store/registration-store.ts). */
export interface TrackEventDeps extends BoardDeps {
  readonly registrations: RegistrationStore;
}

/** What the use cases that check stage gates need besides: the region's gates (a region setting). */
export interface GateDeps extends Deps {
  readonly gates: StageGates;
}

/** What the use cases that move board counters or record commitments need besides (store/board-store.ts). */
export interface BoardDeps extends Deps {
  readonly board: BoardStore;
}

/** What the use cases that list or check the region's OPDs need besides (a region setting). */
export interface RegionOpdDeps {
  readonly regionOpdIds: ReadonlySet<string>;
}

/** This service acting on its own (consumers, the deadline schedule), as recorded in history and events. */
export const SYSTEM_ACTOR = systemActor('workflow');
