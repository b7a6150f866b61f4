import { InnovationDrafted, notificationsRoutes, StageAdvanced } from '@inovda/contracts';
import { expectProblem, type TestResponse } from '@inovda/lambda-kit/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Who } from './harness';

/** Who may do what, over HTTP: the inbox and preferences are the caller's own; an OPD's webhooks its own. */

let h: Awaited<ReturnType<typeof startHarness>>;

const EVERYONE: readonly Who[] = [
  'dinkes',
  'capil',
  'balitbang',
  'coordinator',
  'coordinator2',
  'coordinatorWithoutUnit',
  'evaluator',
  'evaluator3',
  'admin',
];

beforeAll(async () => {
  h = await startHarness();
  for (const who of EVERYONE) expect((await h.inbox(who)).status).toBe(200);
});
afterAll(async () => {
  await h?.stop();
});

async function snapshot(): Promise<string[]> {
  return (await h.items()).map((item) => JSON.stringify(item)).sort();
}

/** An event about a dinkes innovation, in dinkes's inbox (and to its endpoints subscribed to StageAdvanced). */
async function stageAdvanced(opdId = 'dinkes'): Promise<string> {
  const innovationId = ulid();
  await h.deliver(InnovationDrafted, {
    innovationId,
    opdId,
    version: 1,
    name: 'Posyandu Keliling',
    profile: { name: 'Posyandu Keliling', opdId },
  });
  const advanced = await h.deliver(StageAdvanced, {
    innovationId,
    opdId,
    cycleId: ulid(),
    trackVersion: 3,
    requestId: ulid(),
    from: 'drum-up',
    to: 'diagnose',
  });
  return advanced.detail.metadata.eventId;
}

async function endpointOf(who: Who, opdId: string, url = `https://hooks.${opdId}.example.id/inovda`) {
  const created = await h.createWebhook(who, opdId, { url, eventTypes: ['StageAdvanced'] });
  expect(created.status).toBe(201);
  return { id: (created.body.webhook as { id: string }).id, secret: created.body.secret as string };
}

describe('the inbox', () => {
  it("nobody reads or marks another person's notification, an admin included (404)", async () => {
    const eventId = await stageAdvanced();
    const mine = await h.inbox('dinkes');
    expect(JSON.stringify(mine.body)).toContain(eventId);
    const unread = mine.body.unread as number;
    for (const who of EVERYONE.filter((caller) => caller !== 'dinkes')) {
      expect(JSON.stringify((await h.inbox(who)).body)).not.toContain(eventId);
      expectProblem(await h.markRead(who, eventId), 'not-found');
      expect((await h.markAllRead(who)).body).toEqual({ unread: 0 });
    }
    expect((await h.inbox('dinkes')).body.unread).toBe(unread);
  });

  it("preferences are the caller's own: one user's change is nobody else's", async () => {
    const saved = await h.setPreferences('balitbang', { categories: { results: { inbox: 'off', email: 'off' } } });
    expect(saved.status).toBe(200);
    expect((await h.preferences('balitbang')).body).toMatchObject({ categories: { results: { inbox: 'off' } } });
    for (const who of EVERYONE.filter((caller) => caller !== 'balitbang')) {
      const theirs = await h.preferences(who);
      expect(theirs.body).toMatchObject({ version: 0, categories: { results: { inbox: 'immediate' } } });
    }
  });
});

describe("an OPD's webhook endpoints", () => {
  let dinkes: { id: string; secret: string };
  let deliveryId: string;

  beforeAll(async () => {
    dinkes = await endpointOf('dinkes', 'dinkes');
    deliveryId = await stageAdvanced();
    const log = await h.deliveries('dinkes', 'dinkes', dinkes.id);
    expect((log.body.items as Array<{ id: string }>).map((delivery) => delivery.id)).toContain(deliveryId);
  });

  /** Every webhook route on dinkes's endpoint (or its collection), as `who`. */
  function everyRoute(who: Who | null, opdId = 'dinkes', webhookId = dinkes.id): Array<() => Promise<TestResponse>> {
    return [
      () => h.listWebhooks(who, opdId),
      () => h.createWebhook(who, opdId, { url: 'https://hooks.lain.example.id/x', eventTypes: ['StageAdvanced'] }),
      () => h.getWebhook(who, opdId, webhookId),
      () => h.updateWebhook(who, opdId, webhookId, { description: 'diubah' }),
      () => h.rotateSecret(who, opdId, webhookId),
      () => h.deliveries(who, opdId, webhookId),
      () => h.replay(who, opdId, webhookId, deliveryId),
      () => h.deleteWebhook(who, opdId, webhookId),
    ];
  }

  it("another OPD's user learns nothing of them (404) and changes nothing, even naming the id under its own OPD", async () => {
    const before = await snapshot();
    const secrets = await h.listSecretNames();
    for (const who of ['capil', 'balitbang'] as const) {
      for (const call of everyRoute(who)) expectProblem(await call(), 'not-found');
      const ownOpd = who === 'capil' ? 'disdukcapil' : 'balitbang';
      for (const call of everyRoute(who, ownOpd).slice(2)) expectProblem(await call(), 'not-found');
    }
    expect(await snapshot()).toEqual(before);
    expect(await h.listSecretNames()).toEqual(secrets);
  });

  it('coordinators (of any OPD, or none) and evaluators (even of that OPD) are refused by role (403)', async () => {
    const balitbang = await endpointOf('balitbang', 'balitbang');
    const before = await snapshot();
    for (const who of ['coordinator', 'coordinator2', 'coordinatorWithoutUnit', 'evaluator', 'evaluator3'] as const) {
      for (const call of everyRoute(who)) expectProblem(await call(), 'forbidden');
      // The coordinator belongs to balitbang: the OPD's endpoints are still not the programme's.
      for (const call of everyRoute(who, 'balitbang', balitbang.id)) expectProblem(await call(), 'forbidden');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('without a token, every route of the service answers 401 and writes nothing', async () => {
    const before = await snapshot();
    for (const call of everyRoute(null)) expectProblem(await call(), 'unauthenticated');
    expectProblem(await h.inbox(null), 'unauthenticated');
    expectProblem(await h.markRead(null, ulid()), 'unauthenticated');
    expectProblem(await h.markAllRead(null), 'unauthenticated');
    expectProblem(await h.preferences(null), 'unauthenticated');
    expectProblem(
      await h.setPreferences(null, { categories: { stage: { inbox: 'off', email: 'off' } } }),
      'unauthenticated',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('every route names the roles it allows: the inbox and preferences all, the webhooks opd and admin only', () => {
    for (const name of ['listNotifications', 'markRead', 'markAllRead', 'getPreferences', 'setPreferences'] as const) {
      expect([...notificationsRoutes[name].roles].sort()).toEqual(['admin', 'coordinator', 'evaluator', 'opd']);
    }
    for (const [name, route] of Object.entries(notificationsRoutes)) {
      if (!route.path.startsWith('/opds/')) continue;
      expect([...route.roles].sort(), name).toEqual(['admin', 'opd']);
    }
  });

  it("the OPD's own users and admins manage them; the secret is shown on create and rotate only", async () => {
    const created = await h.createWebhook('capil', 'disdukcapil', {
      url: 'https://hooks.capil.example.id/inovda',
      eventTypes: ['StageAdvanced'],
    });
    expect(created.status).toBe(201);
    const id = (created.body.webhook as { id: string }).id;
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(await h.currentSecret(id)).toBe(secret);

    const shown: TestResponse[] = [];
    for (const who of ['capil', 'admin'] as const) {
      shown.push(await h.listWebhooks(who, 'disdukcapil'));
      shown.push(await h.getWebhook(who, 'disdukcapil', id));
      shown.push(await h.deliveries(who, 'disdukcapil', id));
    }
    const version = (shown[1]?.body.version as number) ?? 1;
    shown.push(await h.updateWebhook('admin', 'disdukcapil', id, { description: 'oleh admin' }));
    for (const response of shown) {
      expect(response.status).toBe(200);
      expect(response.text ?? '').not.toContain(secret);
      expect(response.text ?? '').not.toMatch(/whsec_|secretName|secret/i);
    }
    expect((shown.at(-1)?.body.version as number) ?? 0).toBe(version + 1);

    const rotated = await h.rotateSecret('admin', 'disdukcapil', id);
    expect(rotated.status).toBe(200);
    const next = rotated.body.secret as string;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(secret);
    expect(rotated.text ?? '').not.toContain(secret);
    expect(rotated.body.previousSecretValidUntil).toEqual(expect.any(String));
    const after = await h.getWebhook('capil', 'disdukcapil', id);
    expect(after.text ?? '').not.toContain(next);
    expect(after.text ?? '').not.toMatch(/whsec_/);
    // Never in the table either: only in the secret store.
    expect(JSON.stringify(await h.items())).not.toMatch(/whsec_/);

    // An admin manages any OPD's; the owner OPD's own users too, and a deleted endpoint is gone for everyone.
    expect((await h.replay('admin', 'dinkes', dinkes.id, deliveryId)).status).toBe(200);
    expect((await h.replay('dinkes', 'dinkes', dinkes.id, deliveryId)).status).toBe(200);
    const secretsBefore = await h.listSecretNames();
    expect((await h.deleteWebhook('capil', 'disdukcapil', id)).status).toBe(200);
    // Its secret is scheduled for deletion: no longer listed (Secrets Manager hides secrets pending deletion).
    const secretsAfter = await h.listSecretNames();
    expect(secretsAfter.length).toBe(secretsBefore.length - 1);
    expect(secretsAfter.some((name) => name.endsWith(`/webhooks/${id}`))).toBe(false);
    for (const who of ['capil', 'admin'] as const) {
      expectProblem(await h.getWebhook(who, 'disdukcapil', id), 'not-found');
      expectProblem(await h.rotateSecret(who, 'disdukcapil', id), 'not-found');
    }
  });
});
