import type { KnownUser } from './model';
import type { DirectoryUser } from './recipients';

/** What one run of the directory sync writes: users new or changed, and users who left. */
export interface DirectoryChanges {
  readonly upserts: readonly KnownUser[];
  readonly departures: readonly KnownUser[];
}

/** Whether the user's details (what routing reads) differ between two records. */
function sameDetails(a: DirectoryUser, b: DirectoryUser): boolean {
  return (
    a.username === b.username &&
    a.email === b.email &&
    a.opdId === b.opdId &&
    [...a.roles].sort().join() === [...b.roles].sort().join()
  );
}

/**
 * Reconciles the users the service knows with a complete listing of the region's user directory (taken from
 * `startedAt`): a listed user is written when new, changed or back after leaving (their last sign-in kept); a known
 * user the directory no longer lists has left (deleted or disabled in the pool) and is told nothing any more,
 * unless they called the service since the listing began (created meanwhile: the next run lists them). The
 * directory is the authority on who exists; a sign-in is only the fresher word on someone it lists.
 */
export function reconcileDirectory(
  known: readonly KnownUser[],
  listed: readonly DirectoryUser[],
  startedAt: Date,
): DirectoryChanges {
  const knownBySub = new Map(known.map((user) => [user.sub, user]));
  const listedSubs = new Set(listed.map((user) => user.sub));
  const upserts: KnownUser[] = [];
  for (const user of listed) {
    const before = knownBySub.get(user.sub);
    if (before && !before.leftAt && sameDetails(before, user)) continue;
    upserts.push({
      sub: user.sub,
      username: user.username,
      roles: [...user.roles].sort(),
      ...(user.opdId ? { opdId: user.opdId } : {}),
      ...(user.email ? { email: user.email } : {}),
      ...(before?.seenAt ? { seenAt: before.seenAt } : {}),
    });
  }
  const departures = known
    .filter((user) => !user.leftAt && !listedSubs.has(user.sub))
    .filter((user) => user.seenAt === undefined || Date.parse(user.seenAt) < startedAt.getTime())
    .map((user) => ({ ...user, leftAt: startedAt.toISOString() }));
  return { upserts, departures };
}

/** The users who may be told anything: those the directory has not seen leave. */
export function presentUsers<T extends KnownUser>(users: readonly T[]): T[] {
  return users.filter((user) => user.leftAt === undefined);
}
