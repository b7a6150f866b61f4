import type { Caller } from '@inovda/kernel';
import { reconcileDirectory } from '../domain/directory';
import type { KnownUser } from '../domain/model';
import type { DirectoryUser } from '../domain/recipients';
import type { Deps } from './context';

/** The region's user directory (the user pool): every enabled user of every role group. */
export interface UserDirectory {
  listUsers(): Promise<DirectoryUser[]>;
}

/** What a directory sync found and wrote. */
export interface DirectorySyncResult {
  readonly listed: number;
  readonly written: number;
  readonly left: number;
}

/** How often a known user's `seenAt` is refreshed when nothing else changed (a write per call would be waste). */
const SEEN_REFRESH_MS = 24 * 3600 * 1000;

/**
 * Remembers who called: besides the region's user directory (synced by {@link syncDirectory}), the users the service
 * can tell things to are learnt from their sign-ins (the verified claims of their calls), so a user created since
 * the last sync is found by OPD and role at once. Written only when something changed (roles, OPD, address, back
 * after leaving) or a day passed.
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
    known.leftAt === undefined &&
    known.username === next.username &&
    known.opdId === next.opdId &&
    known.email === next.email &&
    known.roles.join() === next.roles.join() &&
    known.seenAt !== undefined &&
    now.getTime() - Date.parse(known.seenAt) < SEEN_REFRESH_MS;
  if (!same) await deps.store.rememberUser(next);
}

/**
 * Brings the known users in line with the region's user directory: every listed user (including those who never
 * signed in, e.g. OPD staff onboarded by an administrator) becomes a recipient, changes of role, OPD or address are
 * taken, and users gone from the directory are told nothing more (domain/directory.ts). Only differences are
 * written, so a run with nothing new writes nothing; a missed or repeated run is harmless.
 */
export async function syncDirectory(deps: Deps, directory: UserDirectory): Promise<DirectorySyncResult> {
  const startedAt = deps.now();
  const known = await deps.store.knownUsers();
  const listed = await directory.listUsers();
  const { upserts, departures } = reconcileDirectory(known, listed, startedAt);
  for (const user of [...upserts, ...departures]) await deps.store.rememberUser(user);
  return { listed: listed.length, written: upserts.length, left: departures.length };
}
