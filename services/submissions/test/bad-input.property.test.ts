import { PROFILE_FIELD_NAMES, profileSchema, submissionsRoutes as routes } from '@inovda/contracts';
import { expectWellFormedRefusal } from '@inovda/lambda-kit/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

/**
 * Property: no input produces a 5xx; every refusal is a problem+json from the catalogue with its Indonesian title,
 * and a refused request writes nothing.
 */

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

const RUNS = 60;

/** Values that look like profile values, plus anything JSON can hold. */
const profileishValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('dinkes', 'disdukcapil', 'digital', 'health', 'trial', '2027-02-30', '2027-02-01', 'https://x.id/a'),
  fc.array(fc.constantFrom('health', 'education', 'health', 'nope'), { maxLength: 4 }),
  fc.record({ name: fc.string({ maxLength: 20 }), phone: fc.string({ maxLength: 25 }) }, { requiredKeys: [] }),
  fc.array(fc.record({ indicator: fc.constantFrom('regulation', 'x'), url: fc.webUrl() }, { requiredKeys: [] }), {
    maxLength: 3,
  }),
  fc.string({ minLength: 199, maxLength: 10_050 }),
);

const profileKeys = fc.constantFrom(...PROFILE_FIELD_NAMES, 'id', 'version', 'status', '__proto__', 'colour');

/** Create bodies: mostly profile-shaped objects with wrong, right or missing fields, sometimes any JSON at all. */
const createBody = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(profileKeys, profileishValue, { maxKeys: 8 }) },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(profileKeys, profileishValue, { maxKeys: 6 })
      .map((rest) => ({ name: 'Inovasi Uji', opdId: 'dinkes', ...rest })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

describe('create: any body', () => {
  it('never answers 5xx; refusals are catalogued problems and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(createBody, async (body) => {
        const before = (await api.items()).length;
        const response = await api.create('dinkes', body);
        if (response.status === 201) {
          expect(profileSchema.safeParse(body).success).toBe(true);
          return;
        }
        expectWellFormedRefusal(response);
        expect((await api.items()).length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('never answers 5xx to raw bytes under any content type', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/xml',
      '',
    );
    const rawBody = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }))
        .map((pairs) => new URLSearchParams(pairs).toString()),
    );
    await fc.assert(
      fc.asyncProperty(contentType, rawBody, async (type, body) => {
        const before = (await api.items()).length;
        const response = await api.route(routes.createInnovation, 'dinkes', {
          headers: type ? { 'content-type': type } : {},
          rawBody: body,
        });
        if (response.status === 201) return;
        expectWellFormedRefusal(response);
        expect((await api.items()).length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('update: any patch', () => {
  it('never answers 5xx; a refused patch leaves the innovation at its version', async () => {
    const created = await api.create('dinkes', { name: 'Target Uji', opdId: 'dinkes' });
    const id = created.body.id as string;
    const patchBody = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.dictionary(profileKeys, fc.oneof(profileishValue, fc.constant(null)), { maxKeys: 6 }),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    const ifMatch = fc.oneof(fc.constant('current'), fc.constantFrom('', '"abc"', 'W/"1"', '*', '"999"'));
    await fc.assert(
      fc.asyncProperty(patchBody, ifMatch, async (body, match) => {
        const current = await api.get('dinkes', id);
        const version = current.body.version as number;
        const before = (await api.items()).length;
        const header = match === 'current' ? `"${version}"` : match;
        const response = await api.update('dinkes', id, body, header ? { 'if-match': header } : {});
        if (response.status === 200) {
          expect([version, version + 1]).toContain(response.body.version);
          return;
        }
        expectWellFormedRefusal(response);
        expect((await api.get('dinkes', id)).body.version).toBe(version);
        expect((await api.items()).length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});
