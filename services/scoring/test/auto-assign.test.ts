import { InnovationWithdrawn } from '@inovda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVALUATOR_SUBS, startHarness } from './harness';

/** POST /cycles/{id}/assignments/auto: the balanced rule, its conflict checks and what it cannot staff. */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
  await h.evaluatorsReady();
});
afterAll(async () => {
  await h?.stop();
});

type Assigned = { innovationId: string; evaluator: { sub: string } };

async function loads(): Promise<Record<string, number>> {
  const evaluators = (await h.evaluators('coordinator2')).body.items as Array<{ sub: string; assigned: number }>;
  return Object.fromEntries(evaluators.map((evaluator) => [evaluator.sub, evaluator.assigned]));
}

function spread(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}

describe('the balanced rule', () => {
  it('spreads innovations over the evaluators by load', async () => {
    const cycleId = await h.openedCycle();
    const ids: string[] = [];
    for (let index = 0; index < 7; index += 1) ids.push(await h.selfAssessed(cycleId, 'balitbang'));
    const before = await loads();
    const subs = Object.values(EVALUATOR_SUBS);
    const result = await h.autoAssign('coordinator2', cycleId, { perInnovation: 1 });
    expect(result.status).toBe(200);
    expect(result.body.unstaffed).toEqual([]);
    const assigned = result.body.assigned as Assigned[];
    expect(assigned.map((entry) => entry.innovationId).sort()).toEqual([...ids].sort());
    const after = await loads();
    // Every assignment is counted in the evaluator's load; no one got more while another had fewer.
    for (const sub of subs) {
      const made = assigned.filter((entry) => entry.evaluator.sub === sub).length;
      expect(after[sub]).toBe((before[sub] ?? 0) + made);
    }
    const initial = spread(subs.map((sub) => before[sub] ?? 0));
    expect(spread(subs.map((sub) => after[sub] ?? 0))).toBeLessThanOrEqual(Math.max(1, initial));
    // The assignments are real: each evaluator finds theirs.
    for (const entry of assigned) {
      const who = (Object.keys(EVALUATOR_SUBS) as Array<keyof typeof EVALUATOR_SUBS>).find(
        (key) => EVALUATOR_SUBS[key] === entry.evaluator.sub,
      );
      expect((await h.myEvaluation(who as keyof typeof EVALUATOR_SUBS, entry.innovationId)).status).toBe(200);
    }
    // A second run finds everything staffed.
    expect((await h.autoAssign('coordinator2', cycleId, { perInnovation: 1 })).body).toEqual({
      assigned: [],
      unstaffed: [],
    });
  });

  it('never assigns an evaluator of the owner OPD or with a declared conflict, and reports what it could not staff', async () => {
    const cycleId = await h.openedCycle();
    const dinkes = await h.selfAssessed(cycleId, 'dinkes');
    const capil = await h.selfAssessed(cycleId, 'disdukcapil');
    const balitbang = await h.selfAssessed(cycleId, 'balitbang');
    const declaredOne = await h.selfAssessed(cycleId, 'balitbang');
    // evaluator declares a conflict with one balitbang innovation; evaluator2 with dinkes.
    expect((await h.declare('evaluator', { innovationIds: [declaredOne] })).status).toBe(200);
    expect((await h.declare('evaluator2', { opdIds: ['dinkes'] })).status).toBe(200);
    try {
      const result = await h.autoAssign('coordinator2', cycleId, { perInnovation: 3 });
      expect(result.status).toBe(200);
      const assigned = result.body.assigned as Assigned[];
      const of = (id: string) =>
        assigned
          .filter((entry) => entry.innovationId === id)
          .map((entry) => entry.evaluator.sub)
          .sort();
      // dinkes: not evaluator3 (of dinkes), not evaluator2 (declared dinkes).
      expect(of(dinkes)).toEqual([EVALUATOR_SUBS.evaluator]);
      // disdukcapil: not evaluator2 (of disdukcapil).
      expect(of(capil)).toEqual([EVALUATOR_SUBS.evaluator, EVALUATOR_SUBS.evaluator3]);
      expect(of(balitbang)).toEqual(Object.values(EVALUATOR_SUBS).sort());
      expect(of(declaredOne)).toEqual([EVALUATOR_SUBS.evaluator2, EVALUATOR_SUBS.evaluator3]);
      expect(result.body.unstaffed).toEqual(
        expect.arrayContaining([
          { innovationId: dinkes, missing: 2 },
          { innovationId: capil, missing: 1 },
          { innovationId: declaredOne, missing: 1 },
        ]),
      );
      expect(result.body.unstaffed).toHaveLength(3);
      // What was assigned is what the innovations have.
      expect(((await h.evaluations('coordinator2', dinkes)).body.items as unknown[]).length).toBe(1);
    } finally {
      await h.declare('evaluator');
      await h.declare('evaluator2');
    }
  });

  it('skips innovations without a submitted self-assessment, withdrawn ones, and those already staffed', async () => {
    const cycleId = await h.openedCycle();
    const draft = await h.atDeliver(cycleId);
    const withdrawn = await h.selfAssessed(cycleId);
    await h.deliver(InnovationWithdrawn, {
      innovationId: withdrawn,
      opdId: 'dinkes',
      version: 10,
      withdrawnAt: new Date().toISOString(),
    });
    const staffed = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator2', staffed, [EVALUATOR_SUBS.evaluator])).status).toBe(200);
    const half = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator2', half, [EVALUATOR_SUBS.evaluator2])).status).toBe(200);
    // Another cycle's innovation is not this run's business.
    const elsewhere = await h.selfAssessed(await h.openedCycle());

    const result = await h.autoAssign('coordinator2', cycleId, { perInnovation: 1 });
    expect(result.body).toEqual({ assigned: [], unstaffed: [] });
    const two = await h.autoAssign('coordinator2', cycleId, { perInnovation: 2 });
    const assigned = two.body.assigned as Assigned[];
    expect(assigned.map((entry) => entry.innovationId).sort()).toEqual([half, staffed].sort());
    for (const id of [draft, withdrawn, elsewhere]) {
      expect(((await h.evaluations('admin', id)).body.items as unknown[]).length).toBe(0);
    }
    // The default is two per innovation.
    expect((await h.autoAssign('coordinator2', cycleId)).body).toEqual({ assigned: [], unstaffed: [] });
  });
});
