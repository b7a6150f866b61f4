import { WebhookDeliveryRequested, WebhookEndpointDisabled } from '@inovda/contracts';
import { type Applied, TransactionCancelled } from '@inovda/dynamo';
import { eventContext, systemActor } from '@inovda/kernel';
import { logger } from '@inovda/lambda-kit';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../domain/model';
import { WEBHOOK_DISABLED, WEBHOOK_GIVEN_UP } from '../webhooks/log-messages';
import { endpointVerdict, nextAttemptAt, recordAttempt } from '../webhooks/schedule';
import { signingSecrets } from '../webhooks/secret-store';
import { sendWebhook } from '../webhooks/send';
import { signWebhook } from '../webhooks/signing';
import { checkWebhookUrl } from '../webhooks/url-safety';
import type { WebhookDeps } from './webhook-context';

const SYSTEM = systemActor('notifications');

/** An event to an OPD's endpoints: the signed body (`type`, `timestamp`, `data`, as Standard Webhooks suggests). */
export function webhookPayload(event: {
  type: string;
  occurredAt: string;
  data: Readonly<Record<string, unknown>>;
  message: { subject: string; body: string };
}): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt,
    data: { ...event.data, message: event.message },
  });
}

/**
 * Records one delivery per endpoint of `opdId` subscribed to the event (once: keyed by event and endpoint), each
 * with its request on the bus; the first attempt is the deliver-webhook function's, from its own queue.
 */
export async function recordDeliveries(
  deps: Pick<WebhookDeps, 'webhooks' | 'regionId' | 'now'>,
  event: { eventId: string; type: string; occurredAt: string; correlationId: string },
  opdId: string,
  payload: string,
): Promise<number> {
  const now = deps.now();
  let recorded = 0;
  for (const endpoint of await deps.webhooks.endpoints(opdId)) {
    if (endpoint.status !== 'enabled' || !endpoint.eventTypes.includes(event.type)) continue;
    const delivery: WebhookDelivery = {
      id: event.eventId,
      webhookId: endpoint.id,
      opdId,
      eventId: event.eventId,
      eventType: event.type,
      payload,
      occurredAt: event.occurredAt,
      status: 'pending',
      attempts: [],
      seriesStartedAt: now.toISOString(),
      createdAt: now.toISOString(),
      version: 1,
    };
    const requested = WebhookDeliveryRequested.create(
      { webhookId: endpoint.id, opdId, deliveryId: delivery.id },
      eventContext(deps.regionId, { actor: SYSTEM, correlationId: event.correlationId }, now),
    );
    if (await deps.webhooks.addDelivery(delivery, [requested], now)) recorded += 1;
  }
  return recorded;
}

/** The attempt as the log keeps it. */
function logged(
  at: Date,
  attempt: { status?: number; latencyMs: number; excerpt: string; error?: string },
): WebhookAttempt {
  return {
    at: at.toISOString(),
    ...(attempt.status !== undefined ? { status: attempt.status } : {}),
    latencyMs: attempt.latencyMs,
    excerpt: attempt.excerpt || attempt.error || '',
  };
}

/**
 * One attempt of a pending delivery: the URL checked again (a name can be re-pointed at a private address after
 * registration), signed with the current secret (and the previous one during a rotation's overlap), sent; then the
 * log, the next attempt on the schedule (or given up), and the endpoint's health (disabled, with its OPD told,
 * after a sustained run of failures). A delivery no longer pending is a duplicate request: nothing is sent.
 */
export async function attemptDelivery(
  deps: WebhookDeps,
  opdId: string,
  webhookId: string,
  deliveryId: string,
  trigger: 'request' | 'schedule',
): Promise<Applied> {
  const [delivery, endpoint] = await Promise.all([
    deps.webhooks.delivery(webhookId, deliveryId),
    deps.webhooks.endpoint(opdId, webhookId),
  ]);
  if (delivery?.status !== 'pending') return 'duplicate';
  if (endpoint?.status !== 'enabled') {
    // Waiting for a retry on an endpoint disabled or removed meanwhile: given up, out of the retry index, or every
    // run of the schedule would read it again and enough of them would crowd out the other endpoints' retries.
    if (trigger === 'schedule' && delivery.nextAttemptAt) await giveUp(deps, delivery);
    return 'stale';
  }
  const at = deps.now();
  // The request makes the series' first attempt, the schedule the others: a redelivered request after that first
  // attempt, or a schedule run reading a stale index entry, must not send early.
  const series = delivery.seriesStartedAt ?? delivery.createdAt;
  const attemptedInSeries = delivery.attempts.some((entry) => entry.at >= series);
  if (trigger === 'request' && attemptedInSeries) return 'duplicate';
  if (trigger === 'schedule' && (!delivery.nextAttemptAt || Date.parse(delivery.nextAttemptAt) > at.getTime())) {
    return 'stale';
  }
  const checked = await checkWebhookUrl(endpoint.url, deps.urlSafety);
  const attempt = checked.ok
    ? await sendWebhook(checked.target, {
        body: delivery.payload,
        headers: signWebhook(
          { id: delivery.id, timestamp: at, body: delivery.payload },
          await signingSecrets(deps.secrets, endpoint, at),
        ),
      })
    : { ok: false, latencyMs: 0, excerpt: checked.detail };
  await recordOutcome(deps, delivery, endpoint, { ...attempt, at });
  return 'applied';
}

/** A delivery no longer to be retried (its endpoint is disabled or removed): failed, replayable once re-enabled. */
async function giveUp(deps: WebhookDeps, delivery: WebhookDelivery): Promise<void> {
  const { nextAttemptAt: _next, ...rest } = delivery;
  try {
    await deps.webhooks.saveDelivery({ ...rest, status: 'failed', version: delivery.version + 1 }, delivery.version);
  } catch (error) {
    // Replayed or attempted meanwhile: that change stands, and it decides about the index.
    if (!(error instanceof TransactionCancelled)) throw error;
  }
}

async function recordOutcome(
  deps: WebhookDeps,
  first: WebhookDelivery,
  firstEndpoint: WebhookEndpoint,
  attempt: { ok: boolean; status?: number; latencyMs: number; excerpt: string; error?: string; at: Date },
): Promise<void> {
  let delivery = first;
  let endpoint = firstEndpoint;
  for (let round = 1; ; round += 1) {
    const recordedSeries = delivery.seriesStartedAt ?? delivery.createdAt;
    // The schedule runs from the series' first attempt, not from when it was recorded or replayed: a queue held up
    // for hours must not leave every retry already due at once.
    const seriesStartedAt = delivery.attempts.some((entry) => entry.at >= recordedSeries)
      ? recordedSeries
      : attempt.at.toISOString();
    const attempts = [...delivery.attempts, logged(attempt.at, attempt)];
    const inSeries = attempts.filter((entry) => entry.at >= seriesStartedAt).length;
    const retryAt = attempt.ok ? undefined : nextAttemptAt(inSeries, new Date(seriesStartedAt));
    const { nextAttemptAt: _previous, ...rest } = delivery;
    const next: WebhookDelivery = {
      ...rest,
      seriesStartedAt,
      attempts,
      status: attempt.ok ? 'delivered' : retryAt ? 'pending' : 'failed',
      ...(retryAt ? { nextAttemptAt: retryAt.toISOString() } : {}),
      version: delivery.version + 1,
    };
    const health = recordAttempt(endpoint, {
      ok: attempt.ok,
      ...(attempt.status !== undefined ? { status: attempt.status } : {}),
      at: attempt.at,
    });
    const verdict = endpointVerdict(health, attempt.at, attempt.status);
    const { failingSince: _since, ...endpointRest } = endpoint;
    const nextEndpoint: WebhookEndpoint = {
      ...endpointRest,
      consecutiveFailures: health.consecutiveFailures,
      ...(health.failingSince ? { failingSince: health.failingSince } : {}),
      ...(verdict.disable ? { status: 'disabled' as const, disabledReason: verdict.reason } : {}),
      version: endpoint.version + 1,
      updatedAt: attempt.at.toISOString(),
    };
    const told = verdict.disable
      ? [
          WebhookEndpointDisabled.create(
            {
              webhookId: endpoint.id,
              opdId: endpoint.opdId,
              url: endpoint.url,
              reason: verdict.reason,
              disabledAt: attempt.at.toISOString(),
            },
            eventContext(deps.regionId, { actor: SYSTEM, correlationId: `webhook-${endpoint.id}` }, attempt.at),
          ),
        ]
      : [];
    try {
      await deps.webhooks.saveDelivery(
        next,
        delivery.version,
        { next: nextEndpoint, readAt: endpoint.version },
        told,
        attempt.at,
      );
      // The failures this function handles rather than throws: the stack alarms on these lines (manifest).
      if (next.status === 'failed') logger.warn(WEBHOOK_GIVEN_UP, { webhookId: endpoint.id, deliveryId: next.id });
      if (verdict.disable) logger.warn(WEBHOOK_DISABLED, { webhookId: endpoint.id, reason: verdict.reason });
      return;
    } catch (error) {
      // Another delivery to the same endpoint moved its counters meanwhile: record this attempt on fresh reads.
      if (!(error instanceof TransactionCancelled) || round >= 5) throw error;
      const [freshDelivery, freshEndpoint] = await Promise.all([
        deps.webhooks.delivery(first.webhookId, first.id),
        deps.webhooks.endpoint(firstEndpoint.opdId, firstEndpoint.id),
      ]);
      if (!freshDelivery || !freshEndpoint) return;
      delivery = freshDelivery;
      endpoint = freshEndpoint;
    }
  }
}

/** The schedule's run: every delivery whose retry is due, attempted (at most `limit` a run; the rest next run). */
export async function retryDue(deps: WebhookDeps, limit = 50): Promise<number> {
  const due = await deps.webhooks.dueRetries(deps.now(), limit);
  for (const delivery of due) await attemptDelivery(deps, delivery.opdId, delivery.webhookId, delivery.id, 'schedule');
  return due.length;
}
