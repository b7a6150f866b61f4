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
  // Consumer retries 5 s apart (instead of minutes), so a throttled mail server's recovery shows within the test;
  // longer than an invocation takes on a busy machine, or SQS hands a message still being handled out again.
  platform = await startE2ePlatform('e2e-notifications', {
    consumerQueues: { visibilityTimeoutMs: 5_000, maxReceiveCount: 24 },
  });
});

afterAll(async () => {
  await platform?.stop();
});

const WAIT = { timeoutMs: 30_000, intervalMs: 150 };

/** An innovation of `opdId`, created by its user `opd.<opdId>` and registered into a cycle opened for it. */
async function registered(name: string, opdId = 'dinkes'): Promise<string> {
  const cycle = await call('POST', '/cycles', 'koordinator', cycleAhead(`Siklus ${name}`));
  const cycleId = cycle.body.id as string;
  expect((await call('POST', `/cycles/${cycleId}/open`, 'koordinator')).status).toBe(200);
  const created = await call('POST', '/innovations', `opd.${opdId}`, {
    name,
    opdId,
    problemStatement: 'Masalah yang jelas.',
    beneficiaries: 'Warga',
  });
  const id = created.body.id as string;
  // The track opens from the bus: until then the registration may be refused as not yet possible.
  await retryUntil(
    () => call('POST', `/innovations/${id}/register`, `opd.${opdId}`, { cycleId }),
    (answer) => answer.status === 200,
    WAIT,
  );
  return id;
}

/** Asks to advance `id` (an innovation of dinkes) and has the coordinator return the request with `reasons`. */
async function returnRequest(id: string, reasons: string): Promise<void> {
  const requested = await retryUntil(
    () => call('POST', `/innovations/${id}/track/advance-requests`, 'opd.dinkes', {}),
    (answer) => answer.status === 201,
    WAIT,
  );
  const returned = await call(
    'POST',
    `/innovations/${id}/track/advance-requests/${requested.body.requestId}/return`,
    'koordinator',
    { reasons },
  );
  expect(returned.status).toBe(200);
}

describe('notifications, end to end', () => {
  it('keeps the inbox at once while SES is throttled, and mails once SES is back', { timeout: 120_000 }, async () => {
    expect((await call('GET', '/notifications', 'opd.dinkes')).status).toBe(200);
    await platform.faults.set('ses-throttled', {});
    try {
      await returnRequest(await registered('Pasar Daring Solok'), 'Data pedagang belum ada.');
      await retryUntil(
        () => call('GET', '/notifications', 'opd.dinkes'),
        (answer) => JSON.stringify(answer.body).includes('Pasar Daring Solok'),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      // The mail was tried and refused (the fault acted), and nothing reached the mailbox.
      await retryUntil(
        async () => platform.faults.list().find((fault) => fault.name === 'ses-throttled')?.acted ?? 0,
        (acted) => acted > 0,
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      const mailbox = platform.mailbox;
      if (!mailbox) throw new Error('the platform runs no SES emulator');
      expect((await mailbox.mails()).filter((mail) => mail.subject.includes('Pasar Daring Solok'))).toEqual([]);
    } finally {
      await platform.faults.clear('ses-throttled');
    }
    const mailbox = platform.mailbox;
    if (!mailbox) throw new Error('the platform runs no SES emulator');
    // The OPD's mail about the return (the coordinators are mailed about the request itself, a mail of its own).
    const returnedSubject = 'Permintaan naik tahap "Pasar Daring Solok" dikembalikan';
    const returnedMails = async () => (await mailbox.mails()).filter((mail) => mail.subject === returnedSubject);
    await retryUntil(returnedMails, (found) => found.length > 0, { timeoutMs: 60_000, intervalMs: 300 });
    await platform.bus.whenIdle();
    const mails = await returnedMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([expect.stringMatching(/^opd\.dinkes@/)]);
  });

  it('tells an OPD user who never opened the inbox: the user directory is known from the start', async () => {
    // opd.distan calls only the submissions API before the event: the notifications service knows them from the
    // region's user directory, synced as the platform started (not from its first scheduled run, a minute later).
    await registered('Kartu Tani Daring', 'distan');
    // The registration's event leaves through the outbox, whose stream poller may not have published it yet when the
    // registration answers (an idle bus then proves nothing): the inbox is read until it is there, bounded.
    const subjects = (answer: { body: Json }) => (answer.body.items as Json[]).map((item) => item.subject);
    const inbox = await retryUntil(
      () => call('GET', '/notifications', 'opd.distan'),
      (answer) => answer.status === 200 && subjects(answer).includes('Inovasi "Kartu Tani Daring" terdaftar'),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(inbox.status).toBe(200);
    expect(subjects(inbox)).toContain('Inovasi "Kartu Tani Daring" terdaftar');
  });

  it('tells the OPD of a returned request in its inbox and by e-mail, once', { timeout: 120_000 }, async () => {
    const id = await registered('Antrean Puskesmas Daring');
    await returnRequest(id, 'Uraian akar masalah belum ada.');

    const inbox = await retryUntil(
      () => call('GET', '/notifications', 'opd.dinkes'),
      (answer) =>
        JSON.stringify(answer.body).includes('Permintaan naik tahap \\"Antrean Puskesmas Daring\\" dikembalikan'),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const returnedSubject = 'Permintaan naik tahap "Antrean Puskesmas Daring" dikembalikan';
    const entry = (inbox.body.items as Json[]).find((item) => item.subject === returnedSubject);
    expect(entry).toMatchObject({ subject: returnedSubject, link: `/innovations/${id}` });
    expect(String(entry?.body)).toContain('Uraian akar masalah belum ada.');

    const mailbox = platform.mailbox;
    if (!mailbox) throw new Error('the platform runs no SES emulator');
    const mails = await retryUntil(
      async () => (await mailbox.mails()).filter((mail) => mail.subject === returnedSubject),
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
