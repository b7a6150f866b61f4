import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presentUsers, reconcileDirectory } from './directory';
import type { KnownUser } from './model';
import type { DirectoryUser } from './recipients';

const STARTED = new Date('2026-03-02T08:00:00Z');
const BEFORE = '2026-03-02T07:00:00.000Z';
const AFTER = '2026-03-02T08:00:30.000Z';

const dinkes: DirectoryUser = { sub: 'u1', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes', email: 'a@x.id' };
const koor: DirectoryUser = { sub: 'u2', username: 'koordinator', roles: ['coordinator'], opdId: 'balitbang' };

/** Applies a reconciliation to the known users, as the store does. */
function apply(known: readonly KnownUser[], changes: ReturnType<typeof reconcileDirectory>): KnownUser[] {
  const bySub = new Map(known.map((user) => [user.sub, user]));
  for (const user of [...changes.upserts, ...changes.departures]) bySub.set(user.sub, user);
  return [...bySub.values()];
}

describe('reconciling the known users with the directory', () => {
  it('writes users new to the service, without a sign-in time', () => {
    const changes = reconcileDirectory([], [dinkes, koor], STARTED);
    expect(changes.upserts.map((user) => user.sub)).toEqual(['u1', 'u2']);
    expect(changes.upserts.every((user) => user.seenAt === undefined && user.leftAt === undefined)).toBe(true);
    expect(changes.departures).toEqual([]);
  });

  it('leaves an unchanged user alone, whatever the order of the roles', () => {
    const known: KnownUser[] = [{ ...dinkes, roles: ['opd', 'evaluator'], seenAt: BEFORE }];
    const changes = reconcileDirectory(known, [{ ...dinkes, roles: ['evaluator', 'opd'] }], STARTED);
    expect(changes).toEqual({ upserts: [], departures: [] });
  });

  it('rewrites a user moved to another OPD and keeps their last sign-in', () => {
    const known: KnownUser[] = [{ ...dinkes, seenAt: BEFORE }];
    const changes = reconcileDirectory(known, [{ ...dinkes, opdId: 'distan' }], STARTED);
    expect(changes.upserts).toEqual([{ ...dinkes, opdId: 'distan', seenAt: BEFORE }]);
  });

  it('marks a user the directory no longer lists as left, from when the listing began', () => {
    const known: KnownUser[] = [{ ...dinkes, seenAt: BEFORE }, { ...koor }];
    const changes = reconcileDirectory(known, [koor], STARTED);
    expect(changes.departures).toEqual([{ ...dinkes, seenAt: BEFORE, leftAt: STARTED.toISOString() }]);
  });

  it('does not mark as left a user who signed in after the listing began (created meanwhile)', () => {
    const changes = reconcileDirectory([{ ...dinkes, seenAt: AFTER }], [], STARTED);
    expect(changes.departures).toEqual([]);
  });

  it('brings back a user who left and is listed again', () => {
    const known: KnownUser[] = [{ ...dinkes, seenAt: BEFORE, leftAt: BEFORE }];
    const changes = reconcileDirectory(known, [dinkes], STARTED);
    expect(changes.upserts).toEqual([{ ...dinkes, seenAt: BEFORE }]);
    expect(presentUsers(apply(known, changes)).map((user) => user.sub)).toEqual(['u1']);
  });

  it('is settled after one run: a second run over the same listing changes nothing', () => {
    const user = fc.record(
      {
        sub: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'),
        username: fc.constantFrom('a', 'b'),
        roles: fc.uniqueArray(fc.constantFrom('opd', 'coordinator', 'evaluator', 'admin'), { maxLength: 3 }),
        opdId: fc.constantFrom('dinkes', 'distan'),
        email: fc.constantFrom('a@x.id', 'b@x.id'),
      },
      { requiredKeys: ['sub', 'username', 'roles'] },
    );
    const known = fc.record(
      {
        sub: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'),
        username: fc.constantFrom('a', 'b'),
        roles: fc.uniqueArray(fc.constantFrom('opd', 'coordinator'), { maxLength: 2 }),
        opdId: fc.constantFrom('dinkes', 'distan'),
        seenAt: fc.constantFrom(BEFORE, AFTER),
        leftAt: fc.constant(BEFORE),
      },
      { requiredKeys: ['sub', 'username', 'roles'] },
    );
    const bySub = <T extends { sub: string }>(users: T[]) => [...new Map(users.map((u) => [u.sub, u])).values()];
    fc.assert(
      fc.property(fc.array(known, { maxLength: 5 }), fc.array(user, { maxLength: 5 }), (knownUsers, listedUsers) => {
        const before = bySub(knownUsers);
        const listed = bySub(listedUsers);
        const after = apply(before, reconcileDirectory(before, listed, STARTED));
        // Everyone listed is present, with the listed details; no one unlisted who signed in before the run is.
        const present = new Map(presentUsers(after).map((u) => [u.sub, u]));
        for (const entry of listed) {
          const user = present.get(entry.sub);
          expect([user?.opdId, user?.email, user?.roles]).toEqual([entry.opdId, entry.email, [...entry.roles].sort()]);
        }
        for (const entry of after.filter((u) => !listed.some((l) => l.sub === u.sub))) {
          if (entry.seenAt === undefined || entry.seenAt < STARTED.toISOString()) {
            expect(entry.leftAt).toBeDefined();
          }
        }
        expect(reconcileDirectory(after, listed, STARTED)).toEqual({ upserts: [], departures: [] });
      }),
    );
  });
});
