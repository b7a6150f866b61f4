import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAll, startHarness, withDecision } from './harness';

/** A region that chose the stricter rule: the verified level is the lowest level an evaluator gave. */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness({ scoringRule: 'minimum' });
  await h.evaluatorsReady();
});
afterAll(async () => {
  await h?.stop();
});

const lower = (indicator: string, level: number) => ({ indicator, decision: 'lower', level, reason: 'Belum cukup.' });

describe('the minimum rule', () => {
  it('takes the lowest of the evaluators’ levels where the median would take the middle', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId, 'balitbang');
    // regulation (claimed 3): 3, 3, 2 → 2 (median: 3). quality-video (claimed 3): 3, 3, 3 → 3.
    await h.verified(id, {
      evaluator: acceptAll(),
      evaluator2: acceptAll(),
      evaluator3: withDecision(acceptAll(), lower('regulation', 2)),
    });
    const score = await h.score('admin', id);
    const indicators = Object.fromEntries(
      (score.body.indicators as Array<{ indicator: string; level: number; flagged: boolean }>).map((entry) => [
        entry.indicator,
        entry,
      ]),
    );
    expect(indicators.regulation).toMatchObject({ level: 2, flagged: false });
    expect(indicators['quality-video']).toMatchObject({ level: 3 });
    expect(score.body).toMatchObject({ status: 'scored', total: 41 - 3 });
  });

  it('still flags a spread of more than one level', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    await h.verified(id, { evaluator: acceptAll(), evaluator2: withDecision(acceptAll(), lower('regulation', 1)) });
    expect((await h.score('admin', id)).body.status).toBe('flagged');
    expect(await h.outbox('ScoreDisagreementFlagged')).toHaveLength(1);
  });
});
