import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InnovationDrafted, StageAdvanced } from '@inovda/contracts';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptDelivery, recordDeliveries, retryDue } from '../src/use-cases/webhook-delivery';
import { MAX_ATTEMPTS } from '../src/webhooks/schedule';
import { startHarness } from './harness';

/**
 * An endpoint that fails every attempt for more than a day (one delivery's whole schedule) is disabled, and its OPD
 * told; not before. The retry schedule runs on a clock the test moves; the receiver is real and always answers 500.
 */

let h: Awaited<ReturnType<typeof startHarness>>;
let receiver: Server;
let received = 0;
let receiverUrl: string;

beforeAll(async () => {
  h = await startHarness();
  expect((await h.inbox('dinkes')).status).toBe(200);
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      if (request.url?.endsWith('/gone')) response.writeHead(410).end();
      else response.writeHead(500, { 'content-type': 'text/plain' }).end('rusak');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await h?.stop();
});

type Delivery = { id: string; status: string; attempts: Array<{ status?: number }>; nextAttemptAt?: string };

describe('an endpoint failing for a sustained run', () => {
  it('is retried on the schedule, disabled after every attempt failed for a day, and its OPD told', async () => {
    const created = await h.createWebhook('dinkes', 'dinkes', { url: receiverUrl, eventTypes: ['StageAdvanced'] });
    expect(created.status).toBe(201);
    const webhookId = (created.body.webhook as { id: string }).id;

    const innovationId = ulid();
    await h.deliver(InnovationDrafted, {
      innovationId,
      opdId: 'dinkes',
      version: 1,
      name: 'Posyandu Keliling',
      profile: { name: 'Posyandu Keliling', opdId: 'dinkes' },
    });
    const advanced = await h.deliver(StageAdvanced, {
      innovationId,
      opdId: 'dinkes',
      cycleId: ulid(),
      trackVersion: 3,
      requestId: ulid(),
      from: 'drum-up',
      to: 'diagnose',
    });
    const deliveryId = advanced.detail.metadata.eventId;
    const delivery = async (): Promise<Delivery> => {
      const log = await h.deliveries('dinkes', 'dinkes', webhookId);
      const found = (log.body.items as Delivery[]).find((item) => item.id === deliveryId);
      if (!found) throw new Error('the delivery is not in the log');
      return found;
    };
    const endpoint = async () => (await h.getWebhook('dinkes', 'dinkes', webhookId)).body;

    let clock = new Date();
    const deps = h.webhookDepsAt(() => clock);
    expect(await attemptDelivery(deps, 'dinkes', webhookId, deliveryId, 'request')).toBe('applied');
    // A redelivered request after the first attempt sends nothing.
    expect(await attemptDelivery(deps, 'dinkes', webhookId, deliveryId, 'request')).toBe('duplicate');
    expect(received).toBe(1);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const due = (await delivery()).nextAttemptAt;
      expect(due, `a retry is due after attempt ${attempt - 1}`).toBeDefined();
      // Not a moment early: a run just before the due time attempts nothing.
      clock = new Date(Date.parse(due as string) - 1_000);
      await retryDue(deps);
      expect(received).toBe(attempt - 1);
      clock = new Date(Date.parse(due as string) + 1_000);
      expect(await retryDue(deps)).toBeGreaterThanOrEqual(1);
      expect(received).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect((await endpoint()).status, `still enabled after ${attempt} failures`).toBe('enabled');
        expect(await h.outbox('WebhookEndpointDisabled')).toEqual([]);
      }
    }

    const last = await delivery();
    expect(last.status).toBe('failed');
    expect(last.nextAttemptAt).toBeUndefined();
    expect(last.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(last.attempts.every((entry) => entry.status === 500)).toBe(true);
    const disabled = await endpoint();
    expect(disabled).toMatchObject({
      status: 'disabled',
      disabledReason: 'sustained-failures',
      consecutiveFailures: MAX_ATTEMPTS,
    });

    // The OPD is told: one WebhookEndpointDisabled in the outbox, which reaches its inbox (category integration).
    const told = await h.outbox('WebhookEndpointDisabled');
    expect(told).toHaveLength(1);
    expect(told[0]?.detail.data).toMatchObject({ webhookId, opdId: 'dinkes', reason: 'sustained-failures' });
    await h.redeliver(told[0] as { source: string; detailType: string; detail: unknown });
    const inbox = await h.inbox('dinkes');
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ eventType: 'WebhookEndpointDisabled', category: 'integration' }),
    );

    // A disabled endpoint gets nothing more: no retry, no new delivery, no replay until it is re-enabled.
    clock = new Date(clock.getTime() + 48 * 3600 * 1000);
    await retryDue(deps);
    expect(received).toBe(MAX_ATTEMPTS);
    const replay = await h.replay('dinkes', 'dinkes', webhookId, deliveryId);
    expect(replay.status).toBe(409);
    const reEnabled = await h.updateWebhook('dinkes', 'dinkes', webhookId, { enabled: true });
    expect(reEnabled.body).toMatchObject({ status: 'enabled', consecutiveFailures: 0 });
    expect(reEnabled.body).not.toHaveProperty('disabledReason');
  });
});

describe('the retry schedule with a disabled endpoint', () => {
  it("does not let a disabled endpoint's waiting deliveries crowd out other endpoints' retries", async () => {
    const endpoint = async (path: string, eventType: string) => {
      const created = await h.createWebhook('capil', 'disdukcapil', {
        url: `${receiverUrl}/${path}`,
        eventTypes: [eventType],
      });
      expect(created.status).toBe(201);
      return (created.body.webhook as { id: string }).id;
    };
    const disabled = await endpoint('mati', 'StageAdvanced');
    const healthy = await endpoint('sehat', 'StageReturned');
    const innovationId = ulid();
    await h.deliver(InnovationDrafted, {
      innovationId,
      opdId: 'disdukcapil',
      version: 1,
      name: 'KTP Keliling',
      profile: { name: 'KTP Keliling', opdId: 'disdukcapil' },
    });
    const events: string[] = [];
    for (let index = 0; index < 3; index++) {
      const advanced = await h.deliver(StageAdvanced, {
        innovationId,
        opdId: 'disdukcapil',
        cycleId: ulid(),
        trackVersion: 3 + index,
        requestId: ulid(),
        from: 'drum-up',
        to: 'diagnose',
      });
      events.push(advanced.detail.metadata.eventId);
    }
    const t0 = Date.now();
    let clock = new Date(t0);
    const deps = h.webhookDepsAt(() => clock);
    // The first attempts fail: the soon-disabled endpoint's three retries fall due (about 30 s on) before the
    // healthy endpoint's, whose delivery is recorded and first attempted a minute later.
    for (const id of events)
      expect(await attemptDelivery(deps, 'disdukcapil', disabled, id, 'request')).toBe('applied');
    clock = new Date(t0 + 60_000);
    const returned = ulid();
    const recorded = await recordDeliveries(
      deps,
      { eventId: returned, type: 'StageReturned', occurredAt: clock.toISOString(), correlationId: 'corr-uji' },
      'disdukcapil',
      '{}',
    );
    expect(recorded).toBe(1);
    expect(await attemptDelivery(deps, 'disdukcapil', healthy, returned, 'request')).toBe('applied');
    expect((await h.updateWebhook('capil', 'disdukcapil', disabled, { enabled: false })).status).toBe(200);

    // Runs of the schedule, each taking two deliveries: the healthy endpoint's retry must be made.
    clock = new Date(t0 + 100_000);
    for (let run = 0; run < 3; run++) await retryDue(deps, 2);
    const log = await h.deliveries('capil', 'disdukcapil', healthy);
    const retried = (log.body.items as Delivery[]).find((item) => item.id === returned);
    expect(retried?.attempts).toHaveLength(2);
    // The disabled endpoint's deliveries are given up (replayable once it is re-enabled), not retried.
    const given = await h.deliveries('capil', 'disdukcapil', disabled);
    for (const item of given.body.items as Delivery[]) {
      expect(item.attempts).toHaveLength(1);
      expect(item.nextAttemptAt).toBeUndefined();
      expect(item.status).toBe('failed');
    }
  });
});

describe('an endpoint answering 410 Gone', () => {
  it('is disabled at once, its OPD told', async () => {
    const created = await h.createWebhook('dinkes', 'dinkes', {
      url: `${receiverUrl}/gone`,
      eventTypes: ['StageReturned'],
    });
    expect(created.status).toBe(201);
    const webhookId = (created.body.webhook as { id: string }).id;
    const deps = h.webhookDepsAt(new Date());
    const eventId = ulid();
    const event = { eventId, type: 'StageReturned', occurredAt: new Date().toISOString(), correlationId: 'corr-uji' };
    expect(await recordDeliveries(deps, event, 'dinkes', '{}')).toBe(1);
    expect(await attemptDelivery(deps, 'dinkes', webhookId, eventId, 'request')).toBe('applied');
    expect((await h.getWebhook('dinkes', 'dinkes', webhookId)).body).toMatchObject({
      status: 'disabled',
      disabledReason: 'gone',
      consecutiveFailures: 1,
    });
    const told = (await h.outbox('WebhookEndpointDisabled')).filter(
      (e) => (e.detail.data as { webhookId?: string }).webhookId === webhookId,
    );
    expect(told).toHaveLength(1);
  });
});

describe('the retry schedule', () => {
  it('is measured from the first attempt, not from when the delivery was recorded (a slow queue)', async () => {
    const created = await h.createWebhook('balitbang', 'balitbang', {
      url: `${receiverUrl}/lambat`,
      eventTypes: ['StageReturned'],
    });
    expect(created.status).toBe(201);
    const webhookId = (created.body.webhook as { id: string }).id;
    const recordedAt = new Date();
    const eventId = ulid();
    const event = { eventId, type: 'StageReturned', occurredAt: recordedAt.toISOString(), correlationId: 'corr-uji' };
    expect(await recordDeliveries(h.webhookDepsAt(recordedAt), event, 'balitbang', '{}')).toBe(1);
    // The deliver-webhook queue was held up for two hours: the first attempt is made then.
    const firstAt = new Date(recordedAt.getTime() + 2 * 3600_000);
    const deps = h.webhookDepsAt(firstAt);
    expect(await attemptDelivery(deps, 'balitbang', webhookId, eventId, 'request')).toBe('applied');
    const log = await h.deliveries('balitbang', 'balitbang', webhookId);
    const due = Date.parse((log.body.items as Delivery[])[0]?.nextAttemptAt ?? '');
    // About 30 s after the first attempt (±10 %), not long past already.
    expect(due - firstAt.getTime()).toBeGreaterThanOrEqual(27_000);
    expect(due - firstAt.getTime()).toBeLessThanOrEqual(33_000);
    // A run right then retries nothing: the second attempt waits its 30 s.
    await retryDue(deps);
    const after = await h.deliveries('balitbang', 'balitbang', webhookId);
    expect((after.body.items as Delivery[])[0]?.attempts).toHaveLength(1);
  });
});
