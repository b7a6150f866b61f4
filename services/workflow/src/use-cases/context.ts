import type { Actor } from '@inovda/contracts';
import { type Acting, eventContext as sharedEventContext } from '@inovda/lambda-kit';
import type { ActorRef } from '../domain/actor';
import type { StageGates } from '../domain/gates';
import type { BoardStore } from '../store/board-store';
import type { CycleStore } from '../store/cycle-store';
import type { TrackStore } from '../store/track-store';

/** What the use cases depend on; handlers build it once per cold start, tests build their own. */
export interface Deps {
  readonly cycles: CycleStore;
  readonly tracks: TrackStore;
  readonly regionId: string;
  readonly regionOpdIds: ReadonlySet<string>;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** What the use case that checks stage gates needs besides (see http/gate-deps.ts). */
export interface GateDeps extends Deps {
  readonly gates: StageGates;
}

/** What the use cases that record commitments or move board counters need besides (see store/board-store.ts). */
export interface BoardDeps extends Deps {
  readonly board: BoardStore;
}

/** The event metadata for a change made by `actor` now. */
export function eventContext(deps: Pick<Deps, 'regionId'>, actor: Acting, at: Date) {
  return sharedEventContext(deps.regionId, actor, at);
}

/** This service acting on its own (consumers, the deadline schedule), as recorded in history and events. */
export const SYSTEM_ACTOR: Actor & ActorRef = { sub: 'system', username: 'workflow', role: 'system' };

/** The event metadata for a change the service makes itself, carrying the correlation id of what caused it. */
export function systemEventContext(deps: Pick<Deps, 'regionId'>, correlationId: string, at: Date) {
  return sharedEventContext(deps.regionId, { actor: SYSTEM_ACTOR, correlationId }, at);
}
