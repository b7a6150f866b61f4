import type { LocalPlatform } from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleAhead } from '../support/cycle-ahead';
import { apiCaller, type Json, retryUntil, startE2ePlatform } from './e2e-platform';

/**
 * Notifications end to end on the local runtime: an OPD's request is returned with reasons by a coordinator; the
 * OPD user finds it in their inbox (in Indonesian, with the reasons) and gets it by e-mail through the SES v2
 * emulator the platform runs, read back through its API: text and HTML parts, a link into the web app.
 */

let platform: LocalPlatform;
const call = apiCaller(() => platform);

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-notifications');
});

afterAll(async () => {
  await platform?.stop();
});

describe('notifications, end to end', () => {
  it('tells the OPD of a returned request in its inbox and by e-mail, once', { timeout: 120_000 }, async () => {
    // Users are known to the notifications service once they have opened their inbox (their sign-in).
    for (const user of ['opd.dinkes', 'koordinator'])
      expect((await call('GET', '/notifications', user)).status).toBe(200);

    const cycle = await call('POST', '/cycles', 'koordinator', cycleAhead('Siklus uji notifikasi'));
    const cycleId = cycle.body.id as string;
    expect((await call('POST', `/cycles/${cycleId}/open`, 'koordinator')).status).toBe(200);
    const created = await call('POST', '/innovations', 'opd.dinkes', {
      name: 'Antrean Puskesmas Daring',
      opdId: 'dinkes',
      problemStatement: 'Antrean panjang di puskesmas setiap pagi.',
      beneficiaries: 'Pasien puskesmas',
    });
    const id = created.body.id as string;
    await retryUntil(
      () => call('POST', `/innovations/${id}/register`, 'opd.dinkes', { cycleId }),
      (answer) => answer.status === 200,
      { timeoutMs: 30_000, intervalMs: 150 },
    );
    const requested = await retryUntil(
      () => call('POST', `/innovations/${id}/track/advance-requests`, 'opd.dinkes', {}),
      (answer) => answer.status === 201,
      { timeoutMs: 30_000, intervalMs: 150 },
    );
    const requestId = requested.body.requestId as string;
    const returned = await call(
      'POST',
      `/innovations/${id}/track/advance-requests/${requestId}/return`,
      'koordinator',
      {
        reasons: 'Uraian akar masalah belum ada.',
      },
    );
    expect(returned.status).toBe(200);

    const inbox = await retryUntil(
      () => call('GET', '/notifications', 'opd.dinkes'),
      (answer) => JSON.stringify(answer.body).includes('dikembalikan'),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const entry = (inbox.body.items as Json[]).find((item) => String(item.subject).includes('dikembalikan'));
    expect(entry).toMatchObject({
      subject: 'Permintaan naik tahap "Antrean Puskesmas Daring" dikembalikan',
      link: `/innovations/${id}`,
    });
    expect(String(entry?.body)).toContain('Uraian akar masalah belum ada.');

    const mailbox = platform.mailbox;
    if (!mailbox) throw new Error('the platform runs no SES emulator');
    const mails = await retryUntil(
      async () => (await mailbox.mails()).filter((mail) => mail.subject.includes('dikembalikan')),
      (found) => found.length > 0,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([expect.stringMatching(/^opd\.dinkes@/)]);
    expect(mails[0]?.text).toContain('Uraian akar masalah belum ada.');
    expect(mails[0]?.text).toContain(`/innovations/${id}`);
    expect(mails[0]?.html).toContain('<a href=');
    // The coordinator asked nothing of that decision: no mail to them about it.
    expect(mails.every((mail) => !String(mail.to).startsWith('koordinator@'))).toBe(true);
  });
});
