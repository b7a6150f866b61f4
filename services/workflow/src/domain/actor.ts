import type { Role } from '@inovda/manifest';

/** Who did something, as recorded on cycles, tracks and history entries. `system` is this service acting on events. */
export interface ActorRef {
  readonly sub: string;
  readonly username: string;
  readonly role: Role | 'system';
}
