import { createWebhookInput, preferencesInput, updateWebhookInput } from '@inovda/contracts';
import { expectProblem, expectWellFormedRefusal, type TestResponse } from '@inovda/lambda-kit/testing';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness';

/**
 * Property: whatever a caller sends to a notifications route with a body, a query or a path id, the answer is never
 * a 5xx; a refusal is a catalogued problem with its Indonesian title, and writes nothing (the table is the same item
 * for item before and after).
 */

let h: Awaited<ReturnType<typeof startHarness>>;
let webhookId: string;

const RUNS = 40;
const GOOD_URL = 'https://hooks.dinkes.example.id/inovda';

beforeAll(async () => {
  h = await startHarness();
  // Signing in (the directory remembers callers) is a write of its own: done before any snapshot.
  for (const who of ['dinkes', 'capil', 'coordinator', 'admin'] as const) {
    expect((await h.inbox(who)).status).toBe(200);
  }
  const created = await h.createWebhook('dinkes', 'dinkes', { url: GOOD_URL, eventTypes: ['StageAdvanced'] });
  expect(created.status).toBe(201);
  webhookId = (created.body.webhook as { id: string }).id;
});
afterAll(async () => {
  await h?.stop();
});

async function snapshot(): Promise<string[]> {
  return (await h.items()).map((item) => JSON.stringify(item)).sort();
}

/** A refused request: a catalogued 4xx problem, and the table unchanged. */
async function refusedWritingNothing(response: TestResponse, before: string[]) {
  expectWellFormedRefusal(response);
  expect(await snapshot()).toEqual(before);
}

const hostile = fc.constantFrom(
  '',
  ' ',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '=HYPERLINK("http://x")',
  '<script>',
  'a'.repeat(300),
  '01J0000000000000000000000',
  '01j0abcdefghjkmnpqrstvwxyz',
  'null',
);
const anyId = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: hostile },
  // Well-formed, but nobody's.
  { weight: 1, arbitrary: fc.constant(null).map(() => ulid()) },
);
const anyOpd = fc.oneof(
  { weight: 3, arbitrary: fc.constant('dinkes') },
  { weight: 1, arbitrary: fc.constantFrom('Dinkes', 'atlantis', 'dinkes ', '', 'disdukcapil') },
  { weight: 1, arbitrary: hostile },
);
const queryValue = fc.oneof(
  fc.constantFrom('0', '1', '-1', '101', '1e3', '1.5', 'abc', '', '20', '9999999999999999999'),
  fc.string({ maxLength: 20 }),
  hostile,
);
const anyQuery = fc.dictionary(fc.constantFrom('limit', 'cursor', 'x', 'unread', '__proto__'), queryValue, {
  maxKeys: 3,
});
const ifMatch = fc.constantFrom('none', 'current', '"999"', '"0"', 'abc', 'W/"x"', '*', '"1', '1e3', '-1', '""');

function headerFor(match: string, version: number): Record<string, string> {
  if (match === 'none') return {};
  if (match === 'current') return { 'if-match': `"${version}"` };
  return { 'if-match': match };
}

/** URLs an endpoint must never have, even in the local runtime (which allows plain http on loopback only). */
const FORBIDDEN_URLS = [
  'http://10.0.0.5/hook',
  'https://10.1.2.3/hook',
  'https://192.168.1.10/hook',
  'https://172.16.0.1/hook',
  'https://100.64.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'https://169.254.169.254/latest/meta-data/',
  'https://[fd00:ec2::254]/latest',
  'https://[::ffff:169.254.169.254]/',
  'https://[::ffff:10.0.0.1]/',
  'https://0xa9fea9fe/',
  'https://2852039166/',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://instance-data/latest',
  'https://intranet.corp/hook',
  'https://printer.local/hook',
  'https://user:pw@hooks.example.id/hook',
  'https://token@hooks.example.id/hook',
  'http://user:pw@127.0.0.1:9/hook',
  'ftp://hooks.example.id/hook',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'gopher://hooks.example.id/',
  'data:text/plain,hi',
  'hooks.example.id/hook',
  '//hooks.example.id/hook',
  'https://',
  'https://0.0.0.0/',
  'https://224.0.0.1/',
  'https://255.255.255.255/',
  'https://nohost/hook',
  `https://hooks.example.id/${'a'.repeat(2_000)}`,
];
const url = fc.oneof(
  { weight: 1, arbitrary: fc.constant(GOOD_URL) },
  { weight: 4, arbitrary: fc.constantFrom(...FORBIDDEN_URLS) },
  { weight: 1, arbitrary: fc.webUrl() },
  { weight: 1, arbitrary: fc.oneof(fc.string(), hostile, fc.jsonValue({ maxDepth: 0 })) },
);
const eventType = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('StageAdvanced', 'StageReturned', 'InnovationRegistered') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'InnovationDrafted',
      'InnovationProfileUpdated',
      'WebhookDeliveryRequested',
      'NotificationEmailRequested',
      'Unknown',
      'stageAdvanced',
      'Stage_Advanced',
      'StageAdvanced ',
      'Constructor',
    ),
  },
  { weight: 1, arbitrary: fc.oneof(hostile, fc.jsonValue({ maxDepth: 0 })) },
);
const eventTypes = fc.oneof(
  { weight: 5, arbitrary: fc.array(eventType, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 31 }, () => 'StageAdvanced')) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);
const description = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ minLength: 201, maxLength: 210 }), hostile);

describe('the inbox: any query, any notification id', () => {
  it('a list with any query answers 200 or a well-formed refusal, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyQuery, async (query) => {
        const before = await snapshot();
        const response = await h.inbox('dinkes', query);
        if (response.status !== 200) expectWellFormedRefusal(response);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('marking any id read answers 404 and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => {
        const before = await snapshot();
        const response = await h.markRead('dinkes', id);
        expectProblem(response, 'not-found');
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('preferences: any body, any If-Match', () => {
  const channels = fc.record(
    {
      inbox: fc.constantFrom('immediate', 'off', 'daily', 'Off', '', 'never'),
      email: fc.constantFrom('immediate', 'daily', 'weekly', 'off', 'monthly', 'hourly', 'Weekly', ''),
      sms: fc.constant('off'),
    },
    { requiredKeys: [] },
  );
  const category = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('stage', 'deadline', 'results', 'programme') },
    { weight: 2, arbitrary: fc.constantFrom('marketing', 'Stage', 'all', '__proto__', 'constructor', '') },
  );
  const body = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record(
        {
          categories: fc.oneof(
            fc.dictionary(category, fc.oneof(channels, fc.jsonValue({ maxDepth: 1 })), { maxKeys: 3 }),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          version: fc.integer(),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

  it('never answers 5xx; a refused save writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, ifMatch, async (candidate, match) => {
        const version = (await h.preferences('dinkes')).body.version as number;
        const before = await snapshot();
        const response = await h.setPreferences('dinkes', candidate, headerFor(match, version));
        if (response.status === 200) {
          expect(preferencesInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('refuses unknown categories and cadences, a stale If-Match (412) and a malformed one (400)', async () => {
    const before = await snapshot();
    const version = (await h.preferences('capil')).body.version as number;
    for (const bad of [
      { categories: { marketing: { inbox: 'off', email: 'off' } } },
      { categories: { stage: { inbox: 'off', email: 'monthly' } } },
      { categories: { stage: { inbox: 'daily', email: 'off' } } },
      { categories: { stage: { inbox: 'off' } } },
      { categories: { stage: { inbox: 'off', email: 'off', sms: 'off' } } },
      { categories: {}, extra: true },
      {},
      [],
      'stage',
    ]) {
      expectProblem(await h.setPreferences('capil', bad), 'validation-failed');
    }
    const good = { categories: { stage: { inbox: 'off', email: 'off' } } };
    const stale = await h.setPreferences('capil', good, { 'if-match': `"${version + 5}"` });
    expectProblem(stale, 'version-mismatch');
    for (const malformed of ['abc', 'W/"x"', 'versi-1', '*', '-1']) {
      expectProblem(await h.setPreferences('capil', good, { 'if-match': malformed }), 'validation-failed');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('webhooks: any body, any ids, any query', () => {
  it('create: never answers 5xx; a refused registration writes nothing and keeps no secret', async () => {
    const body = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record(
          { url, eventTypes, description, secret: fc.constant('whsec_mine'), status: fc.constant('enabled') },
          { requiredKeys: ['url', 'eventTypes'] },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, anyOpd, async (candidate, opdId) => {
        const before = await snapshot();
        const secretsBefore = JSON.stringify(await h.listSecretNames());
        const response = await h.createWebhook('dinkes', opdId, candidate);
        if (response.status === 201) {
          expect(createWebhookInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
        expect(JSON.stringify(await h.listSecretNames())).toBe(secretsBefore);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('refuses every URL that is not public https (private, metadata, credentialed, other schemes)', async () => {
    const before = await snapshot();
    for (const forbidden of FORBIDDEN_URLS) {
      const response = await h.createWebhook('dinkes', 'dinkes', { url: forbidden, eventTypes: ['StageAdvanced'] });
      expectProblem(response, 'validation-failed');
      const changed = await h.updateWebhook('dinkes', 'dinkes', webhookId, { url: forbidden });
      expectProblem(changed, 'validation-failed');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses event types it never sends', async () => {
    const before = await snapshot();
    for (const types of [['Unknown'], ['InnovationDrafted'], ['WebhookDeliveryRequested'], ['StageAdvanced', 'Nope']]) {
      const response = await h.createWebhook('dinkes', 'dinkes', { url: GOOD_URL, eventTypes: types });
      expectProblem(response, 'validation-failed');
      expect(JSON.stringify(response.body.errors)).toMatch(/unknown_event_type|eventTypes/);
      expectProblem(await h.updateWebhook('dinkes', 'dinkes', webhookId, { eventTypes: types }), 'validation-failed');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('update: never answers 5xx; a refused change writes nothing', async () => {
    const body = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record(
          {
            url,
            eventTypes,
            description,
            enabled: fc.constantFrom(true, false, 'yes', 1, null),
            status: fc.constant('disabled'),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, ifMatch, anyOpd, async (candidate, match, opdId) => {
        const version = ((await h.getWebhook('dinkes', 'dinkes', webhookId)).body.version as number) ?? 1;
        const before = await snapshot();
        const response = await h.updateWebhook('dinkes', opdId, webhookId, candidate, headerFor(match, version));
        if (response.status === 200) {
          expect(updateWebhookInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS * 2 },
    );
    // Whatever was accepted, the endpoint ends enabled on its own URL for the tests after this one.
    const version = (await h.getWebhook('dinkes', 'dinkes', webhookId)).body.version as number;
    const restored = await h.updateWebhook(
      'dinkes',
      'dinkes',
      webhookId,
      { url: GOOD_URL, eventTypes: ['StageAdvanced'], enabled: true },
      { 'if-match': `"${version}"` },
    );
    expect(restored.status).toBe(200);
  });

  it('update: a stale If-Match is 412 with the current version, a malformed one 400', async () => {
    const version = (await h.getWebhook('dinkes', 'dinkes', webhookId)).body.version as number;
    const before = await snapshot();
    const stale = await h.updateWebhook('dinkes', 'dinkes', webhookId, { description: 'x' }, { 'if-match': '"999"' });
    expectProblem(stale, 'version-mismatch');
    expect(stale.body.currentVersion).toBe(version);
    for (const malformed of ['abc', 'W/"x"', 'versi-1', '*', '-1']) {
      expectProblem(
        await h.updateWebhook('dinkes', 'dinkes', webhookId, { description: 'x' }, { 'if-match': malformed }),
        'validation-failed',
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it('any OPD, webhook or delivery id on every webhook route: 404 (or a refusal), never 5xx, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(anyOpd, anyId, anyId, async (opdId, someWebhook, deliveryId) => {
        const before = await snapshot();
        const secretsBefore = JSON.stringify(await h.listSecretNames());
        for (const response of [
          await h.getWebhook('dinkes', opdId, someWebhook),
          await h.updateWebhook('dinkes', opdId, someWebhook, { description: 'x' }),
          await h.deleteWebhook('dinkes', opdId, someWebhook),
          await h.rotateSecret('dinkes', opdId, someWebhook),
          await h.deliveries('dinkes', opdId, someWebhook),
          await h.replay('dinkes', opdId, someWebhook, deliveryId),
          await h.replay('dinkes', 'dinkes', webhookId, deliveryId),
        ]) {
          expectProblem(response, 'not-found');
        }
        expect(await snapshot()).toEqual(before);
        expect(JSON.stringify(await h.listSecretNames())).toBe(secretsBefore);
      }),
      { numRuns: RUNS },
    );
  });

  it('deliveries with any query: 200 or a well-formed refusal, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(anyQuery, async (query) => {
        const before = await snapshot();
        const response = await h.deliveries('dinkes', 'dinkes', webhookId, query);
        if (response.status !== 200) expectWellFormedRefusal(response);
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});
