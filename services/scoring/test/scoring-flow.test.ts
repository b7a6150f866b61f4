import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS, startHarness } from './harness';

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness();
  // Evaluators become assignable by declaring their conflicts (none here).
  for (const who of ['evaluator', 'evaluator2', 'evaluator3'] as const) expect((await h.declare(who)).status).toBe(200);
});

afterAll(async () => {
  await h?.stop();
});

const ACCEPT_ALL = { decisions: CLAIMS.map((claim) => ({ indicator: claim.indicator, decision: 'accept' })) };

describe('an innovation from self-assessment to a published score', () => {
  it('is self-assessed, verified blind by two evaluators, scored, ranked and published', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);

    // The coordinator assigns; an evaluator of the owner OPD is refused (conflict of interest).
    expectProblem(await h.assign('coordinator', id, ['sub-penilai3']), 'conflict-of-interest');
    const assigned = await h.assign('coordinator', id, ['sub-penilai', 'sub-penilai2']);
    expect(assigned.status).toBe(200);
    expect(assigned.body.items).toHaveLength(2);

    // Blind: before submitting their own, an evaluator sees no one else's.
    expectProblem(await h.evaluations('evaluator', id), 'forbidden');
    const mine = await h.myEvaluation('evaluator', id);
    expect(mine.status).toBe(200);
    expect(mine.body.claims).toHaveLength(CLAIMS.length);

    // One accepts everything; the other lowers regulation by one level, with a reason.
    expect((await h.saveEvaluation('evaluator', id, ACCEPT_ALL)).status).toBe(200);
    expect((await h.submitEvaluation('evaluator', id)).status).toBe(200);
    const lowered = {
      decisions: ACCEPT_ALL.decisions.map((decision) =>
        decision.indicator === 'regulation'
          ? { indicator: 'regulation', decision: 'lower', level: 2, reason: 'Baru Perwal, belum Perda.' }
          : decision,
      ),
    };
    expect((await h.saveEvaluation('evaluator2', id, lowered)).status).toBe(200);
    expect((await h.submitEvaluation('evaluator2', id)).status).toBe(200);
    expect((await h.evaluations('evaluator', id)).body.items).toHaveLength(2);

    // Median of (3, 2), the lower middle: 2. Scores: regulation 3×2, HR 2×2, speed 2×3, benefit 3×2, video 4×3, tools 2×2.
    const score = await h.score('coordinator', id);
    expect(score.status).toBe(200);
    expect(score.body).toMatchObject({ status: 'scored', total: 6 + 4 + 6 + 6 + 12 + 4, maxScore: 111 });
    expect((await h.outbox('InnovationScored'))[0]?.data).toMatchObject({ innovationId: id, score: 38, revision: 1 });

    // The OPD sees nothing before publication; staff see the ranking as it stands.
    expectProblem(await h.score('dinkes', id), 'not-found');
    expectProblem(await h.ranking('dinkes', cycleId), 'not-found');
    const ranking = await h.ranking('coordinator', cycleId);
    expect(ranking.body).toMatchObject({
      k: 14,
      rows: [{ rank: 1, opdId: 'dinkes', sum: 38, count: 1 }],
      published: null,
    });

    const published = await h.publish('coordinator', cycleId);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ shortlist: ['dinkes'], published: { revision: 1 } });
    expect(await h.outbox('RankingPublished')).toHaveLength(1);
    expect(await h.outbox('IncentiveShortlisted')).toHaveLength(1);
    expectProblem(await h.publish('coordinator', cycleId), 'invalid-state');

    // Now the OPD sees its score, never who evaluated.
    const seen = await h.score('dinkes', id);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain('penilai');
    expect((await h.ranking('dinkes', cycleId)).body).toMatchObject({ rows: [{ opdId: 'dinkes' }] });

    const csv = await h.rankingCsv('coordinator', cycleId);
    expect(csv.status).toBe(200);
    expect(csv.text?.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('Peringkat OPD,1,dinkes,38,1,14,2.71,38');
  });
});

describe('blind review', () => {
  it('hides the settled score from an evaluator assigned later, until they submit their own', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator', id, ['sub-penilai'])).status).toBe(200);
    expect((await h.saveEvaluation('evaluator', id, ACCEPT_ALL)).status).toBe(200);
    expect((await h.submitEvaluation('evaluator', id)).status).toBe(200);
    expect((await h.score('evaluator', id)).status).toBe(200);

    // A second evaluator joins: the score the first one settled is not theirs to see yet.
    expect((await h.assign('coordinator', id, ['sub-penilai', 'sub-penilai2'])).status).toBe(200);
    expectProblem(await h.score('evaluator2', id), 'forbidden');
    expectProblem(await h.evaluations('evaluator2', id), 'forbidden');
    expect((await h.saveEvaluation('evaluator2', id, ACCEPT_ALL)).status).toBe(200);
    expect((await h.submitEvaluation('evaluator2', id)).status).toBe(200);
    expect((await h.score('evaluator2', id)).status).toBe(200);
    expect((await h.score('coordinator', id)).body).toMatchObject({ status: 'scored', total: 9 + 4 + 6 + 6 + 12 + 4 });
  });
});
