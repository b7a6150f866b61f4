import { StageAdvanced } from '@inovda/contracts';
import type { DirectoryEntry } from '@inovda/local';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness';

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** A user of the region's pool who has never called the platform (onboarded by an administrator). */
function staff(name: string, fields: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return {
    sub: `sub-${name}-${ulid()}`,
    username: name,
    name,
    email: `${name}@kota-uji.test`,
    roles: ['opd'],
    opdId: 'dinkes',
    ...fields,
  };
}

/** A stage advance of a fresh innovation of `opdId`: told to that OPD's users. */
async function advanceOf(opdId: string): Promise<string> {
  const event = await h.deliver(StageAdvanced, {
    innovationId: ulid(),
    opdId,
    cycleId: ulid(),
    trackVersion: 2,
    requestId: ulid(),
    from: 'drum-up',
    to: 'diagnose',
  });
  return event.detail.metadata.eventId;
}

/** The event ids in a user's inbox, read from the table (reading it through the API would sign them in). */
async function inboxOf(sub: string): Promise<string[]> {
  const page = await h.depsAt(new Date()).store.inboxPage(sub, 100);
  return page.items.map((entry) => entry.eventId);
}

async function mailsTo(address: string): Promise<number> {
  return (await h.emails()).filter((mail) => mail.to === address).length;
}

describe('the region user directory', () => {
  it('tells OPD staff who never signed in, by inbox and at their verified address only', async () => {
    const verified = staff('rina');
    const unverified = staff('ahmad', { emailVerified: false });
    h.setDirectory([verified, unverified]);
    await h.syncDirectory();

    const eventId = await advanceOf('dinkes');
    expect(await inboxOf(verified.sub)).toContain(eventId);
    expect(await inboxOf(unverified.sub)).toContain(eventId);
    expect(await mailsTo(verified.email)).toBe(1);
    expect(await mailsTo(unverified.email)).toBe(0);
  });

  it('follows a move to another OPD, and stops telling a user removed or disabled in the pool', async () => {
    const mover = staff('dewi');
    const leaver = staff('hendra');
    const disabled = staff('sri');
    h.setDirectory([mover, leaver, disabled]);
    await h.syncDirectory();
    const before = await advanceOf('dinkes');
    for (const user of [mover, leaver, disabled]) expect(await inboxOf(user.sub)).toContain(before);

    h.setDirectory([
      { ...mover, opdId: 'disdukcapil' },
      { ...disabled, enabled: false },
    ]);
    await h.syncDirectory();
    const dinkes = await advanceOf('dinkes');
    const capil = await advanceOf('disdukcapil');
    expect(await inboxOf(mover.sub)).toContain(capil);
    expect(await inboxOf(mover.sub)).not.toContain(dinkes);
    for (const user of [leaver, disabled]) {
      expect(await inboxOf(user.sub)).not.toContain(dinkes);
      expect(await inboxOf(user.sub)).not.toContain(capil);
    }

    // Back in the pool: told again from the next sync on.
    h.setDirectory([leaver]);
    await h.syncDirectory();
    const again = await advanceOf('dinkes');
    expect(await inboxOf(leaver.sub)).toContain(again);
  });

  it('lists every page of a large group, spares a sign-in newer than the listing, and rewrites nothing', async () => {
    // A kabupaten's OPD staff: more than one page (60) of the `opd` group, one of them also an evaluator.
    const many = Array.from({ length: 130 }, (_, index) => staff(`pegawai${index}`, { opdId: 'dpmptsp' }));
    const twoRoles = { ...staff('nur', { opdId: 'dpmptsp' }), roles: ['opd', 'evaluator'] as const };
    h.setDirectory([...many, twoRoles]);
    const listingBegan = new Date(Date.now() - 60_000);
    expect((await h.inbox('capil')).status).toBe(200); // signs in after the listing began; not listed in it

    const first = await h.syncDirectoryAt(listingBegan);
    expect(first.listed).toBe(131);
    const known = await h.depsAt(new Date()).store.knownUsers();
    expect(known.find((user) => user.sub === twoRoles.sub)?.roles).toEqual(['evaluator', 'opd']);
    expect(known.filter((user) => many.some((listed) => listed.sub === user.sub) && !user.leftAt)).toHaveLength(130);
    expect(known.find((user) => user.sub === 'sub-capil')?.leftAt).toBeUndefined();

    // A listing that began after that sign-in is the authority: the user is not in the pool, so is told no more.
    const second = await h.syncDirectoryAt(new Date());
    expect(second).toEqual({ listed: 131, written: 0, left: 1 });
    const third = await h.syncDirectoryAt(new Date());
    expect(third).toEqual({ listed: 131, written: 0, left: 0 });
    const eventId = await advanceOf('dpmptsp');
    expect(await inboxOf(many[129]?.sub ?? '')).toContain(eventId);
  });
});
