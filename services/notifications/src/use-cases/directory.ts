import type { Caller } from '@inovda/kernel';
import type { KnownUser } from '../domain/model';
import type { Deps } from './context';

/** How often a known user's `seenAt` is refreshed when nothing else changed (a write per call would be waste). */
const SEEN_REFRESH_MS = 24 * 3600 * 1000;

/**
 * Remembers who called: the directory of users the service can tell things to is built from their sign-ins (the
 * verified claims of their calls), so a user who has used the platform is found by OPD and role. Written only when
 * something changed (roles, OPD, address) or a day passed.
 */
export async function rememberCaller(deps: Deps, caller: Caller): Promise<void> {
  const known = await deps.store.knownUser(caller.sub);
  const now = deps.now();
  const next: KnownUser = {
    sub: caller.sub,
    username: caller.username,
    roles: [...caller.roles].sort(),
    ...(caller.opdId ? { opdId: caller.opdId } : {}),
    ...(caller.email ? { email: caller.email } : {}),
    seenAt: now.toISOString(),
  };
  const same =
    known !== undefined &&
    known.username === next.username &&
    known.opdId === next.opdId &&
    known.email === next.email &&
    known.roles.join() === next.roles.join() &&
    now.getTime() - Date.parse(known.seenAt) < SEEN_REFRESH_MS;
  if (!same) await deps.store.rememberUser(next);
}
