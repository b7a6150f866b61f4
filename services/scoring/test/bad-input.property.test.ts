import {
  autoAssignInput,
  conflictsInput,
  evaluationInput,
  readinessInput,
  scoringRoutes as routes,
  selfAssessmentInput,
  settleInput,
} from '@inovda/contracts';
import { expectProblem, expectWellFormedRefusal, type TestResponse } from '@inovda/lambda-kit/testing';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IID_2026 } from '../src/editions/iid-2026';
import { acceptAll, CLAIMS, snapshot, startHarness, withDecision } from './harness';

/**
 * Property: whatever a caller sends to a scoring route with a body, a query or a path id, the answer is never a
 * 5xx; a refusal is a catalogued problem with its Indonesian title, and writes nothing (the table is the same item
 * for item before and after).
 */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
  await h.evaluatorsReady();
});
afterAll(async () => {
  await h?.stop();
});

const RUNS = 40;

const ROLE_OF = { coordinator2: 'coordinator', dinkes: 'opd', evaluator: 'evaluator', admin: 'admin' } as const;

const INDICATORS = IID_2026.innovation.indicators.map((indicator) => indicator.code);
const READINESS = IID_2026.readiness.rows.map((row) => row.code);
const BASES = IID_2026.innovation.indicators.flatMap((indicator) => indicator.benefitBases ?? []).map((b) => b.code);

const hostile = fc.constantFrom(
  '',
  ' ',
  'Regulation',
  'regulasi',
  'regulation ',
  '__proto__',
  'constructor',
  '=HYPERLINK("http://x")',
  '../../etc/passwd',
  'a'.repeat(65),
  '<script>',
);
const indicatorCode = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...INDICATORS) },
  { weight: 1, arbitrary: fc.constantFrom('unknown-indicator', 'inovasi-lain') },
  { weight: 1, arbitrary: hostile },
);
const level = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(1, 2, 3) },
  { weight: 2, arbitrary: fc.constantFrom(-1, 0, 4, 1.5, '2', null, 1e9, Number.NaN) },
);
const reason = fc.oneof(
  fc.constant('Bukti dukung tidak sesuai.'),
  fc.constantFrom('', '   ', null, 7),
  fc.string({ minLength: 2_001, maxLength: 2_050 }),
);
const link = fc.oneof(
  fc.record({ url: fc.constantFrom('https://bukti.example.id/x', 'http://bukti.example.id/y') }),
  fc.record({ url: fc.constantFrom('javascript:alert(1)', 'ftp://x', 'bukti', '') }),
  fc.record({ url: fc.constant('https://bukti.example.id/z'), title: fc.oneof(fc.string(), fc.constant('')) }),
  fc.jsonValue({ maxDepth: 1 }),
);
const claim = fc.record(
  {
    indicator: indicatorCode,
    level,
    evidence: fc.oneof(fc.array(link, { maxLength: 3 }), fc.constant([]), fc.jsonValue({ maxDepth: 1 })),
    basis: fc.oneof(fc.constantFrom(...BASES), fc.constantFrom('unknown-basis', '', 'People-Served'), hostile),
    extra: fc.string(),
  },
  { requiredKeys: ['indicator', 'level'] },
);
const claims = fc.oneof(
  { weight: 4, arbitrary: fc.array(claim, { maxLength: 8 }) },
  // Duplicates of a valid claim.
  {
    weight: 1,
    arbitrary: fc.constantFrom(...CLAIMS).map((one) => [one, { ...one, level: 1 }]),
  },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 51 }, () => CLAIMS[0])) },
);
const ifMatch = fc.constantFrom('none', 'current', '"999"', '"0"', 'abc', 'W/"x"', '*', '"1', '1e3', '-1');

function headerFor(match: string, version: number | undefined): Record<string, string> {
  if (match === 'none') return {};
  if (match === 'current') return { 'if-match': `"${version ?? 1}"` };
  return { 'if-match': match };
}

/** A refused request: a catalogued 4xx problem, and the table unchanged. */
async function refusedWritingNothing(response: TestResponse, before: string[]) {
  expectWellFormedRefusal(response);
  expect(await snapshot(h)).toEqual(before);
}

describe('self-assessment save: any claims, any If-Match', () => {
  it('never answers 5xx; a refused save writes nothing', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.atDeliver(cycleId);
    expect((await h.saveSelfAssessment('dinkes', id, { claims: CLAIMS })).status).toBe(200);
    const body = fc.oneof(
      { weight: 5, arbitrary: fc.record({ claims }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, ifMatch, async (candidate, match) => {
        const before = await snapshot(h);
        const version = (await h.selfAssessment('dinkes', id)).body.version as number;
        const response = await h.saveSelfAssessment('dinkes', id, candidate, headerFor(match, version));
        if (response.status === 200) {
          expect(selfAssessmentInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('names each bad claim: unknown indicator, level outside 1–3, duplicates, benefit basis missing or unknown', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.atDeliver(cycleId);
    const before = await snapshot(h);
    const cases: Array<[unknown[], string]> = [
      [[{ indicator: 'unknown-indicator', level: 2 }], 'unknown_indicator'],
      [[{ indicator: 'regulation', level: 4 }], ''],
      [[{ indicator: 'regulation', level: 0 }], ''],
      [
        [
          { indicator: 'regulation', level: 2 },
          { indicator: 'regulation', level: 3 },
        ],
        '',
      ],
      [[{ indicator: 'benefit', level: 2 }], 'basis_required'],
      [[{ indicator: 'benefit', level: 2, basis: 'unknown-basis' }], 'unknown_basis'],
      [[{ indicator: 'regulation', level: 2, basis: 'people-served' }], 'basis_not_allowed'],
    ];
    for (const [bad, code] of cases) {
      const response = await h.saveSelfAssessment('dinkes', id, { claims: bad });
      expectProblem(response, 'validation-failed');
      if (code) expect((response.body.errors as Array<{ code: string }>).map((error) => error.code)).toContain(code);
    }
    expect(await snapshot(h)).toEqual(before);
  });

  it('refuses a stale If-Match with 412 and a malformed one with 400, on save and submit', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.atDeliver(cycleId);
    // No self-assessment yet: naming a version of it is stale.
    expectProblem(
      await h.saveSelfAssessment('dinkes', id, { claims: CLAIMS }, { 'if-match': '"1"' }),
      'version-mismatch',
    );
    const saved = await h.saveSelfAssessment('dinkes', id, { claims: CLAIMS });
    expect(saved.headers.etag).toBe('"1"');
    const before = await snapshot(h);
    const stale = await h.saveSelfAssessment('dinkes', id, { claims: CLAIMS }, { 'if-match': '"7"' });
    expectProblem(stale, 'version-mismatch');
    expect(stale.body.currentVersion).toBe(1);
    expectProblem(
      await h.saveSelfAssessment('dinkes', id, { claims: CLAIMS }, { 'if-match': 'versi-1' }),
      'validation-failed',
    );
    expectProblem(await h.submitSelfAssessment('dinkes', id, { 'if-match': '"2"' }), 'version-mismatch');
    expectProblem(await h.submitSelfAssessment('dinkes', id, { 'if-match': 'W/"x"' }), 'validation-failed');
    expect(await snapshot(h)).toEqual(before);
    expect((await h.submitSelfAssessment('dinkes', id, { 'if-match': '"1"' })).status).toBe(200);
  });
});

describe('declare conflicts: any body', () => {
  it('never answers 5xx; a refused declaration writes nothing', async () => {
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            opdIds: fc.oneof(
              fc.array(fc.constantFrom('dinkes', 'disdukcapil', 'Dinas Kesehatan', '', 'atlantis'), { maxLength: 3 }),
              fc.jsonValue({ maxDepth: 1 }),
            ),
            innovationIds: fc.oneof(
              fc.array(fc.oneof(fc.constant(ulid()), fc.string({ maxLength: 30 })), { maxLength: 3 }),
              fc.jsonValue({ maxDepth: 1 }),
            ),
            colour: fc.string(),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const before = await snapshot(h);
        const response = await h.declare('evaluator3', candidate);
        if (response.status === 200) {
          // Accepted only when it is a valid declaration: a JSON `null` body is refused like any other non-object.
          expect(conflictsInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS },
    );
    // Restore: no conflicts beyond the own OPD.
    expect((await h.declare('evaluator3')).status).toBe(200);
  });
});

describe('assign by hand and automatically: any body', () => {
  it('never answers 5xx; a refused assignment writes nothing', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    const sub = fc.oneof(
      fc.constantFrom('sub-penilai', 'sub-penilai2', 'sub-penilai3', 'sub-nobody', 'sub-koor'),
      fc.constantFrom('', 'a b', 'sub/penilai', 'x'.repeat(129)),
      fc.jsonValue({ maxDepth: 0 }),
    );
    const body = fc.oneof(
      { weight: 4, arbitrary: fc.record({ evaluators: fc.array(sub, { maxLength: 7 }) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const before = await snapshot(h);
        const response = await h.route(routes.assignEvaluators, 'coordinator2', { params: { id }, body: candidate });
        if (response.status === 200) return;
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS },
    );
  });

  it('auto-assign: any body; a cycle with nothing to staff writes nothing', async () => {
    const cycleId = await h.openedCycle();
    await h.atDeliver(cycleId);
    const body = fc.oneof(
      fc.record({ perInnovation: fc.oneof(level, fc.constantFrom(5, 6, 100)) }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const before = await snapshot(h);
        const response = await h.autoAssign('coordinator2', cycleId, candidate);
        if (response.status === 200) {
          expect(autoAssignInput.safeParse(candidate ?? {}).success).toBe(true);
          expect(response.body).toEqual({ assigned: [], unstaffed: [] });
        } else {
          expectWellFormedRefusal(response);
        }
        expect(await snapshot(h)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('evaluation save: any decisions, any If-Match', () => {
  it('never answers 5xx; a refused save writes nothing', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator2', id, ['sub-penilai'])).status).toBe(200);
    const decision = fc.record(
      {
        indicator: indicatorCode,
        decision: fc.constantFrom('accept', 'lower', 'reject', 'raise', ''),
        level,
        reason,
      },
      { requiredKeys: ['indicator', 'decision'] },
    );
    const body = fc.oneof(
      { weight: 4, arbitrary: fc.record({ decisions: fc.array(decision, { maxLength: 8 }) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, ifMatch, async (candidate, match) => {
        const before = await snapshot(h);
        const version = (await h.myEvaluation('evaluator', id)).body.version as number;
        const response = await h.saveEvaluation('evaluator', id, candidate, headerFor(match, version));
        if (response.status === 200) {
          expect(evaluationInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('refuses raising above the claim, a lower or reject without a reason, unclaimed and duplicate indicators, a stale or malformed If-Match', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator2', id, ['sub-penilai'])).status).toBe(200);
    const before = await snapshot(h);
    const all = acceptAll();
    const cases: Array<[unknown[], string]> = [
      // Claimed 2: lowering "to" 3 raises it, and "to" 2 does not lower it.
      [withDecision(all, { indicator: 'tools', decision: 'lower', level: 3, reason: 'Naik.' }), 'not_lower'],
      [withDecision(all, { indicator: 'tools', decision: 'lower', level: 2, reason: 'Sama.' }), 'not_lower'],
      [withDecision(all, { indicator: 'tools', decision: 'lower', level: 1 }), ''],
      [withDecision(all, { indicator: 'tools', decision: 'lower', level: 1, reason: '  ' }), ''],
      [withDecision(all, { indicator: 'tools', decision: 'reject' }), ''],
      [withDecision(all, { indicator: 'tools', decision: 'raise', level: 3, reason: 'Naik.' }), ''],
      [withDecision(all, { indicator: 'tools', decision: 'accept', level: 3 }), ''],
      [[...all, { indicator: 'budget', decision: 'accept' }], 'not_claimed'],
      [[...all, { indicator: 'unknown-indicator', decision: 'accept' }], 'not_claimed'],
      [[...all, { indicator: 'tools', decision: 'reject', reason: 'Ganda.' }], ''],
    ];
    for (const [bad, code] of cases) {
      const response = await h.saveEvaluation('evaluator', id, { decisions: bad });
      expectProblem(response, 'validation-failed');
      if (code) expect((response.body.errors as Array<{ code: string }>).map((error) => error.code)).toContain(code);
    }
    const mine = await h.myEvaluation('evaluator', id);
    expectProblem(
      await h.saveEvaluation('evaluator', id, { decisions: all }, { 'if-match': '"9"' }),
      'version-mismatch',
    );
    expectProblem(
      await h.saveEvaluation('evaluator', id, { decisions: all }, { 'if-match': 'satu' }),
      'validation-failed',
    );
    expect(await snapshot(h)).toEqual(before);
    expect(
      (await h.saveEvaluation('evaluator', id, { decisions: all }, { 'if-match': mine.headers.etag ?? '' })).status,
    ).toBe(200);
    const saved = await snapshot(h);
    expectProblem(
      await h.submitEvaluation('evaluator', id, { 'if-match': mine.headers.etag ?? '' }),
      'version-mismatch',
    );
    expectProblem(await h.submitEvaluation('evaluator', id, { 'if-match': '"dua"' }), 'validation-failed');
    expect(await snapshot(h)).toEqual(saved);
    const version = (await h.myEvaluation('evaluator', id)).body.version as number;
    expect((await h.submitEvaluation('evaluator', id, { 'if-match': `"${version}"` })).status).toBe(200);
  });
});

describe('calibration and correction: any body', () => {
  it('never answers 5xx; a refused settlement writes nothing', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    // Regulation claimed 3: one accepts, one rejects: flagged.
    await h.verified(id, {
      evaluator: acceptAll(),
      evaluator2: withDecision(acceptAll(), { indicator: 'regulation', decision: 'reject', reason: 'Tanpa perda.' }),
    });
    expect((await h.score('coordinator2', id)).body.status).toBe('flagged');
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({ indicator: indicatorCode, level, reason }, { requiredKeys: [] }),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    const which = fc.constantFrom('calibrate', 'correct');
    await fc.assert(
      fc.asyncProperty(which, body, async (kind, candidate) => {
        const before = await snapshot(h);
        const response =
          kind === 'calibrate'
            ? await h.calibrate('coordinator2', id, candidate)
            : await h.correct('coordinator2', id, candidate);
        if (response.status === 200) {
          expect(settleInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses an unknown indicator, a level outside 0–3 and a missing reason', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    await h.verified(id, {
      evaluator: acceptAll(),
      evaluator2: withDecision(acceptAll(), { indicator: 'regulation', decision: 'reject', reason: 'Tanpa perda.' }),
    });
    const before = await snapshot(h);
    expectProblem(
      await h.calibrate('coordinator2', id, { indicator: 'unknown-indicator', level: 2, reason: 'x' }),
      'validation-failed',
    );
    expectProblem(
      await h.calibrate('coordinator2', id, { indicator: 'regulation', level: 4, reason: 'x' }),
      'validation-failed',
    );
    expectProblem(await h.calibrate('coordinator2', id, { indicator: 'regulation', level: 2 }), 'validation-failed');
    expectProblem(
      await h.calibrate('coordinator2', id, { indicator: 'regulation', level: 2, reason: ' ' }),
      'validation-failed',
    );
    expectProblem(await h.correct('coordinator2', id, { indicator: 'regulation', level: 2 }), 'validation-failed');
    expect(await snapshot(h)).toEqual(before);
  });
});

describe('readiness rows: any body', () => {
  it('never answers 5xx; rows not in the edition and levels outside 0–3 are refused and write nothing', async () => {
    const cycleId = await h.openedCycle();
    const code = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...READINESS) },
      { weight: 1, arbitrary: fc.constantFrom('regulation', 'unknown-row', 'toString', 'hasOwnProperty') },
      { weight: 1, arbitrary: hostile },
    );
    const body = fc.oneof(
      { weight: 4, arbitrary: fc.record({ levels: fc.dictionary(code, level, { maxKeys: 4 }) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const before = await snapshot(h);
        const response = await h.route(routes.setReadiness, 'coordinator', {
          params: { id: cycleId },
          body: candidate,
        });
        if (response.status === 200) {
          expect(readinessInput.safeParse(candidate).success).toBe(true);
          return;
        }
        await refusedWritingNothing(response, before);
      }),
      { numRuns: RUNS },
    );
    const before = await snapshot(h);
    const unknown = await h.readiness('coordinator', cycleId, { 'vision-mission': 3, 'unknown-row': 2 });
    expectProblem(unknown, 'validation-failed');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'levels/unknown-row', code: 'unknown_row' })]);
    expectProblem(await h.readiness('coordinator', cycleId, { 'vision-mission': 4 }), 'validation-failed');
    expect(await snapshot(h)).toEqual(before);
  });
});

describe('path ids, edition ids and the assignments query: anything', () => {
  it('never answers 5xx; an id that is not a ULID is a 404, and nothing is written', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    const pathId = fc.oneof(
      fc.constantFrom(id, cycleId, ulid(), id.toLowerCase(), `${id}0`, id.slice(1), '', ' ', '..', '%00'),
      fc.string({ maxLength: 40 }),
    );
    const reads = [
      routes.getSelfAssessment,
      routes.getMyEvaluation,
      routes.listEvaluations,
      routes.getScore,
      routes.getRanking,
      routes.getRankingCsv,
      routes.getRegionIndex,
      routes.submitSelfAssessment,
      routes.submitMyEvaluation,
      routes.publishResults,
    ];
    const callers = fc.constantFrom('coordinator2', 'dinkes', 'evaluator', 'admin') as fc.Arbitrary<
      'coordinator2' | 'dinkes' | 'evaluator' | 'admin'
    >;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), callers, pathId, async (spec, who, candidate) => {
        const before = await snapshot(h);
        const response = await h.route(spec, who, { params: { id: candidate } });
        const write = spec.method !== 'GET';
        if (response.status < 300) {
          expect([id, cycleId]).toContain(candidate);
          return;
        }
        expectWellFormedRefusal(response);
        const allowed = (spec.roles as readonly string[]).includes(ROLE_OF[who]);
        if (allowed && !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(candidate)) expectProblem(response, 'not-found');
        if (!allowed) expectProblem(response, 'forbidden');
        if (write) expect(await snapshot(h)).toEqual(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('the public ranking, read without a token: any id is a 404 until published, never a 5xx', async () => {
    const cycleId = await h.openedCycle();
    const pathId = fc.oneof(
      fc.constantFrom(cycleId, ulid(), cycleId.toLowerCase(), `${cycleId}0`, '', ' ', '..', '%00', '__proto__'),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(pathId, async (candidate) => {
        const response = await h.publicRanking(candidate);
        expectProblem(response, 'not-found');
      }),
      { numRuns: RUNS },
    );
  });

  it('edition ids: anything else than a shipped edition is a 404', async () => {
    const editionId = fc.oneof(
      fc.constantFrom('iid-2026', 'iid-legacy-150', 'IID-2026', 'iid-2025', '', '..', 'iid-2026 ', '__proto__'),
      fc.string({ maxLength: 70 }),
    );
    await fc.assert(
      fc.asyncProperty(editionId, async (candidate) => {
        const response = await h.edition('evaluator', candidate);
        if (response.status === 200) {
          expect(['iid-2026', 'iid-legacy-150']).toContain(candidate);
          expect(response.body.id).toBe(candidate);
          return;
        }
        expectProblem(response, 'not-found');
      }),
      { numRuns: RUNS },
    );
  });

  it('my assignments: any query is a page or a 400', async () => {
    const query = fc.dictionary(
      fc.constantFrom('limit', 'cursor', 'status', 'colour'),
      fc.oneof(
        fc.constantFrom('0', '1', '100', '101', '-1', '1e3', 'NaN', '', 'eyJwayI6IngifQ', '%%%'),
        fc.string({ maxLength: 30 }),
        fc.string({ minLength: 2_000, maxLength: 2_100 }),
      ),
      { maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(query, async (candidate) => {
        const response = await h.myAssignments('evaluator', candidate);
        if (response.status === 200) return;
        expectWellFormedRefusal(response);
        expect(response.status).toBe(400);
      }),
      { numRuns: RUNS },
    );
  });
});
