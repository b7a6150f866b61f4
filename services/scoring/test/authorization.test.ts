import { scoringRoutes as routes, scoringApi } from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAll, CLAIMS, EVALUATOR_SUBS, startHarness, type Who, withDecision } from './harness';

/** Who may do what, over HTTP, for every role the dev callers cover. */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
  await h.evaluatorsReady();
});
afterAll(async () => {
  await h?.stop();
});

const FLAG_REGULATION = {
  evaluator: acceptAll(),
  evaluator2: withDecision(acceptAll(), { indicator: 'regulation', decision: 'reject', reason: 'Tanpa perda.' }),
};

describe('an OPD', () => {
  it('reads its own self-assessment only; another OPD learns nothing of it (404)', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.selfAssessment('dinkes', id)).status).toBe(200);
    for (const who of ['capil', 'balitbang'] as const) {
      expectProblem(await h.selfAssessment(who, id), 'not-found');
      expectProblem(await h.score(who, id), 'not-found');
      expectProblem(await h.saveSelfAssessment(who, id, { claims: CLAIMS }), 'not-found');
      expectProblem(await h.submitSelfAssessment(who, id), 'not-found');
    }
    for (const who of ['coordinator', 'coordinator2', 'admin'] as const) {
      expect((await h.selfAssessment(who, id)).status).toBe(200);
    }
  });

  it('sees its scores and the ranking only after publication, never who evaluated; another OPD never', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    await h.verified(id, { evaluator: acceptAll(), evaluator2: acceptAll() });
    expectProblem(await h.score('dinkes', id), 'not-found');
    expectProblem(await h.ranking('dinkes', cycleId), 'not-found');
    expect((await h.score('coordinator', id)).body.indicators).toContainEqual(
      expect.objectContaining({ indicator: 'regulation', evaluators: expect.any(Array) }),
    );
    // Before publication, the OPD cannot see the evaluations either (the route is for staff).
    expectProblem(await h.evaluations('dinkes', id), 'forbidden');

    expect((await h.publish('coordinator', cycleId)).status).toBe(200);
    const seen = await h.score('dinkes', id);
    expect(seen.status).toBe(200);
    expect(seen.body.total).toBe(41);
    for (const indicator of seen.body.indicators as Array<Record<string, unknown>>) {
      expect(indicator).not.toHaveProperty('evaluators');
    }
    expect(JSON.stringify(seen.body)).not.toMatch(/penilai|sub-/);
    expect((await h.ranking('dinkes', cycleId)).status).toBe(200);
    expect((await h.ranking('capil', cycleId)).status).toBe(200);
    expectProblem(await h.score('capil', id), 'not-found');
    expectProblem(await h.evaluations('dinkes', id), 'forbidden');
    expectProblem(await h.rankingCsv('dinkes', cycleId), 'forbidden');
  });
});

describe('an evaluator', () => {
  it('sees only their assignments: another innovation is a 404 (evaluations/mine, self-assessment, score, evaluations)', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    await h.verified(id, { evaluator2: acceptAll() });
    expectProblem(await h.myEvaluation('evaluator', id), 'not-found');
    expectProblem(await h.saveEvaluation('evaluator', id, { decisions: acceptAll() }), 'not-found');
    expectProblem(await h.submitEvaluation('evaluator', id), 'not-found');
    expectProblem(await h.selfAssessment('evaluator', id), 'not-found');
    expectProblem(await h.score('evaluator', id), 'not-found');
    expectProblem(await h.evaluations('evaluator', id), 'not-found');
    // The one assigned sees them all.
    expect((await h.selfAssessment('evaluator2', id)).status).toBe(200);
    expect((await h.score('evaluator2', id)).status).toBe(200);
    expect((await h.evaluations('evaluator2', id)).status).toBe(200);
    const mine = await h.myAssignments('evaluator2');
    expect(mine.body.items).toContainEqual(expect.objectContaining({ innovationId: id, status: 'submitted' }));
    expect((await h.myAssignments('evaluator')).body.items).not.toContainEqual(
      expect.objectContaining({ innovationId: id }),
    );
  });

  it('is blind until they submitted: the others’ evaluations and the score are a 403 before', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator2', id, [EVALUATOR_SUBS.evaluator, EVALUATOR_SUBS.evaluator2])).status).toBe(
      200,
    );
    expect((await h.saveEvaluation('evaluator', id, { decisions: acceptAll() })).status).toBe(200);
    expect((await h.submitEvaluation('evaluator', id)).status).toBe(200);
    // evaluator2 has not submitted: blind to evaluator's decisions.
    expect((await h.selfAssessment('evaluator2', id)).status).toBe(200);
    expectProblem(await h.evaluations('evaluator2', id), 'forbidden');
    expectProblem(await h.score('evaluator2', id), 'forbidden');
    const own = await h.myEvaluation('evaluator2', id);
    expect(own.body.decisions).toEqual([]);
    expect(JSON.stringify(own.body)).not.toContain('sub-penilai"');
    // evaluator submitted: sees both.
    expect((await h.evaluations('evaluator', id)).body.items).toHaveLength(2);
  });

  it('is never assigned an innovation of their own OPD nor a declared conflict (403 conflict-of-interest)', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId, 'dinkes');
    expectProblem(await h.assign('coordinator2', id, [EVALUATOR_SUBS.evaluator3]), 'conflict-of-interest');
    expect((await h.declare('evaluator2', { opdIds: ['dinkes'] })).status).toBe(200);
    expectProblem(await h.assign('coordinator2', id, [EVALUATOR_SUBS.evaluator2]), 'conflict-of-interest');
    expect((await h.declare('evaluator2', { innovationIds: [id] })).status).toBe(200);
    expectProblem(await h.assign('coordinator2', id, [EVALUATOR_SUBS.evaluator2]), 'conflict-of-interest');
    // Read back before it is changed (a declaration replaces the last one whole): their own, never another's.
    const declared = await h.declared('evaluator2');
    expect(declared.status).toBe(200);
    expect(declared.body).toMatchObject({
      sub: EVALUATOR_SUBS.evaluator2,
      conflicts: { opdIds: [], innovationIds: [id] },
    });
    expect((await h.declare('evaluator2')).status).toBe(200);
    expect((await h.declared('evaluator2')).body.conflicts).toEqual({ opdIds: [], innovationIds: [] });
    // Nothing was assigned by the refused requests.
    expect((await h.evaluations('coordinator2', id)).body.items).toEqual([]);
    // One refused evaluator refuses the whole request.
    expectProblem(
      await h.assign('coordinator2', id, [EVALUATOR_SUBS.evaluator, EVALUATOR_SUBS.evaluator3]),
      'conflict-of-interest',
    );
    expect((await h.evaluations('coordinator2', id)).body.items).toEqual([]);
    expectProblem(await h.assign('coordinator2', id, ['sub-nobody']), 'unknown-evaluator');
  });

  it('is checked again when scoring: assigned, then declaring a conflict, their saving is refused', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator2', id, [EVALUATOR_SUBS.evaluator2])).status).toBe(200);
    expect((await h.saveEvaluation('evaluator2', id, { decisions: acceptAll() })).status).toBe(200);
    expect((await h.declare('evaluator2', { innovationIds: [id] })).status).toBe(200);
    expectProblem(await h.saveEvaluation('evaluator2', id, { decisions: acceptAll() }), 'conflict-of-interest');
    expectProblem(await h.submitEvaluation('evaluator2', id), 'conflict-of-interest');
    expectProblem(await h.myEvaluation('evaluator2', id), 'conflict-of-interest');
    expect((await h.declare('evaluator2', { opdIds: ['dinkes'] })).status).toBe(200);
    expectProblem(await h.submitEvaluation('evaluator2', id), 'conflict-of-interest');
    expect((await h.declare('evaluator2')).status).toBe(200);
    expect((await h.submitEvaluation('evaluator2', id)).status).toBe(200);
  });
});

describe('a coordinator', () => {
  it('may not decide on their own OPD: assign, calibrate, correct (403 conflict-of-interest)', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId, 'balitbang');
    expectProblem(await h.assign('coordinator', id, [EVALUATOR_SUBS.evaluator]), 'conflict-of-interest');
    await h.verified(id, FLAG_REGULATION, 'coordinator2');
    const settle = { indicator: 'regulation', level: 2, reason: 'Hasil rapat kalibrasi.' };
    expectProblem(await h.calibrate('coordinator', id, settle), 'conflict-of-interest');
    expect((await h.calibrate('coordinator2', id, settle)).status).toBe(200);
    expect((await h.publish('coordinator', cycleId)).status).toBe(200);
    const correction = { indicator: 'tools', level: 1, reason: 'Alat kerja masih manual.' };
    expectProblem(await h.correct('coordinator', id, correction), 'conflict-of-interest');
    expect((await h.correct('coordinator2', id, correction)).status).toBe(200);
  });

  it('without an OPD on the token may read but not decide (403)', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.selfAssessment('coordinatorWithoutUnit', id)).status).toBe(200);
    expectProblem(await h.assign('coordinatorWithoutUnit', id, [EVALUATOR_SUBS.evaluator]), 'forbidden');
    expectProblem(await h.autoAssign('coordinatorWithoutUnit', cycleId), 'forbidden');
    await h.verified(id, FLAG_REGULATION);
    const settle = { indicator: 'regulation', level: 2, reason: 'Hasil rapat kalibrasi.' };
    expectProblem(await h.calibrate('coordinatorWithoutUnit', id, settle), 'forbidden');
    expect((await h.score('coordinatorWithoutUnit', id)).body.status).toBe('flagged');
    expect((await h.calibrate('coordinator', id, settle)).status).toBe(200);
    expect((await h.publish('coordinator', cycleId)).status).toBe(200);
    expectProblem(await h.correct('coordinatorWithoutUnit', id, { ...settle, level: 1 }), 'forbidden');
  });

  it('auto-assignment leaves the innovations of the coordinator’s own OPD unstaffed', async () => {
    const cycleId = await h.openedCycle();
    const own = await h.selfAssessed(cycleId, 'balitbang');
    const other = await h.selfAssessed(cycleId, 'disdukcapil');
    const result = await h.autoAssign('coordinator', cycleId, { perInnovation: 1 });
    expect(result.status).toBe(200);
    expect(result.body.unstaffed).toEqual([{ innovationId: own, missing: 1 }]);
    expect((result.body.assigned as Array<{ innovationId: string }>).map((entry) => entry.innovationId)).toEqual([
      other,
    ]);
    expect((await h.evaluations('admin', own)).body.items).toEqual([]);
  });
});

describe('an admin', () => {
  it('reads everything, decides on any OPD, and may act for an OPD', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.atDeliver(cycleId, 'balitbang');
    expect((await h.saveSelfAssessment('admin', id, { claims: CLAIMS })).status).toBe(200);
    expect((await h.submitSelfAssessment('admin', id)).status).toBe(200);
    expect((await h.assign('admin', id, [EVALUATOR_SUBS.evaluator])).status).toBe(200);
    expect((await h.evaluations('admin', id)).status).toBe(200);
    expect((await h.evaluators('admin')).status).toBe(200);
  });
});

describe('routes whose roles exclude the caller', () => {
  it('answer 403 forbidden for every such caller, and 401 without a token', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    const callers: Array<[Who, string[]]> = [
      ['dinkes', ['opd']],
      ['coordinator', ['coordinator']],
      ['coordinatorWithoutUnit', ['coordinator']],
      ['evaluator', ['evaluator']],
      ['admin', ['admin']],
    ];
    let refused = 0;
    for (const [name, spec] of Object.entries(routes)) {
      // The public reads ask for no token and no role (their own tests: ranking-publication, bad-input).
      if ('public' in spec && spec.public) continue;
      const params: Record<string, string> = spec.path.includes('{editionId}')
        ? { editionId: 'iid-2026' }
        : spec.path.startsWith('/cycles')
          ? { id: cycleId }
          : spec.path.includes('{id}')
            ? { id }
            : {};
      const body = scoringApi[name as keyof typeof scoringApi].body ? {} : undefined;
      for (const [who, roles] of callers) {
        if (roles.some((role) => (spec.roles as readonly string[]).includes(role))) continue;
        expectProblem(await h.route(spec, who, { params, ...(body ? { body } : {}) }), 'forbidden');
        refused += 1;
      }
      expectProblem(await h.route(spec, null, { params, ...(body ? { body } : {}) }), 'unauthenticated');
    }
    expect(refused).toBeGreaterThan(20);
  });

  it('another id than a ULID, or one never seen, is a 404 for everyone', async () => {
    for (const who of ['dinkes', 'coordinator', 'evaluator', 'admin'] as const) {
      expectProblem(await h.selfAssessment(who, ulid()), 'not-found');
      expectProblem(await h.score(who, 'not-a-ulid'), 'not-found');
      expectProblem(await h.ranking(who, ulid()), 'not-found');
    }
  });
});
