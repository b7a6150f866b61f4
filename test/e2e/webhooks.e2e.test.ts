import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalPlatform } from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../services/notifications/src/webhooks/verify';
import { cycleAhead } from '../support/cycle-ahead';
import { apiCaller, type Json, retryUntil, startE2ePlatform } from './e2e-platform';

/**
 * An OPD's webhooks end to end: it registers an endpoint (a receiver in this test, on loopback, which only the local
 * runtime allows), gets its secret once, and receives the events it subscribed to, signed the Standard Webhooks way
 * (every signature verified here); a failure is logged per attempt and retried; a replay delivers again with the
 * same webhook-id; a rotated secret still lets the old one verify during the overlap. Another OPD sees nothing.
 */

interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
}

let platform: LocalPlatform;
let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
let answerWith = 204;
const call = apiCaller(() => platform);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  receiver = createServer(async (request, response) => {
    const body = await readBody(request);
    received.push({ headers: request.headers as Record<string, string>, body });
    response.writeHead(answerWith, { 'content-type': 'text/plain' });
    response.end(answerWith >= 300 ? 'sistem kami sedang gangguan' : '');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/inovda`;
  platform = await startE2ePlatform('e2e-webhooks');
});

afterAll(async () => {
  await platform?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** An innovation of dinkes registered into a fresh cycle, with its advance request pending. */
async function pendingRequest(): Promise<{ id: string; requestId: string }> {
  const cycle = await call('POST', '/cycles', 'koordinator', cycleAhead('Siklus uji webhook'));
  const cycleId = cycle.body.id as string;
  await call('POST', `/cycles/${cycleId}/open`, 'koordinator');
  const created = await call('POST', '/innovations', 'opd.dinkes', {
    name: 'Rekam Medis Terpadu',
    opdId: 'dinkes',
    problemStatement: 'Rekam medis pasien tersebar di banyak puskesmas.',
    beneficiaries: 'Pasien',
  });
  const id = created.body.id as string;
  const wait = { timeoutMs: 30_000, intervalMs: 150 };
  await retryUntil(
    () => call('POST', `/innovations/${id}/register`, 'opd.dinkes', { cycleId }),
    (a) => a.status === 200,
    wait,
  );
  const requested = await retryUntil(
    () => call('POST', `/innovations/${id}/track/advance-requests`, 'opd.dinkes', {}),
    (a) => a.status === 201,
    wait,
  );
  return { id, requestId: requested.body.requestId as string };
}

const deliveredOf = (type: string) => received.filter((message) => JSON.parse(message.body).type === type);

describe("an OPD's webhooks", () => {
  it('registers an endpoint, refuses unsafe ones, and keeps it from other OPDs', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.8/hook', 'ftp://127.0.0.1/x']) {
      const refused = await call('POST', '/opds/dinkes/webhooks', 'opd.dinkes', { url, eventTypes: ['StageReturned'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.code).toBe('validation-failed');
    }
    const unknownType = await call('POST', '/opds/dinkes/webhooks', 'opd.dinkes', {
      url: receiverUrl,
      eventTypes: ['Whatever'],
    });
    expect(unknownType.status).toBe(400);
    expect(
      (
        await call('POST', '/opds/dinkes/webhooks', 'opd.disdukcapil', {
          url: receiverUrl,
          eventTypes: ['StageReturned'],
        })
      ).status,
    ).toBe(404);
    expect((await call('GET', '/opds/dinkes/webhooks', 'opd.disdukcapil')).status).toBe(404);
    expect((await call('GET', '/opds/dinkes/webhooks', 'koordinator')).status).toBe(403);
  });

  it('delivers signed events, logs and retries failures, replays, and rotates the secret with an overlap', {
    timeout: 180_000,
  }, async () => {
    const created = await call('POST', '/opds/dinkes/webhooks', 'opd.dinkes', {
      url: receiverUrl,
      eventTypes: ['StageReturned', 'StageAdvanced'],
      description: 'SIMPUS Dinkes',
    });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const webhookId = (created.body.webhook as Json).id as string;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await call('GET', `/opds/dinkes/webhooks/${webhookId}`, 'opd.dinkes')).body)).not.toContain(
      secret,
    );
    expect((await call('GET', '/opds/dinkes/webhooks', 'admin')).status).toBe(200);

    // A return reaches the endpoint, signed.
    const first = await pendingRequest();
    await call('POST', `/innovations/${first.id}/track/advance-requests/${first.requestId}/return`, 'koordinator', {
      reasons: 'Akar masalah belum diuraikan.',
    });
    const [returned] = await retryUntil(
      async () => deliveredOf('StageReturned'),
      (found) => found.length > 0,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    if (!returned) throw new Error('no StageReturned delivery');
    expect(verifyWebhook(returned.body, returned.headers, [secret])).toBe(true);
    expect(verifyWebhook(returned.body, returned.headers, ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'])).toBe(false);
    const payload = JSON.parse(returned.body) as { type: string; data: Json };
    expect(payload.data).toMatchObject({ innovationId: first.id, reasons: 'Akar masalah belum diuraikan.' });
    expect((payload.data.message as Json).subject).toBe('Permintaan naik tahap "Rekam Medis Terpadu" dikembalikan');

    // The receiver fails: the attempt is logged with its status and excerpt, and a retry is scheduled.
    answerWith = 503;
    const second = await pendingRequest();
    await call(
      'POST',
      `/innovations/${second.id}/track/advance-requests/${second.requestId}/approve`,
      'koordinator',
      {},
    );
    const log = await retryUntil(
      () => call('GET', `/opds/dinkes/webhooks/${webhookId}/deliveries`, 'opd.dinkes'),
      (answer) =>
        (answer.body.items as Json[] | undefined)?.some(
          (item) => item.eventType === 'StageAdvanced' && (item.attempts as Json[]).length > 0,
        ) === true,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const failed = (log.body.items as Json[]).find((item) => item.eventType === 'StageAdvanced') as Json;
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: [{ status: 503, excerpt: 'sistem kami sedang gangguan' }],
    });
    expect(typeof failed.nextAttemptAt).toBe('string');
    expect((await call('GET', `/opds/dinkes/webhooks/${webhookId}/deliveries`, 'opd.disdukcapil')).status).toBe(404);

    // Fixed, the OPD replays it: the same webhook-id, delivered.
    answerWith = 200;
    const replayed = await call(
      'POST',
      `/opds/dinkes/webhooks/${webhookId}/deliveries/${failed.id}/replay`,
      'opd.dinkes',
    );
    expect(replayed.status).toBe(200);
    const advanced = await retryUntil(
      async () => deliveredOf('StageAdvanced'),
      (found) => found.length >= 2,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(new Set(advanced.map((message) => message.headers['webhook-id'])).size).toBe(1);
    const delivered = await retryUntil(
      () => call('GET', `/opds/dinkes/webhooks/${webhookId}/deliveries`, 'opd.dinkes'),
      (answer) => (answer.body.items as Json[]).some((item) => item.id === failed.id && item.status === 'delivered'),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect((delivered.body.items as Json[]).find((item) => item.id === failed.id)?.status).toBe('delivered');

    // A new secret, shown once; during the overlap a delivery verifies with either.
    const rotated = await call('POST', `/opds/dinkes/webhooks/${webhookId}/secret/rotate`, 'opd.dinkes');
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(secret);
    const third = await pendingRequest();
    await call('POST', `/innovations/${third.id}/track/advance-requests/${third.requestId}/return`, 'koordinator', {
      reasons: 'Lengkapi penerima manfaat.',
    });
    const afterRotation = await retryUntil(
      async () => deliveredOf('StageReturned').filter((message) => message.body.includes(third.id)),
      (found) => found.length > 0,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const message = afterRotation[0] as Received;
    expect(verifyWebhook(message.body, message.headers, [newSecret])).toBe(true);
    expect(verifyWebhook(message.body, message.headers, [secret])).toBe(true);
  });
});
