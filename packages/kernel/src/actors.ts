import type { Actor, ActorRef, EventContext } from '@inovda/contracts';
import { actingRole, type Caller, type Role } from './identity';
import { monotonicUlids } from './ids';

/** The identity a use case acts for: the caller, the role the action is recorded under, the correlation id. */
export interface Acting {
  readonly caller: Caller;
  readonly role: Role;
  readonly correlationId: string;
}

/** Builds the acting identity of a caller on a route that allows `allowed`. */
export function acting(caller: Caller, allowed: readonly Role[], correlationId: string): Acting {
  return { caller, role: actingRole(caller, allowed), correlationId };
}

/** Who did something, as recorded in history entries and on entities (its schema is the API's). */
export type { ActorRef } from '@inovda/contracts';

/** The history record of who acted. */
export function actorRef(actor: Acting): ActorRef & { readonly role: Role } {
  return { sub: actor.caller.sub, username: actor.caller.username, role: actor.role };
}

/** A service acting on its own (consumers, schedules), as recorded in history and events. */
export function systemActor(serviceName: string): Actor & ActorRef {
  return { sub: 'system', username: serviceName, role: 'system' };
}

/** A change made by the service itself, carrying the correlation id of what caused it. */
export interface SystemActing {
  readonly actor: Actor;
  readonly correlationId: string;
}

/**
 * Event ids grow with time and, within one millisecond, with the order they were made: an approval's StageAdvanced
 * sorts before the InnovationLaunched it causes, for anyone ordering events by id.
 */
const nextEventId = monotonicUlids();

/** The metadata of an event about a change `actor` (a person, or the service itself) made at `at`. */
export function eventContext(regionId: string, actor: Acting | SystemActing, at: Date): EventContext {
  const eventActor: Actor =
    'caller' in actor
      ? {
          sub: actor.caller.sub,
          username: actor.caller.username,
          role: actor.role,
          ...(actor.caller.opdId ? { opdId: actor.caller.opdId } : {}),
        }
      : actor.actor;
  return {
    eventId: nextEventId(at.getTime()),
    occurredAt: at.toISOString(),
    regionId,
    correlationId: actor.correlationId,
    actor: eventActor,
  };
}
