import type { Actor } from '@inovda/contracts';
import { actingRole, type Caller } from '@inovda/lambda-kit';
import type { Role } from '@inovda/manifest';
import { monotonicFactory } from 'ulid';
import type { ActorRef } from '../domain/actor';
import type { StageGates } from '../domain/gates';
import type { BoardStore } from '../store/board-store';
import type { CycleStore } from '../store/cycle-store';
import type { TrackStore } from '../store/track-store';

/**
 * Event ids grow with time and, within one millisecond, with the order they were made: an approval's StageAdvanced
 * sorts before the InnovationLaunched it causes, for anyone ordering events by id.
 */
const nextEventId = monotonicFactory();

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

/** The identity a use case acts for, with the role the action is recorded under. */
export interface Acting {
  readonly caller: Caller;
  readonly role: Role;
  readonly correlationId: string;
}

/** Builds the acting identity for a route's allowed roles. */
export function acting(caller: Caller, allowed: readonly Role[], correlationId: string): Acting {
  return { caller, role: actingRole(caller, allowed), correlationId };
}

export function actorRef(actor: Acting): ActorRef {
  return { sub: actor.caller.sub, username: actor.caller.username, role: actor.role };
}

/** The event metadata for a change made by `actor` now. */
export function eventContext(deps: Pick<Deps, 'regionId'>, actor: Acting, at: Date) {
  const eventActor: Actor = {
    sub: actor.caller.sub,
    username: actor.caller.username,
    role: actor.role,
    ...(actor.caller.opdId ? { opdId: actor.caller.opdId } : {}),
  };
  return {
    eventId: nextEventId(at.getTime()),
    occurredAt: at.toISOString(),
    regionId: deps.regionId,
    correlationId: actor.correlationId,
    actor: eventActor,
  };
}

/** This service acting on its own (consumers, the deadline schedule), as recorded in history and events. */
export const SYSTEM_ACTOR: Actor & ActorRef = { sub: 'system', username: 'workflow', role: 'system' };

/** The event metadata for a change the service makes itself, carrying the correlation id of what caused it. */
export function systemEventContext(deps: Pick<Deps, 'regionId'>, correlationId: string, at: Date) {
  return {
    eventId: nextEventId(at.getTime()),
    occurredAt: at.toISOString(),
    regionId: deps.regionId,
    correlationId,
    actor: SYSTEM_ACTOR,
  };
}
