import { WebhookDeliveryRequested } from '@inovda/contracts';
import { type IdempotencyClaim, IdempotencyConflict, idempotencyClaim, TransactionCancelled } from '@inovda/dynamo';
import {
  type Acting,
  assertVersion,
  eventContext,
  isOwnerOpd,
  type Page,
  Problem,
  versionMismatch,
} from '@inovda/kernel';
import type { WebhookDelivery, WebhookEndpoint } from '../domain/model';
import { isRouted } from '../domain/routing';
import { ROTATION_OVERLAP_MS, secretNameOf } from '../webhooks/secret-store';
import { newSecret } from '../webhooks/signing';
import { checkWebhookUrlSyntax } from '../webhooks/url-safety';
import type { WebhookDeps } from './webhook-context';

/** An OPD keeps a handful of endpoints; more is a mistake (or abuse) rather than a need. */
export const MAX_ENDPOINTS_PER_OPD = 10;

/** An OPD's endpoints are its own users' and admins'; anyone else learns nothing of them (404). */
function assertOwnOpd(actor: Acting, opdId: string): void {
  if (actor.role === 'admin') return;
  if (!isOwnerOpd(actor.caller, { opdId })) throw new Problem('not-found');
}

/** An endpoint the caller may manage, else 404 (deleted ones are gone for the OPD). */
async function ownEndpoint(
  deps: WebhookDeps,
  actor: Acting,
  opdId: string,
  webhookId: string,
): Promise<WebhookEndpoint> {
  assertOwnOpd(actor, opdId);
  const endpoint = await deps.webhooks.endpoint(opdId, webhookId);
  if (!endpoint || endpoint.status === 'deleted') throw new Problem('not-found');
  return endpoint;
}

/** Refuses what cannot be delivered to (not https, a private address…) or subscribed to, as field errors. */
function assertDeliverable(
  deps: WebhookDeps,
  input: { url?: string | undefined; eventTypes?: readonly string[] | undefined },
) {
  const errors = [];
  if (input.url !== undefined) {
    const checked = checkWebhookUrlSyntax(input.url, deps.urlSafety);
    if (!checked.ok) errors.push({ path: 'url', code: checked.refusal, message: checked.detail });
  }
  for (const [index, type] of (input.eventTypes ?? []).entries()) {
    if (!isRouted(type)) {
      errors.push({
        path: `eventTypes/${index}`,
        code: 'unknown_event_type',
        message: `jenis peristiwa ${type} tidak dikirim`,
      });
    }
  }
  if (errors.length > 0) throw new Problem('validation-failed', { errors });
}

/** The endpoint as the API shows it (no secret name, no health clock). */
export function webhookView(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    opdId: endpoint.opdId,
    url: endpoint.url,
    eventTypes: [...endpoint.eventTypes],
    ...(endpoint.description ? { description: endpoint.description } : {}),
    status: endpoint.status === 'enabled' ? ('enabled' as const) : ('disabled' as const),
    ...(endpoint.disabledReason ? { disabledReason: endpoint.disabledReason } : {}),
    consecutiveFailures: endpoint.consecutiveFailures,
    version: endpoint.version,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

export async function listWebhooks(deps: WebhookDeps, actor: Acting, opdId: string): Promise<WebhookEndpoint[]> {
  assertOwnOpd(actor, opdId);
  return (await deps.webhooks.endpoints(opdId)).filter((endpoint) => endpoint.status !== 'deleted');
}

export function getWebhook(deps: WebhookDeps, actor: Acting, opdId: string, webhookId: string) {
  return ownEndpoint(deps, actor, opdId, webhookId);
}

/**
 * Registers an endpoint; its signing secret is made here, kept in the secret store and shown only in this answer.
 * With an idempotency key, the same request twice registers one endpoint: the retry answers the first, with its
 * current secret (the answer that carried it may be the one that was lost); the key with another request is refused.
 */
export async function createWebhook(
  deps: WebhookDeps,
  actor: Acting,
  opdId: string,
  input: { url: string; eventTypes: readonly string[]; description?: string | undefined },
  idempotencyKey?: string,
): Promise<{ endpoint: WebhookEndpoint; secret: string; replayed: boolean }> {
  assertOwnOpd(actor, opdId);
  assertDeliverable(deps, input);
  const claim = idempotencyKey ? idempotencyClaim(actor.caller.sub, idempotencyKey, { opdId, ...input }) : undefined;
  // A retry is answered before anything is made again (the secret lives outside the table's transaction).
  const before = claim ? await deps.webhooks.claimed(claim) : undefined;
  if (claim && before) return replayOf(deps, opdId, claim, before);
  const existing = (await deps.webhooks.endpoints(opdId)).filter((endpoint) => endpoint.status !== 'deleted');
  if (existing.length >= MAX_ENDPOINTS_PER_OPD) {
    throw new Problem('invalid-state', {
      detail: `Satu perangkat daerah paling banyak memiliki ${MAX_ENDPOINTS_PER_OPD} alamat webhook.`,
    });
  }
  const id = deps.newId();
  const now = deps.now().toISOString();
  const endpoint: WebhookEndpoint = {
    id,
    opdId,
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    ...(input.description ? { description: input.description } : {}),
    status: 'enabled',
    consecutiveFailures: 0,
    secretName: secretNameOf(deps.regionId, id),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const secret = newSecret();
  await deps.secrets.create(endpoint.secretName, secret);
  try {
    await deps.webhooks.createEndpoint(endpoint, claim);
  } catch (error) {
    // No endpoint, no secret: nothing left behind in the secret store.
    await deps.secrets.remove(endpoint.secretName).catch(() => undefined);
    // Two tries of one key at once: the other one registered it.
    if (claim && error instanceof IdempotencyConflict) return replayOf(deps, opdId, claim, error);
    throw error;
  }
  return { endpoint, secret, replayed: false };
}

/** The answer to a retry of a registration: the endpoint registered first and its current secret. */
async function replayOf(deps: WebhookDeps, opdId: string, claim: IdempotencyClaim, first: IdempotencyConflict) {
  const endpoint =
    first.requestHash === claim.requestHash ? await deps.webhooks.endpoint(opdId, first.resourceId) : undefined;
  if (!endpoint || endpoint.status === 'deleted') throw new Problem('idempotency-key-reused');
  return { endpoint, secret: await deps.secrets.current(endpoint.secretName), replayed: true };
}

async function saveOr412(deps: WebhookDeps, next: WebhookEndpoint, readAt: number): Promise<WebhookEndpoint> {
  try {
    await deps.webhooks.saveEndpoint(next, readAt);
    return next;
  } catch (error) {
    if (error instanceof TransactionCancelled) {
      throw versionMismatch((await deps.webhooks.endpoint(next.opdId, next.id))?.version);
    }
    throw error;
  }
}

/** Changes an endpoint; `enabled: true` re-enables a disabled one with its health counters reset. */
export async function updateWebhook(
  deps: WebhookDeps,
  actor: Acting,
  opdId: string,
  webhookId: string,
  input: {
    url?: string | undefined;
    eventTypes?: readonly string[] | undefined;
    description?: string | undefined;
    enabled?: boolean | undefined;
  },
  expectedVersion: number | undefined,
): Promise<WebhookEndpoint> {
  const current = await ownEndpoint(deps, actor, opdId, webhookId);
  assertVersion(current, expectedVersion);
  assertDeliverable(deps, input);
  const { disabledReason: _reason, failingSince: _since, ...rest } = current;
  const reEnable = input.enabled === true && current.status === 'disabled';
  const next: WebhookEndpoint = {
    ...(reEnable ? { ...rest, consecutiveFailures: 0 } : current),
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    status: input.enabled === undefined ? current.status : input.enabled ? 'enabled' : 'disabled',
    version: current.version + 1,
    updatedAt: deps.now().toISOString(),
  };
  return saveOr412(deps, next, current.version);
}

/** Removes an endpoint for the OPD: nothing more is sent to it; its delivery log stays on record. */
export async function deleteWebhook(deps: WebhookDeps, actor: Acting, opdId: string, webhookId: string) {
  const current = await ownEndpoint(deps, actor, opdId, webhookId);
  const next: WebhookEndpoint = {
    ...current,
    status: 'deleted',
    version: current.version + 1,
    updatedAt: deps.now().toISOString(),
  };
  await saveOr412(deps, next, current.version);
  // Nothing signs for a deleted endpoint any more: its secret goes too (the delivery log stays).
  await deps.secrets.remove(current.secretName);
  return { ...current, version: next.version, updatedAt: next.updatedAt };
}

/** A new signing secret, shown once; the previous one keeps signing (alongside) for the overlap window. */
export async function rotateWebhookSecret(deps: WebhookDeps, actor: Acting, opdId: string, webhookId: string) {
  const current = await ownEndpoint(deps, actor, opdId, webhookId);
  const now = deps.now();
  const secret = newSecret();
  await deps.secrets.rotate(current.secretName, secret);
  const endpoint = await saveOr412(
    deps,
    { ...current, rotatedAt: now.toISOString(), version: current.version + 1, updatedAt: now.toISOString() },
    current.version,
  );
  return { endpoint, secret, previousSecretValidUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString() };
}

/** A delivery as the log shows it. */
export function deliveryView(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts.map((attempt) => ({ ...attempt })),
    ...(delivery.nextAttemptAt ? { nextAttemptAt: delivery.nextAttemptAt } : {}),
    createdAt: delivery.createdAt,
  };
}

export async function listDeliveries(
  deps: WebhookDeps,
  actor: Acting,
  opdId: string,
  webhookId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<WebhookDelivery>> {
  await ownEndpoint(deps, actor, opdId, webhookId);
  return deps.webhooks.deliveries(webhookId, query.limit, query.cursor);
}

/**
 * Delivers an event again (the OPD's system missed it, or it failed for good): a new series of attempts with the
 * same `webhook-id`, so a receiver that did get it recognises the repeat. The endpoint must be enabled.
 */
export async function replayDelivery(
  deps: WebhookDeps,
  actor: Acting,
  opdId: string,
  webhookId: string,
  deliveryId: string,
) {
  const endpoint = await ownEndpoint(deps, actor, opdId, webhookId);
  if (endpoint.status !== 'enabled') {
    throw new Problem('invalid-state', {
      detail: 'Alamat webhook ini nonaktif; aktifkan kembali sebelum mengirim ulang.',
    });
  }
  const delivery = await deps.webhooks.delivery(webhookId, deliveryId);
  if (!delivery) throw new Problem('not-found');
  const now = deps.now();
  const { nextAttemptAt: _next, ...rest } = delivery;
  const next: WebhookDelivery = {
    ...rest,
    status: 'pending',
    seriesStartedAt: now.toISOString(),
    version: delivery.version + 1,
  };
  const requested = WebhookDeliveryRequested.create(
    { webhookId, opdId, deliveryId },
    eventContext(deps.regionId, actor, now),
  );
  try {
    await deps.webhooks.saveDelivery(next, delivery.version, undefined, [requested], now);
  } catch (error) {
    if (error instanceof TransactionCancelled)
      throw new Problem('concurrent-change', { detail: 'Kiriman ini sedang diproses; coba lagi.' });
    throw error;
  }
  return next;
}
