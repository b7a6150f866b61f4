import type { Actor } from '@inovda/contracts';
import type { Role } from '@inovda/manifest';
import { monotonicFactory } from 'ulid';
import { actingRole, type Caller } from './caller';

/** The identity a use case acts for, with the role the action is recorded under. */
export interface Acting {
  readonly caller: Caller;
  readonly role: Role;
  readonly correlationId: string;
}

/** Who did something, as recorded in a history entry. */
export interface ActorRef {
  readonly sub: string;
  readonly username: string;
  readonly role: Role | 'system';
}

/** Builds the acting identity for a route's allowed roles. */
export function acting(caller: Caller, allowed: readonly Role[], correlationId: string): Acting {
  return { caller, role: actingRole(caller, allowed), correlationId };
}

/** The history record of who acted. */
export function actorRef(actor: Acting): { sub: string; username: string; role: Role } {
  return { sub: actor.caller.sub, username: actor.caller.username, role: actor.role };
}

/**
 * Event ids grow with time and, within one millisecond, with the order they were made: an approval's StageAdvanced
 * sorts before the InnovationLaunched it causes, for anyone ordering events by id.
 */
const nextEventId = monotonicFactory();

/** The metadata of an event about a change `actor` (a person, or the service itself) made at `at`. */
export function eventContext(regionId: string, actor: Acting | { actor: Actor; correlationId: string }, at: Date) {
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
