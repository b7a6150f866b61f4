import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { InnovationDrafted, InnovationRegistered, InnovationWithdrawn } from '@inovda/contracts';
import type { EventBridgeEvent, LocalPlatform } from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2ePlatform } from './e2e-platform';

/**
 * End to end on the local runtime, over HTTP only: a dev token from the local issuer, the API Gateway emulation,
 * the handlers in their own workers, DynamoDB Local, the stream poller, the outbox publisher, the local
 * EventBridge and a consumer subscribed on the bus.
 */

let platform: LocalPlatform;
const received: EventBridgeEvent[] = [];

beforeAll(async () => {
  platform = await startE2ePlatform('e2e');
  platform.bus.subscribe('e2e-consumer', { source: ['inovda.submissions'] }, (event) => {
    received.push(event);
  });
});

afterAll(async () => {
  await platform?.stop();
});

async function token(username: string): Promise<string> {
  const response = await fetch(`${platform.url}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function request(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.headers ?? {}),
    },
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Waits (bounded) until the consumer has received an event matching `predicate`. */
async function eventually(
  predicate: (event: EventBridgeEvent) => boolean,
  timeoutMs = 20_000,
): Promise<EventBridgeEvent> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = received.find(predicate);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `no matching event within ${timeoutMs} ms; received: ${received.map((e) => e['detail-type']).join(', ')}`,
  );
}

const about = (type: string, id: string) => (event: EventBridgeEvent) =>
  event['detail-type'] === type && (event.detail as { data?: { innovationId?: string } }).data?.innovationId === id;

describe('submissions, end to end', () => {
  it('lists the dev users, one or more per role, OPD users over several OPDs', async () => {
    const users = (await request('GET', '/local/users')).body as Array<{
      username: string;
      roles: string[];
      opdId?: string;
    }>;
    for (const role of ['opd', 'coordinator', 'evaluator', 'admin']) {
      expect(users.some((user) => user.roles.includes(role))).toBe(true);
    }
    const opds = new Set(users.filter((user) => user.roles.includes('opd')).map((user) => user.opdId));
    expect(opds.size).toBeGreaterThanOrEqual(3);
  });

  it('create → register reaches a consumer on the bus, in AWS EventBridge shape and per the contracts', {
    timeout: 120_000,
  }, async () => {
    const opd = await token('opd.dinkes');
    const created = await request('POST', '/innovations', {
      token: opd,
      json: { name: 'Posyandu Keliling', opdId: 'dinkes', governmentAffairs: ['health'] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // A coordinator opens a programme cycle (workflow service); submissions hears of it on the bus.
    const coordinator = await token('koordinator');
    const cycle = await request('POST', '/cycles', {
      token: coordinator,
      json: {
        name: 'Program Inovasi 2027',
        year: 2027,
        targetPerOpd: 1,
        monevIntervalDays: 90,
        stageWindows: Object.fromEntries(
          ['drum-up', 'diagnose', 'design', 'deliver', 'display'].map((stage, i) => [
            stage,
            { start: `2027-0${i + 1}-01`, due: `2027-0${i + 1}-28` },
          ]),
        ),
      },
    });
    expect(cycle.status).toBe(201);
    expect((await request('POST', `/cycles/${cycle.body.id}/open`, { token: coordinator })).status).toBe(200);
    let registered = await request('POST', `/innovations/${id}/register`, { token: opd });
    for (let attempt = 0; registered.status !== 200 && attempt < 100; attempt++) {
      expect(registered.body.code).toBe('no-open-cycle');
      await new Promise((resolve) => setTimeout(resolve, 100));
      registered = await request('POST', `/innovations/${id}/register`, { token: opd });
    }
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ id, status: 'registered', version: 2, cycleId: cycle.body.id });

    const drafted = await eventually(about('InnovationDrafted', id));
    const registration = await eventually(about('InnovationRegistered', id));
    for (const event of [drafted, registration]) {
      expect(EventBridgeSchema.safeParse(event).success).toBe(true);
      expect(event.source).toBe('inovda.submissions');
    }
    expect(InnovationDrafted.parse(drafted.detail).data).toMatchObject({
      innovationId: id,
      opdId: 'dinkes',
      version: 1,
    });
    const data = InnovationRegistered.parse(registration.detail);
    expect(data.data).toMatchObject({
      innovationId: id,
      opdId: 'dinkes',
      version: 2,
      name: 'Posyandu Keliling',
      cycleId: cycle.body.id,
    });
    expect(data.metadata.actor).toMatchObject({ username: 'opd.dinkes', role: 'opd', opdId: 'dinkes' });
  });

  it('takes a plain HTML form, and a withdrawal is announced too', async () => {
    const opd = await token('opd.dinkes');
    const response = await fetch(`${platform.url}/innovations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opd}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Form Biasa', opdId: 'dinkes', 'contactPerson[name]': 'Rina' }).toString(),
    });
    expect(response.status).toBe(201);
    const id = ((await response.json()) as { id: string }).id;
    const withdrawn = await request('POST', `/innovations/${id}/withdraw`, { token: opd, json: { reason: 'Ganda' } });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const event = await eventually(about('InnovationWithdrawn', id));
    expect(InnovationWithdrawn.parse(event.detail).data.reason).toBe('Ganda');
  });

  it('keeps OPDs apart and answers bad requests with problems, writing nothing', async () => {
    const dinkes = await token('opd.dinkes');
    const other = (await request('GET', '/local/users')).body.find(
      (user: { roles: string[]; opdId?: string }) => user.roles.includes('opd') && user.opdId !== 'dinkes',
    ) as { username: string };
    const otherToken = await token(other.username);
    const created = await request('POST', '/innovations', {
      token: dinkes,
      json: { name: 'Rahasia', opdId: 'dinkes' },
    });
    const id = created.body.id as string;

    const hidden = await request('GET', `/innovations/${id}`, { token: otherToken });
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(hidden.body).toMatchObject({ code: 'not-found', title: 'Data tidak ditemukan' });

    const evaluator = await token('penilai');
    const refused = await request('POST', '/innovations', { token: evaluator, json: { name: 'X', opdId: 'dinkes' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');

    const malformed = await fetch(`${platform.url}/innovations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dinkes}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('malformed-body');

    const stale = await request('PATCH', `/innovations/${id}`, {
      token: dinkes,
      json: { goals: 'x' },
      headers: { 'if-match': '"5"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(1);

    const list = await request('GET', '/innovations?limit=100', { token: otherToken });
    expect((list.body.items as Array<{ id: string }>).some((item) => item.id === id)).toBe(false);
  });

  it('refuses a missing or forged token at the gateway, as the HTTP API JWT authorizer does', async () => {
    const missing = await request('GET', '/innovations');
    expect(missing.status).toBe(401);
    const forged = await request('GET', '/innovations', { token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl' });
    expect(forged.status).toBe(401);
  });

  it('keeps the change history over HTTP', async () => {
    const opd = await token('opd.dinkes');
    const created = await request('POST', '/innovations', { token: opd, json: { name: 'Riwayat', opdId: 'dinkes' } });
    const id = created.body.id as string;
    await request('PATCH', `/innovations/${id}`, {
      token: opd,
      json: { goals: 'Tujuan' },
      headers: { 'if-match': '"1"' },
    });
    const history = await request('GET', `/innovations/${id}/versions`, { token: await token('koordinator') });
    expect(history.body.items).toMatchObject([
      { version: 1, action: 'created' },
      { version: 2, action: 'updated', changedFields: ['goals'], actor: { username: 'opd.dinkes', role: 'opd' } },
    ]);
  });
});
