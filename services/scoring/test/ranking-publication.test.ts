import { InnovationWithdrawn } from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IID_2026 } from '../src/editions/iid-2026';
import { acceptAll, CLAIMS, startHarness, type Who, withDecision } from './harness';

/**
 * Several OPDs and innovations: the OPD ranking (Σ ÷ MAX(k, n), ties by best innovation then registration), the
 * shortlist, the region index with its readiness rows and count bonus, publication and a correction that
 * republishes. Each test reads a cycle of its own, or one that no test changes but for the readiness rows.
 */

let h: Awaited<ReturnType<typeof startHarness>>;

const BASIC = IID_2026.index.basicServiceAffairs;
const reason = 'Bukti dukung kurang.';
const SCORE_41 = acceptAll();
const SCORE_37 = withDecision(acceptAll(), { indicator: 'tools', decision: 'reject', reason });
const SCORE_39 = withDecision(acceptAll(), { indicator: 'tools', decision: 'lower', level: 1, reason });

/** An innovation of `opdId` self-assessed (by an admin, who may act for any OPD) and scored by two evaluators. */
async function scored(
  cycleId: string,
  opdId: string,
  decisions: unknown[],
  affairs: string[] = ['health'],
): Promise<string> {
  const id = await h.atDeliver(cycleId, opdId, affairs);
  expect((await h.saveSelfAssessment('admin', id, { claims: CLAIMS })).status).toBe(200);
  expect((await h.submitSelfAssessment('admin', id)).status).toBe(200);
  const second = opdId === 'disdukcapil' ? 'evaluator3' : 'evaluator2';
  const assigner: Who = opdId === 'dpmptsp' ? 'coordinator' : 'coordinator2';
  await h.verified(id, { evaluator: decisions, [second]: decisions }, assigner);
  return id;
}

/**
 * A cycle of 2027 (k = 14): dinkes 41 + 37, disdukcapil 41, balitbang 39 + 39, dpmptsp 41 (registered after
 * disdukcapil's, and covering the five basic-service affairs besides health), and a flagged disdukcapil innovation,
 * never settled and so never counted.
 */
async function scoredCycle() {
  const cycleId = await h.openedCycle(2027);
  const ids = {
    dinkesA: await scored(cycleId, 'dinkes', SCORE_41),
    dinkesB: await scored(cycleId, 'dinkes', SCORE_37),
    capil: await scored(cycleId, 'disdukcapil', SCORE_41),
    balitbangA: await scored(cycleId, 'balitbang', SCORE_39),
    balitbangB: await scored(cycleId, 'balitbang', SCORE_39),
    dpmptsp: await scored(
      cycleId,
      'dpmptsp',
      SCORE_41,
      BASIC.filter((affair) => affair !== 'health'),
    ),
    flagged: await h.selfAssessed(cycleId, 'disdukcapil'),
  };
  await h.verified(ids.flagged, {
    evaluator: acceptAll(),
    evaluator3: withDecision(acceptAll(), { indicator: 'regulation', decision: 'reject', reason }),
  });
  return { cycleId, ids };
}

let shared: Awaited<ReturnType<typeof scoredCycle>>;

beforeAll(async () => {
  h = await startHarness();
  await h.evaluatorsReady();
  shared = await scoredCycle();
});
afterAll(async () => {
  await h?.stop();
});

/** The cycles a public list of published rankings names. */
const publicCycles = (response: { body: Record<string, unknown> }) =>
  (response.body.items as Array<{ cycleId: string }>).map((item) => item.cycleId);

const round = (value: number) => Math.round(value * 100) / 100;

/** Events in the order of their revision (the outbox is read in key order, not in time order). */
function byRevision<E extends { data: Record<string, unknown> }>(events: E[]): E[] {
  return [...events].sort((a, b) => (a.data.revision as number) - (b.data.revision as number));
}

describe('the OPD ranking', () => {
  it('ranks Σ ÷ MAX(k, n); ties go to the better best innovation, then the earlier registration', async () => {
    const { cycleId } = shared;
    const ranking = await h.ranking('coordinator', cycleId);
    expect(ranking.status).toBe(200);
    expect(ranking.body).toMatchObject({ k: 14, published: null });
    expect(ranking.body.rows).toEqual([
      { rank: 1, opdId: 'dinkes', value: round(78 / 14), sum: 78, count: 2, best: 41 },
      { rank: 2, opdId: 'balitbang', value: round(78 / 14), sum: 78, count: 2, best: 39 },
      { rank: 3, opdId: 'disdukcapil', value: round(41 / 14), sum: 41, count: 1, best: 41 },
      { rank: 4, opdId: 'dpmptsp', value: round(41 / 14), sum: 41, count: 1, best: 41 },
    ]);
    expect(ranking.body.shortlist).toEqual(['dinkes', 'balitbang', 'disdukcapil']);
    // Evaluators and admins see it as it stands too; OPDs only once published.
    expect((await h.ranking('evaluator', cycleId)).body.rows).toHaveLength(4);
    expectProblem(await h.ranking('balitbang', cycleId), 'not-found');
  });
});

describe('the region index', () => {
  it('adds the readiness rows entered, and the count bonus only once all six basic-service affairs are covered', async () => {
    const { cycleId } = shared;
    const levels = { 'vision-mission': 3, 'audit-opinion': 3, 'investment-growth': 2, 'innovator-awards': 1 };
    const set = await h.readiness('coordinator', cycleId, levels);
    expect(set.status).toBe(200);
    const spd = 1 * 3 + 1.5 * 3 + 1.5 * 2 + 2 * 1;
    const index = await h.regionIndex('evaluator', cycleId);
    expect(index.body).toEqual(set.body);
    expect(index.body.readiness).toContainEqual(
      expect.objectContaining({ code: 'audit-opinion', weight: 1.5, level: 3, score: 4.5 }),
    );
    // Scored: dinkes 41 + 37, disdukcapil 41, balitbang 39 + 39, dpmptsp 41 (with the five other basic affairs).
    const n = 6;
    const sum = 41 + 37 + 41 + 39 + 39 + 41;
    const sidScores = sum / Math.max(14, n);
    const countBonus = 0.38 * Math.min(n, 200);
    const value = ((spd + sidScores + countBonus) / 250) * 100;
    expect(index.body).toMatchObject({
      year: 2027,
      k: 14,
      spd: round(spd),
      count: n,
      sumScores: sum,
      meanScore: round(sum / n),
      sidScores: round(sidScores),
      countBonus: round(countBonus),
      allBasicAffairsCovered: true,
      sid: round(sidScores + countBonus),
      index: round(value),
      predicate: value >= 65.01 ? 'Sangat Inovatif' : value >= 40.01 ? 'Inovatif' : 'Kurang Inovatif',
    });
    expect(index.body.coveredAffairs).toEqual([...BASIC].sort());
    // One more innovation at the mean score, while n < k: the divisor does not grow, so the whole mean counts.
    const next = (((spd + (sum + sum / n) / 14 + 0.38 * (n + 1)) / 250) * 100) as number;
    expect(index.body.gainOfOneMore).toBeCloseTo(round(next - value), 2);
  });

  it('has no count bonus while a basic-service affair is uncovered', async () => {
    const other = await h.openedCycle(2027);
    const id = await h.selfAssessed(other, 'dinkes', CLAIMS, ['health', 'education']);
    await h.verified(id, { evaluator: acceptAll(), evaluator2: acceptAll() });
    const index = await h.regionIndex('coordinator', other);
    expect(index.body).toMatchObject({
      count: 1,
      sumScores: 41,
      countBonus: 0,
      allBasicAffairsCovered: false,
      coveredAffairs: ['education', 'health'],
      spd: 0,
      sid: round(41 / 14),
      index: round((41 / 14 / 250) * 100),
      predicate: 'Kurang Inovatif',
    });
    // An empty cycle: nothing to judge.
    const empty = await h.openedCycle(2028);
    expect((await h.regionIndex('coordinator', empty)).body).toMatchObject({
      k: 16,
      count: 0,
      index: 0,
      predicate: 'Tidak Dapat Dinilai',
    });
  });
});

describe('publication and corrections', () => {
  it('publishes; then calibration and readiness are refused (409) and a correction republishes', async () => {
    const { cycleId, ids } = await scoredCycle();
    // An innovation still waiting for calibration holds publication back (it could never be scored afterwards).
    const refused = await h.publish('coordinator', cycleId);
    expectProblem(refused, 'invalid-state');
    expect(refused.body.missing).toEqual([expect.stringContaining('menunggu kalibrasi')]);
    // Its OPD withdraws it: nothing is open any more.
    await h.deliver(InnovationWithdrawn, {
      innovationId: ids.flagged as string,
      opdId: 'disdukcapil',
      version: 3,
      withdrawnAt: new Date().toISOString(),
    });
    // Nothing is public before publication: the cycle is unknown to the public reads.
    expectProblem(await h.publicRanking(cycleId), 'not-found');
    expect(publicCycles(await h.publicRankings())).not.toContain(cycleId);
    const published = await h.publish('coordinator', cycleId);
    expect(published.status).toBe(200);
    const firstPublic = await h.publicRanking(cycleId);
    expect(firstPublic.headers['cache-control']).toBe('public, max-age=60');
    expect(firstPublic.body).toMatchObject({
      cycleId,
      year: 2027,
      revision: 1,
      shortlist: ['dinkes', 'balitbang', 'disdukcapil'],
      index: { value: expect.any(Number), predicate: expect.any(String) },
    });
    expect((firstPublic.body.rows as Array<{ opdId: string; opdName: string }>)[0]).toMatchObject({
      opdId: 'dinkes',
      opdName: 'Dinas Kesehatan',
    });
    expect(published.body).toMatchObject({
      shortlist: ['dinkes', 'balitbang', 'disdukcapil'],
      published: { revision: 1 },
    });
    const rankingEvents = async () =>
      byRevision((await h.outbox('RankingPublished')).filter((event) => event.data.cycleId === cycleId));
    const shortlistEvents = async () =>
      byRevision((await h.outbox('IncentiveShortlisted')).filter((event) => event.data.cycleId === cycleId));
    expect((await rankingEvents()).map((event) => event.data.revision)).toEqual([1]);
    expect((await shortlistEvents())[0]?.data).toMatchObject({
      revision: 1,
      opdIds: ['dinkes', 'balitbang', 'disdukcapil'],
    });
    const indexBefore = (await h.regionIndex('coordinator', cycleId)).body;
    expect((await rankingEvents())[0]?.data.index).toEqual({
      value: indexBefore.index,
      predicate: indexBefore.predicate,
    });

    expectProblem(
      await h.calibrate('coordinator', ids.flagged as string, { indicator: 'regulation', level: 2, reason }),
      'invalid-state',
    );
    expectProblem(await h.readiness('coordinator', cycleId, { 'vision-mission': 1 }), 'invalid-state');
    expectProblem(await h.assign('coordinator2', ids.flagged as string, ['sub-penilai2']), 'invalid-state');
    expectProblem(await h.autoAssign('coordinator2', cycleId), 'invalid-state');
    expectProblem(await h.submitEvaluation('evaluator', ids.flagged as string), 'invalid-state');
    // A correction needs a reason.
    expectProblem(
      await h.correct('coordinator', ids.capil as string, { indicator: 'tools', level: 1 }),
      'validation-failed',
    );

    // disdukcapil's innovation loses 2 (tools 2 → 1): 39, below dpmptsp's 41, which takes its place.
    const corrected = await h.correct('coordinator', ids.capil as string, {
      indicator: 'tools',
      level: 1,
      reason: 'Alat kerja ternyata masih manual.',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ total: 39, revision: 2, status: 'scored' });
    const scoredEvents = byRevision(
      (await h.outbox('InnovationScored')).filter((event) => event.data.innovationId === ids.capil),
    );
    expect(scoredEvents.map((event) => event.data.revision)).toEqual([1, 2]);
    expect(scoredEvents[1]?.data).toMatchObject({
      score: 39,
      correction: { reason: 'Alat kerja ternyata masih manual.' },
    });
    expect((await rankingEvents()).map((event) => event.data.revision)).toEqual([1, 2]);
    expect((await shortlistEvents()).map((event) => event.data)).toEqual([
      expect.objectContaining({ revision: 1 }),
      expect.objectContaining({ revision: 2, opdIds: ['dinkes', 'balitbang', 'dpmptsp'] }),
    ]);

    // The OPD sees the corrected score and the republished ranking; the index moved by the difference.
    const seen = await h.score('capil', ids.capil as string);
    expect(seen.body).toMatchObject({ total: 39, revision: 2 });
    expect((seen.body.indicators as Array<Record<string, unknown>>).find((i) => i.indicator === 'tools')).toEqual(
      expect.objectContaining({ level: 1, decidedBy: 'correction', reason: 'Alat kerja ternyata masih manual.' }),
    );
    const forOpd = await h.ranking('capil', cycleId);
    expect(forOpd.body).toMatchObject({ published: { revision: 2 }, shortlist: ['dinkes', 'balitbang', 'dpmptsp'] });
    expect((forOpd.body.rows as Array<{ opdId: string; sum: number }>).map((row) => [row.opdId, row.sum])).toEqual([
      ['dinkes', 78],
      ['balitbang', 78],
      ['dpmptsp', 41],
      ['disdukcapil', 39],
    ]);
    const indexAfter = (await h.regionIndex('coordinator', cycleId)).body;
    expect(indexAfter.sumScores).toBe((indexBefore.sumScores as number) - 2);
    expect((await rankingEvents())[1]?.data.index).toEqual({
      value: indexAfter.index,
      predicate: indexAfter.predicate,
    });
    // The CSV follows the correction.
    const csv = (await h.rankingCsv('coordinator', cycleId)).text ?? '';
    expect(csv).toContain('\r\nPeringkat OPD,4,disdukcapil,39,1,14,2.79,39\r\n');
    expect(csv).toContain(`\r\nIndikator,disdukcapil,${ids.capil},`);
    expect(csv).toMatch(new RegExp(`Nilai inovasi,disdukcapil,${ids.capil},[^\r]*,39,\r\n`));
    expect(csv).toMatch(new RegExp(`Indikator,disdukcapil,${ids.capil},[^\r]*,tools,[^,]*,2,1,2,koreksi koordinator`));
    // The public reads follow the republication: its latest revision, listed once.
    const republished = await h.publicRanking(cycleId);
    expect(republished.body).toMatchObject({ revision: 2, shortlist: ['dinkes', 'balitbang', 'dpmptsp'] });
    expect((republished.body.rows as Array<{ opdId: string }>).map((row) => row.opdId)).toEqual([
      'dinkes',
      'balitbang',
      'dpmptsp',
      'disdukcapil',
    ]);
    expect(republished.body.index).toEqual({ value: indexAfter.index, predicate: indexAfter.predicate });
    const listed = (await h.publicRankings()).body.items as Array<{ cycleId: string; revision: number }>;
    expect(listed.filter((item) => item.cycleId === cycleId)).toEqual([
      expect.objectContaining({ cycleId, revision: 2, year: 2027 }),
    ]);
    // Publishing again is not how results change.
    expectProblem(await h.publish('coordinator', cycleId), 'invalid-state');
  });

  it('refuses a correction before publication (calibrate instead)', async () => {
    const other = await h.openedCycle(2027);
    const id = await h.selfAssessed(other);
    await h.verified(id, { evaluator: acceptAll(), evaluator2: acceptAll() });
    expectProblem(await h.correct('coordinator', id, { indicator: 'tools', level: 1, reason }), 'invalid-state');
  });
});
