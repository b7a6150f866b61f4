import { InnovationRegistered } from '@inovda/contracts';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPeriod, periodEnd } from '../src/domain/preferences';
import { sendClosedDigests } from '../src/use-cases/digests';
import { startHarness } from './harness';

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness();
  expect((await h.inbox('balitbang')).status).toBe(200);
});

afterAll(async () => {
  await h?.stop();
});

describe('daily digests', () => {
  it('collect a period, send it once it closes, once, and lose nothing to a missed run', async () => {
    // Registrations go to the daily digest by default.
    const now = new Date();
    for (const name of ['Bank Sampah Digital', 'Lapor Banjir']) {
      await h.deliver(InnovationRegistered, {
        innovationId: ulid(),
        opdId: 'balitbang',
        version: 2,
        name,
        cycleId: ulid(),
        registeredAt: now.toISOString(),
      });
    }
    const immediate = (await h.emails()).filter((mail) => mail.to.startsWith('opd.balitbang@'));
    expect(immediate).toEqual([]);

    // Before the period closes, nothing goes out.
    expect(await sendClosedDigests(h.depsAt(now))).toEqual({ sent: 0 });
    // Runs were missed: a day and an hour later the first run sends the period, whole.
    const later = new Date(periodEnd(digestPeriod('daily', now)).getTime() + 3_600_000);
    expect((await sendClosedDigests(h.depsAt(later))).sent).toBeGreaterThanOrEqual(1);
    const digests = (await h.emails()).filter((mail) => mail.to.startsWith('opd.balitbang@'));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toBe('Ringkasan harian inovda: 2 pemberitahuan');
    expect(digests[0]?.text).toContain('Bank Sampah Digital');
    expect(digests[0]?.text).toContain('Lapor Banjir');
    // A repeated run sends nothing twice.
    expect(await sendClosedDigests(h.depsAt(later))).toEqual({ sent: 0 });
    expect((await h.emails()).filter((mail) => mail.to.startsWith('opd.balitbang@'))).toHaveLength(1);
  });
});
