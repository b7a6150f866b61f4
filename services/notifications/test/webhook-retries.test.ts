import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness';

/**
 * Registering a webhook is a create with a secret shown once: a retry of a registration whose answer was lost must
 * neither register the endpoint twice nor lose the secret (Idempotency-Key, as for the other creates).
 */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const body = { url: 'https://hooks.dinkes.example.id/ulang', eventTypes: ['StageAdvanced'] };

describe('registering a webhook with an Idempotency-Key', () => {
  it('registers once for a retried request, answering the first endpoint with its secret', async () => {
    const key = { 'idempotency-key': `webhook-${Date.now()}` };
    const first = await h.createWebhook('dinkes', 'dinkes', body, key);
    expect(first.status).toBe(201);
    const id = (first.body.webhook as { id: string }).id;
    const secretsBefore = await h.listSecretNames();

    const again = await h.createWebhook('dinkes', 'dinkes', body, key);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(`/opds/dinkes/webhooks/${id}`);
    // One endpoint, one secret: the retry made nothing.
    const listed = (await h.listWebhooks('dinkes', 'dinkes')).body.items as Array<{ id: string; url: string }>;
    expect(listed.filter((endpoint) => endpoint.url === body.url).map((endpoint) => endpoint.id)).toEqual([id]);
    expect(await h.listSecretNames()).toEqual(secretsBefore);

    // After a rotation, a retry answers the secret that signs now.
    const rotated = await h.rotateSecret('dinkes', 'dinkes', id);
    expect(rotated.status).toBe(200);
    const later = await h.createWebhook('dinkes', 'dinkes', body, key);
    expect(later.body.secret).toBe(await h.currentSecret(id));
    expect(later.body.secret).not.toBe(first.body.secret);
  });

  it('refuses the key with another request, and a removed endpoint is not answered again', async () => {
    const key = { 'idempotency-key': `webhook-other-${Date.now()}` };
    const first = await h.createWebhook('dinkes', 'dinkes', body, key);
    expect(first.status).toBe(201);
    const secretsBefore = await h.listSecretNames();
    expectProblem(
      await h.createWebhook('dinkes', 'dinkes', { ...body, eventTypes: ['StageReturned'] }, key),
      'idempotency-key-reused',
    );
    expect(await h.listSecretNames()).toEqual(secretsBefore);
    const id = (first.body.webhook as { id: string }).id;
    expect((await h.deleteWebhook('dinkes', 'dinkes', id)).status).toBe(200);
    expectProblem(await h.createWebhook('dinkes', 'dinkes', body, key), 'idempotency-key-reused');
  });
});
