import { createCycleInput, STAGES } from '@inovda/contracts';
import { expectWellFormedRefusal } from '@inovda/lambda-kit/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_PROFILE, type Harness, startHarness, windows } from './harness';

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

const RUNS = 40;

const date = fc.oneof(
  fc.constantFrom('2027-01-01', '2027-02-30', '2027-13-01', '27-01-01', '', '2027-06-15', '2026-12-31'),
  fc
    .integer({ min: 0, max: 800 })
    .map((offset) => new Date(Date.UTC(2026, 6, 1) + offset * 86_400_000).toISOString().slice(0, 10)),
);
const windowish = fc.oneof(
  { weight: 4, arbitrary: fc.record({ start: date, due: date }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const windowsish = fc.oneof(
  { weight: 1, arbitrary: fc.constant(windows(2027)) },
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...STAGES, 'celebrate'), windowish, { maxKeys: 6 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const number = fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double(), fc.constantFrom('3', null, 1e12));
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constant(' '),
  fc.string({ minLength: 2_001, maxLength: 2_100 }),
);

describe('create cycle: any body', () => {
  it('never answers 5xx; refusals are catalogued problems and write nothing', async () => {
    const body = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record(
          {
            name: fc.oneof(text, fc.constant('Program Inovasi')),
            year: number,
            stageWindows: windowsish,
            targetPerOpd: number,
            monevIntervalDays: number,
            colour: fc.string(),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const before = (await api.items()).length;
        const response = await api.createCycle('coordinator', candidate);
        if (response.status === 201) {
          expect(createCycleInput.safeParse(candidate).success).toBe(true);
          return;
        }
        expectWellFormedRefusal(response);
        expect((await api.items()).length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('patch windows: any body and If-Match', () => {
  it('never answers 5xx; a refused patch leaves the cycle at its version', async () => {
    const id = (
      await api.createCycle('coordinator', {
        name: 'Target',
        year: 2027,
        stageWindows: windows(2027),
        targetPerOpd: 1,
        monevIntervalDays: 30,
      })
    ).body.id as string;
    const body = fc.oneof(
      { weight: 4, arbitrary: fc.record({ stageWindows: windowsish }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    const ifMatch = fc.oneof(fc.constant('current'), fc.constantFrom('', '"abc"', 'W/"1"', '*', '"999"'));
    await fc.assert(
      fc.asyncProperty(body, ifMatch, async (candidate, match) => {
        const version = (await api.getCycle('coordinator', id)).body.version as number;
        const before = (await api.items()).length;
        const header = match === 'current' ? `"${version}"` : match;
        const response = await api.updateCycle('coordinator', id, candidate, header ? { 'if-match': header } : {});
        if (response.status === 200) return;
        expectWellFormedRefusal(response);
        expect((await api.getCycle('coordinator', id)).body.version).toBe(version);
        expect((await api.items()).length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('advance requests and their review: any body', () => {
  it('never answers 5xx; refusals write nothing', async () => {
    const cycleId = await api.openedCycle();
    const id = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    const body = fc.oneof(
      fc.record({ note: fc.oneof(text, fc.jsonValue()), extra: fc.string() }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant(undefined),
    );
    const action = fc.constantFrom('request', 'approve', 'return', 'hold', 'resume');
    await fc.assert(
      fc.asyncProperty(action, body, async (kind, candidate) => {
        const before = (await api.items()).length;
        const track = (await api.track('dinkes', id)).body as { pendingRequest?: { requestId: string } };
        const requestId = track.pendingRequest?.requestId ?? '01J0000000000000000000000R';
        const response =
          kind === 'request'
            ? await api.requestAdvance('dinkes', id, candidate)
            : kind === 'approve'
              ? await api.approve('coordinator2', id, requestId, candidate)
              : kind === 'return'
                ? await api.giveBack('coordinator2', id, requestId, candidate)
                : kind === 'hold'
                  ? await api.hold('coordinator', id, candidate)
                  : await api.resume('coordinator', id, candidate);
        if (response.status < 300) return;
        expectWellFormedRefusal(response);
        expect((await api.items()).length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('monev: any body', () => {
  it('never answers 5xx; refusals write nothing', async () => {
    const cycleId = await api.openedCycle();
    const id = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    for (let step = 0; step < 4; step += 1) {
      const requestId = (await api.requestAdvance('dinkes', id)).body.requestId as string;
      await api.approve('coordinator2', id, requestId);
    }
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            period: fc.oneof(fc.constantFrom('P1', 'P2', 'P0', 'P1000', 'p1', ''), fc.string({ maxLength: 6 })),
            progress: text,
            indicators: fc.oneof(
              fc.record(
                { beneficiariesServed: number, complaintsReceived: number, colour: fc.string() },
                { requiredKeys: [] },
              ),
              fc.jsonValue({ maxDepth: 1 }),
            ),
            issues: text,
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const before = (await api.items()).length;
        const response = await api.monev('dinkes', id, candidate);
        if (response.status === 201) return;
        expectWellFormedRefusal(response);
        expect((await api.items()).length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('commitments and maturity: any body, any OPD', () => {
  it('never answers 5xx; refusals write nothing', async () => {
    const cycleId = await api.openedCycle();
    const id = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    for (let step = 0; step < 3; step += 1) {
      const requestId = (await api.requestAdvance('dinkes', id)).body.requestId as string;
      await api.approve('coordinator2', id, requestId);
    }
    const opdId = fc.constantFrom('dinkes', 'disdukcapil', 'atlantis', 'Dinas Kesehatan', '', '-x-');
    const pledge = fc.oneof(fc.record({ pledged: number }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 2 }));
    const maturity = fc.oneof(
      fc.record(
        { maturity: fc.constantFrom('initiative', 'trial', 'implemented', 'inisiatif', ''), date },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(opdId, pledge, maturity, async (opd, pledgeBody, maturityBody) => {
        let before = (await api.items()).length;
        const committed = await api.commit('dinkes', cycleId, opd, pledgeBody);
        if (committed.status !== 200) {
          expectWellFormedRefusal(committed);
          expect((await api.items()).length).toBe(before);
        }
        before = (await api.items()).length;
        const recorded = await api.maturity('dinkes', id, maturityBody);
        if (recorded.status !== 200) {
          expectWellFormedRefusal(recorded);
          expect((await api.items()).length).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('queries and path ids: anything', () => {
  it('never answers 5xx on lists, the board, tracks, history and monev; refusals are catalogued problems', async () => {
    const cycleId = await api.openedCycle();
    const id = await api.registered(cycleId, 'dinkes');
    // Real cursors of the right lists, and of the wrong ones, among the random strings.
    const cyclesCursor = (await api.listCycles('coordinator', { limit: '1' })).body.nextCursor;
    await api.registered(cycleId, 'dinkes');
    const board = (await api.board('coordinator', cycleId, { stage: 'drum-up', limit: '1' })).body;
    const stageCursor = (board.innovations as { nextCursor: string | null }).nextCursor;
    const cursors = [cyclesCursor, stageCursor].filter((value): value is string => typeof value === 'string');
    const queryValue = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('0', '1', '100', '101', '-1', '1e3', 'NaN', '', ...STAGES, 'celebrate', ...cursors),
      fc.string({ minLength: 2_000, maxLength: 2_100 }),
    );
    const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'stage', 'opdId', 'colour'), queryValue, {
      maxKeys: 4,
    });
    const pathId = fc.oneof(fc.constant(cycleId), fc.constant(id), fc.string({ maxLength: 40 }), fc.constant(''));
    const route = fc.constantFrom('listCycles', 'board', 'track', 'history', 'monev', 'cycle');
    await fc.assert(
      fc.asyncProperty(route, pathId, query, async (which, path, candidate) => {
        const response =
          which === 'listCycles'
            ? await api.listCycles('coordinator', candidate)
            : which === 'board'
              ? await api.board('coordinator', path, candidate)
              : which === 'track'
                ? await api.track('dinkes', path)
                : which === 'history'
                  ? await api.history('dinkes', path, candidate)
                  : which === 'monev'
                    ? await api.monevReports('dinkes', path, candidate)
                    : await api.getCycle('evaluator', path);
        if (response.status < 300) return;
        expectWellFormedRefusal(response);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('the scheduled handler', () => {
  it('runs as EventBridge invokes it, with nothing due', async () => {
    await expect(api.tick('check-deadlines', 'schedule-1')).resolves.toBeUndefined();
  });
});
