import { InnovationDrafted, InnovationRegistered, StageAdvanced } from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAll, CLAIMS, PROFILE_EVIDENCE, startHarness, withDecision } from './harness';

/** How evaluators' levels become an innovation's score (median rule, the region default), flags and calibration. */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
  await h.evaluatorsReady();
});
afterAll(async () => {
  await h?.stop();
});

type Indicator = { indicator: string; level: number; score: number; decidedBy: string; flagged: boolean };

async function indicatorsOf(id: string): Promise<Record<string, Indicator>> {
  const score = await h.score('admin', id);
  expect(score.status).toBe(200);
  return Object.fromEntries((score.body.indicators as Indicator[]).map((entry) => [entry.indicator, entry]));
}

const lower = (indicator: string, level: number) => ({
  indicator,
  decision: 'lower',
  level,
  reason: 'Bukti dukung hanya mendukung tingkat yang lebih rendah.',
});
const reject = (indicator: string) => ({ indicator, decision: 'reject', reason: 'Bukti dukung tidak ada.' });

describe('the verified level', () => {
  it('is the median of three evaluators', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId, 'balitbang');
    // regulation (claimed 3): 3, 3, 2 → 3. tools (claimed 2): 2, 1, 1 → 1.
    await h.verified(id, {
      evaluator: acceptAll(),
      evaluator2: withDecision(acceptAll(), lower('tools', 1)),
      evaluator3: withDecision(withDecision(acceptAll(), lower('tools', 1)), lower('regulation', 2)),
    });
    const indicators = await indicatorsOf(id);
    expect(indicators.regulation).toMatchObject({ level: 3, score: 9, decidedBy: 'evaluators', flagged: false });
    expect(indicators.tools).toMatchObject({ level: 1, score: 2, flagged: false });
  });

  it('is the lower middle level for an even count of evaluators', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    await h.verified(id, {
      evaluator: acceptAll(),
      evaluator2: withDecision(withDecision(acceptAll(), lower('regulation', 2)), lower('tools', 1)),
    });
    const indicators = await indicatorsOf(id);
    expect(indicators.regulation).toMatchObject({ level: 2, score: 6 });
    expect(indicators.tools).toMatchObject({ level: 1, score: 2 });
    expect((await h.score('admin', id)).body).toMatchObject({ status: 'scored', total: 41 - 3 - 2, revision: 1 });
  });

  it('is 0 for a rejected indicator, and every unclaimed indicator scores 0', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    await h.verified(id, {
      evaluator: withDecision(acceptAll(), reject('tools')),
      evaluator2: withDecision(acceptAll(), reject('tools')),
    });
    const score = await h.score('admin', id);
    const indicators = await indicatorsOf(id);
    expect(indicators.tools).toMatchObject({ level: 0, score: 0, flagged: false });
    expect(Object.keys(indicators)).toHaveLength(20);
    const claimed = new Set(CLAIMS.map((claim) => claim.indicator));
    for (const [code, indicator] of Object.entries(indicators)) {
      if (!claimed.has(code)) expect(indicator).toMatchObject({ level: 0, score: 0, flagged: false });
    }
    expect(score.body).toMatchObject({ status: 'scored', total: 41 - 4 });
    expect(score.body.total).toBe(Object.values(indicators).reduce((sum, indicator) => sum + indicator.score, 0));
  });
});

describe('disagreement and calibration', () => {
  it('flags an indicator whose levels are more than one apart; calibration settles it with a reason', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    // regulation: 3 and 1 → spread 2, flagged. tools: 2 and 1 → neighbours, settled by the rule.
    await h.verified(id, {
      evaluator: acceptAll(),
      evaluator2: withDecision(withDecision(acceptAll(), lower('regulation', 1)), lower('tools', 1)),
    });
    const flagged = await h.score('admin', id);
    expect(flagged.body).toMatchObject({ status: 'flagged', revision: 0 });
    expect((await indicatorsOf(id)).regulation).toMatchObject({ flagged: true });
    expect((await indicatorsOf(id)).tools).toMatchObject({ flagged: false, level: 1 });
    const events = (await h.outbox('ScoreDisagreementFlagged')).filter((event) => event.data.innovationId === id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data.indicators).toEqual(['regulation']);
    const scoredEvents = async () =>
      (await h.outbox('InnovationScored')).filter((event) => event.data.innovationId === id);
    expect(await scoredEvents()).toEqual([]);
    // Not counted while flagged.
    expect((await h.ranking('coordinator', cycleId)).body.rows).toEqual([]);

    expectProblem(await h.calibrate('coordinator', id, { indicator: 'regulation', level: 2 }), 'validation-failed');
    expectProblem(
      await h.calibrate('coordinator', id, { indicator: 'tools', level: 2, reason: 'Tidak ditandai.' }),
      'invalid-state',
    );
    const settled = await h.calibrate('coordinator', id, {
      indicator: 'regulation',
      level: 2,
      reason: 'Rapat kalibrasi: baru Perwal.',
    });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'scored', revision: 1, total: 41 - 3 - 2 });
    expect((await indicatorsOf(id)).regulation).toMatchObject({
      level: 2,
      decidedBy: 'calibration',
      flagged: false,
      reason: 'Rapat kalibrasi: baru Perwal.',
    });
    expect((await scoredEvents()).map((event) => event.data)).toEqual([
      expect.objectContaining({ score: 36, revision: 1 }),
    ]);
    expect((await h.ranking('coordinator', cycleId)).body.rows).toEqual([
      expect.objectContaining({ opdId: 'dinkes', sum: 36, count: 1 }),
    ]);
    // Settled: a second calibration of it is refused.
    expectProblem(
      await h.calibrate('coordinator', id, { indicator: 'regulation', level: 1, reason: 'Lagi.' }),
      'invalid-state',
    );
  });

  it('never raises an indicator above the claim, by calibration or correction', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    // tools claimed 2: accepted (2) and rejected (0): flagged.
    await h.verified(id, { evaluator: acceptAll(), evaluator2: withDecision(acceptAll(), reject('tools')) });
    expect((await indicatorsOf(id)).tools).toMatchObject({ flagged: true });
    expectProblem(
      await h.calibrate('coordinator', id, { indicator: 'tools', level: 3, reason: 'Naik.' }),
      'validation-failed',
    );
    expect((await h.calibrate('coordinator', id, { indicator: 'tools', level: 1, reason: 'Sebagian.' })).status).toBe(
      200,
    );
    expect((await h.publish('coordinator', cycleId)).status).toBe(200);
    const above = await h.correct('coordinator', id, { indicator: 'tools', level: 3, reason: 'Naik.' });
    expectProblem(above, 'validation-failed');
    expect(above.body.errors).toEqual([expect.objectContaining({ path: 'level', code: 'above_claim' })]);
    // An indicator never claimed stays at 0.
    expectProblem(
      await h.correct('coordinator', id, { indicator: 'budget', level: 1, reason: 'Ada anggaran.' }),
      'validation-failed',
    );
    expect((await h.correct('coordinator', id, { indicator: 'tools', level: 2, reason: 'Sesuai klaim.' })).status).toBe(
      200,
    );
  });
});

describe('submitting', () => {
  it('a self-assessment missing a mandatory indicator or its evidence is a 422 listing what is missing', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.atDeliver(cycleId);
    const claims = [
      { indicator: 'regulation', level: 3, evidence: [] },
      ...CLAIMS.filter((claim) => !['regulation', 'benefit'].includes(claim.indicator)),
    ];
    expect((await h.saveSelfAssessment('dinkes', id, { claims })).status).toBe(200);
    const refused = await h.submitSelfAssessment('dinkes', id);
    expectProblem(refused, 'incomplete-submission');
    expect(refused.body.missing).toEqual([
      'Indikator wajib "Regulasi inovasi daerah" belum memiliki bukti dukung.',
      'Indikator wajib "Kemanfaatan inovasi" belum diklaim.',
    ]);
    expect((await h.selfAssessment('dinkes', id)).body.status).toBe('draft');
    expect(await h.outbox('SelfAssessmentSubmitted')).not.toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ innovationId: id }) }),
    );
  });

  it('a self-assessment takes the profile evidence by default, and is final once submitted', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    const saved = await h.selfAssessment('dinkes', id);
    expect(saved.body).toMatchObject({ status: 'submitted', claimedScore: 41 });
    expect((saved.body.claims as Array<{ evidence: unknown[] }>)[0]?.evidence).toEqual([
      { url: PROFILE_EVIDENCE[0]?.url },
    ]);
    expectProblem(await h.saveSelfAssessment('dinkes', id, { claims: CLAIMS }), 'invalid-state');
    expectProblem(await h.submitSelfAssessment('dinkes', id), 'invalid-state');
  });

  it('an evaluation before every claim is decided is a 422 listing the undecided', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator', id, ['sub-penilai'])).status).toBe(200);
    expectProblem(await h.submitEvaluation('evaluator', id), 'incomplete-submission');
    const partial = acceptAll().filter((decision) => decision.indicator !== 'benefit');
    expect((await h.saveEvaluation('evaluator', id, { decisions: partial })).status).toBe(200);
    const refused = await h.submitEvaluation('evaluator', id);
    expectProblem(refused, 'incomplete-submission');
    expect(refused.body.missing).toEqual(['Indikator benefit belum diputuskan.']);
    expect((await h.myEvaluation('evaluator', id)).body.status).toBe('draft');
  });

  it('a self-assessment is refused before the track reached Deliver (409), and for a draft in no cycle (404)', async () => {
    const cycleId = await h.openedCycle();
    const innovationId = ulid();
    const profile = { name: 'Inovasi Dini', opdId: 'dinkes', evidence: PROFILE_EVIDENCE as never };
    await h.deliver(InnovationDrafted, { innovationId, opdId: 'dinkes', version: 1, name: 'Inovasi Dini', profile });
    // A draft in no cycle has nothing to be scored in.
    expectProblem(await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS }), 'not-found');
    await h.deliver(InnovationRegistered, {
      innovationId,
      opdId: 'dinkes',
      version: 2,
      name: 'Inovasi Dini',
      cycleId,
      registeredAt: new Date().toISOString(),
    });
    const refused = await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS });
    expectProblem(refused, 'invalid-state');
    expect(refused.body.detail).toContain('Deliver');
    await h.deliver(StageAdvanced, {
      innovationId,
      opdId: 'dinkes',
      cycleId,
      trackVersion: 3,
      requestId: ulid(),
      from: 'drum-up',
      to: 'diagnose',
    });
    expectProblem(await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS }), 'invalid-state');
    await h.deliver(StageAdvanced, {
      innovationId,
      opdId: 'dinkes',
      cycleId,
      trackVersion: 5,
      requestId: ulid(),
      from: 'diagnose',
      to: 'design',
    });
    expectProblem(await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS }), 'invalid-state');
    await h.deliver(StageAdvanced, {
      innovationId,
      opdId: 'dinkes',
      cycleId,
      trackVersion: 7,
      requestId: ulid(),
      from: 'design',
      to: 'deliver',
    });
    expect((await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS })).status).toBe(200);
  });
});
