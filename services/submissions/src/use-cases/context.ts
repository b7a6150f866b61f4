import type { Actor } from '@inovda/contracts';
import { actingRole, type Caller } from '@inovda/lambda-kit';
import type { Role } from '@inovda/manifest';
import { ulid } from 'ulid';
import type { ActorRef } from '../domain/innovation';
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
export function eventContext(deps: Deps, actor: Acting, at: Date) {
  const eventActor: Actor = {
    sub: actor.caller.sub,
    username: actor.caller.username,
    role: actor.role,
    ...(actor.caller.opdId ? { opdId: actor.caller.opdId } : {}),
  };
  return {
    eventId: ulid(at.getTime()),
    occurredAt: at.toISOString(),
    regionId: deps.regionId,
    correlationId: actor.correlationId,
    actor: eventActor,
  };
}
