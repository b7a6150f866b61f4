import { InnovationDrafted, InnovationRegistered, StageAdvanced, StageReturned } from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, startHarness } from './harness';

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness();
  // Users become known by signing in: opening their inbox once.
  for (const who of ['dinkes', 'capil', 'coordinator'] as const) expect((await h.inbox(who)).status).toBe(200);
});

afterAll(async () => {
  await h?.stop();
});

const CYCLE = ulid();
const track = (innovationId: string, opdId = 'dinkes') => ({ innovationId, opdId, cycleId: CYCLE, trackVersion: 3 });

async function drafted(opdId = 'dinkes'): Promise<string> {
  const innovationId = ulid();
  await h.deliver(InnovationDrafted, {
    innovationId,
    opdId,
    version: 1,
    name: 'Posyandu Keliling',
    profile: { name: 'Posyandu Keliling', opdId },
  });
  return innovationId;
}

describe('the inbox', () => {
  it("tells the owner OPD what happened to its innovation, in Indonesian, once, and no one else's inbox", async () => {
    const id = await drafted();
    const returned = await h.deliver(StageReturned, {
      ...track(id),
      requestId: ulid(),
      stage: 'design',
      reasons: 'Rancang bangun belum memuat anggaran.',
    });
    await h.redeliver(returned); // at-least-once delivery: nothing doubles

    const inbox = await h.inbox('dinkes');
    const entries = (
      inbox.body.items as Array<{ eventId: string; subject: string; body: string; link: string }>
    ).filter((entry) => entry.eventId === returned.detail.metadata.eventId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      subject: 'Permintaan naik tahap "Posyandu Keliling" dikembalikan',
      link: `/innovations/${id}`,
    });
    expect(entries[0]?.body).toContain('Rancang bangun belum memuat anggaran.');
    const others = await h.inbox('capil');
    expect(JSON.stringify(others.body)).not.toContain(returned.detail.metadata.eventId);
  });

  it('tells the owner OPD and the coordinators of a registration, and mails the official address of an OPD', async () => {
    const id = await drafted('dpmptsp');
    const registered = await h.deliver(InnovationRegistered, {
      innovationId: id,
      opdId: 'dpmptsp',
      version: 2,
      name: 'Posyandu Keliling',
      cycleId: CYCLE,
      registeredAt: new Date().toISOString(),
    });
    const coordinator = await h.inbox('coordinator');
    expect(JSON.stringify(coordinator.body)).toContain(registered.detail.metadata.eventId);
    const mails = await h.emails();
    const official = mails.filter((mail) => mail.to === 'dpmptsp@resmi.kota-uji.test');
    expect(official).toHaveLength(1);
    expect(official[0]?.text).toContain(`${APP_ORIGIN}/innovations/${id}`);
    expect(official[0]?.html).toContain('<a href=');
    // The coordinator signed in with a verified address, and registrations go out as a daily digest by default:
    // nothing immediate for them.
    expect(mails.filter((mail) => mail.to.startsWith('koordinator@'))).toEqual([]);
  });

  it("counts unread, marks one and all read, and refuses to mark another user's notification", async () => {
    const id = await drafted();
    const advanced = await h.deliver(StageAdvanced, {
      ...track(id),
      requestId: ulid(),
      from: 'drum-up',
      to: 'diagnose',
    });
    const eventId = advanced.detail.metadata.eventId;
    const before = (await h.inbox('dinkes')).body.unread as number;
    expect(before).toBeGreaterThan(0);
    expectProblem(await h.markRead('capil', eventId), 'not-found');
    expect((await h.markRead('dinkes', eventId)).body).toEqual({ unread: before - 1 });
    expect((await h.markRead('dinkes', eventId)).body).toEqual({ unread: before - 1 });
    expect((await h.markAllRead('dinkes')).body).toEqual({ unread: 0 });
    const after = await h.inbox('dinkes');
    expect(after.body.unread).toBe(0);
    expect((after.body.items as Array<{ readAt?: string }>).every((entry) => entry.readAt !== undefined)).toBe(true);
  });

  it('follows the preferences: a category switched off reaches no inbox; a stale If-Match is refused', async () => {
    const prefs = await h.preferences('dinkes');
    expect(prefs.body).toMatchObject({ version: 0, categories: { stage: { inbox: 'immediate', email: 'immediate' } } });
    const set = await h.setPreferences(
      'dinkes',
      { categories: { stage: { inbox: 'off', email: 'off' } } },
      { 'if-match': '"0"' },
    );
    expect(set.status).toBe(200);
    expectProblem(
      await h.setPreferences(
        'dinkes',
        { categories: { stage: { inbox: 'immediate', email: 'off' } } },
        { 'if-match': '"0"' },
      ),
      'version-mismatch',
    );
    const id = await drafted();
    const advanced = await h.deliver(StageAdvanced, {
      ...track(id),
      requestId: ulid(),
      from: 'drum-up',
      to: 'diagnose',
    });
    expect(JSON.stringify((await h.inbox('dinkes')).body)).not.toContain(advanced.detail.metadata.eventId);
    expect(JSON.stringify((await h.inbox('capil')).body)).not.toContain(advanced.detail.metadata.eventId);
  });
});
