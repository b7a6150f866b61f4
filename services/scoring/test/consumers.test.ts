import {
  CycleOpened,
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationRegistrationReverted,
  InnovationWithdrawn,
  StageAdvanced,
} from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAll, CLAIMS, PROFILE_EVIDENCE, snapshot, startHarness } from './harness';

/**
 * What scoring learns from the workflow and submissions events: the same event twice changes nothing, an older
 * event arriving after a newer one changes nothing, and a withdrawal takes a scored innovation out of the totals.
 */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
  await h.evaluatorsReady();
});
afterAll(async () => {
  await h?.stop();
});

const now = () => new Date().toISOString();

function profile(name: string, url = 'https://bukti.example.id/lama') {
  return {
    name,
    opdId: 'dinkes',
    governmentAffairs: ['health'] as never,
    evidence: PROFILE_EVIDENCE.map((link) => ({ ...link, url: `${url}/${link.indicator}` })) as never,
  };
}

async function advanceToDeliver(innovationId: string, cycleId: string, from = 1) {
  const stages = ['drum-up', 'diagnose', 'design', 'deliver'] as const;
  for (let step = 1; step < stages.length; step += 1) {
    await h.deliver(StageAdvanced, {
      innovationId,
      opdId: 'dinkes',
      cycleId,
      trackVersion: from + step * 2,
      requestId: ulid(),
      from: stages[step - 1] as never,
      to: stages[step] as never,
    });
  }
}

describe('every consumed event delivered twice', () => {
  it('changes nothing the second time', async () => {
    const before = await snapshot(h);
    const cycleId = ulid();
    const innovationId = ulid();
    const events = [];
    events.push(
      await h.deliver(CycleOpened, {
        cycleId,
        name: 'Program Inovasi 2027',
        year: 2027,
        openedAt: now(),
        stageWindows: Object.fromEntries(
          ['drum-up', 'diagnose', 'design', 'deliver', 'display'].map((stage) => [
            stage,
            { start: '2027-01-01', due: '2027-12-01' },
          ]),
        ) as never,
      }),
    );
    events.push(
      await h.deliver(InnovationDrafted, {
        innovationId,
        opdId: 'dinkes',
        version: 1,
        name: 'Lama',
        profile: profile('Lama'),
      }),
    );
    events.push(
      await h.deliver(InnovationRegistered, {
        innovationId,
        opdId: 'dinkes',
        version: 2,
        name: 'Lama',
        cycleId,
        registeredAt: now(),
      }),
    );
    events.push(
      await h.deliver(InnovationProfileUpdated, {
        innovationId,
        opdId: 'dinkes',
        version: 3,
        changedFields: ['name'],
        profile: profile('Baru'),
      }),
    );
    events.push(
      await h.deliver(StageAdvanced, {
        innovationId,
        opdId: 'dinkes',
        cycleId,
        trackVersion: 3,
        requestId: ulid(),
        from: 'drum-up',
        to: 'diagnose',
      }),
    );
    events.push(
      await h.deliver(InnovationWithdrawn, { innovationId, opdId: 'dinkes', version: 4, withdrawnAt: now() }),
    );
    expect(await snapshot(h)).not.toEqual(before);
    const applied = await snapshot(h);
    for (const event of events) await h.redeliver(event);
    for (const event of [...events].reverse()) await h.redeliver(event);
    expect(await snapshot(h)).toEqual(applied);
  });

  it('a withdrawal of a scored innovation delivered twice takes it out of the totals once', async () => {
    const cycleId = await h.openedCycle();
    const kept = await h.selfAssessed(cycleId);
    const withdrawn = await h.selfAssessed(cycleId);
    await h.verified(kept, { evaluator: acceptAll(), evaluator2: acceptAll() });
    await h.verified(withdrawn, { evaluator: acceptAll(), evaluator2: acceptAll() });
    expect((await h.regionIndex('coordinator', cycleId)).body).toMatchObject({ count: 2, sumScores: 82 });
    const event = await h.deliver(InnovationWithdrawn, {
      innovationId: withdrawn,
      opdId: 'dinkes',
      version: 10,
      withdrawnAt: now(),
    });
    const after = await snapshot(h);
    await h.redeliver(event);
    expect(await snapshot(h)).toEqual(after);
    expect((await h.regionIndex('coordinator', cycleId)).body).toMatchObject({ count: 1, sumScores: 41 });
    expect((await h.ranking('coordinator', cycleId)).body.rows).toEqual([
      expect.objectContaining({ opdId: 'dinkes', sum: 41, count: 1 }),
    ]);
  });
});

describe('events out of order', () => {
  it('a registration arriving after a newer withdrawal leaves the innovation withdrawn, as in order', async () => {
    const cycleId = await h.openedCycle();
    const innovationId = ulid();
    await h.deliver(InnovationDrafted, { innovationId, opdId: 'dinkes', version: 1, name: 'A', profile: profile('A') });
    await h.deliver(InnovationWithdrawn, { innovationId, opdId: 'dinkes', version: 3, withdrawnAt: now() });
    await h.deliver(InnovationRegistered, {
      innovationId,
      opdId: 'dinkes',
      version: 2,
      name: 'A',
      cycleId,
      registeredAt: now(),
    });
    await advanceToDeliver(innovationId, cycleId);
    const refused = await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS });
    expectProblem(refused, 'invalid-state');
    // The same as when the withdrawal arrives last.
    const inOrder = await h.atDeliver(cycleId);
    await h.deliver(InnovationWithdrawn, { innovationId: inOrder, opdId: 'dinkes', version: 3, withdrawnAt: now() });
    const inOrderRefused = await h.saveSelfAssessment('dinkes', inOrder, { claims: CLAIMS });
    expect({ ...inOrderRefused.body, instance: null }).toEqual({ ...refused.body, instance: null });
  });

  it('a registration reverted, then the stale registration redelivered late, stays reverted', async () => {
    const cycleId = await h.openedCycle();
    const innovationId = ulid();
    await h.deliver(InnovationDrafted, { innovationId, opdId: 'dinkes', version: 1, name: 'B', profile: profile('B') });
    const registered = await h.deliver(InnovationRegistered, {
      innovationId,
      opdId: 'dinkes',
      version: 2,
      name: 'B',
      cycleId,
      registeredAt: now(),
    });
    await h.deliver(InnovationRegistrationReverted, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      cycleId,
      reason: 'cycle-closed',
      revertedAt: now(),
    });
    await h.redeliver(registered);
    await advanceToDeliver(innovationId, cycleId);
    expectProblem(await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS }), 'not-found');
  });

  it('a profile update arriving before the draft keeps the newer name and evidence', async () => {
    const cycleId = await h.openedCycle();
    const innovationId = ulid();
    await h.deliver(InnovationProfileUpdated, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      changedFields: ['name', 'evidence'],
      profile: profile('Nama Baru', 'https://bukti.example.id/baru'),
    });
    await h.deliver(InnovationDrafted, {
      innovationId,
      opdId: 'dinkes',
      version: 1,
      name: 'Nama Lama',
      profile: profile('Nama Lama'),
    });
    await h.deliver(InnovationRegistered, {
      innovationId,
      opdId: 'dinkes',
      version: 2,
      name: 'Nama Lama',
      cycleId,
      registeredAt: now(),
    });
    await advanceToDeliver(innovationId, cycleId);
    const saved = await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS });
    expect(saved.status).toBe(200);
    expect((saved.body.claims as Array<{ evidence: Array<{ url: string }> }>)[0]?.evidence).toEqual([
      { url: 'https://bukti.example.id/baru/regulation' },
    ]);
    expect((await h.submitSelfAssessment('dinkes', innovationId)).status).toBe(200);
    const assigned = await h.assign('coordinator', innovationId, ['sub-penilai']);
    expect(assigned.body.items).toEqual([expect.objectContaining({ name: 'Nama Baru' })]);
  });

  it('a stage event older than the one applied does not move the track back', async () => {
    const cycleId = await h.openedCycle();
    const innovationId = await h.atDeliver(cycleId);
    await h.deliver(StageAdvanced, {
      innovationId,
      opdId: 'dinkes',
      cycleId,
      trackVersion: 2,
      requestId: ulid(),
      from: 'drum-up',
      to: 'diagnose',
    });
    expect((await h.saveSelfAssessment('dinkes', innovationId, { claims: CLAIMS })).status).toBe(200);
  });
});

describe('a withdrawal', () => {
  it('of a scored innovation before publication takes it out of the ranking and the index', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId, 'dinkes', CLAIMS, ['education']);
    await h.verified(id, { evaluator: acceptAll(), evaluator2: acceptAll() });
    expect((await h.regionIndex('coordinator', cycleId)).body).toMatchObject({
      count: 1,
      sumScores: 41,
      coveredAffairs: ['education'],
    });
    await h.deliver(InnovationWithdrawn, { innovationId: id, opdId: 'dinkes', version: 10, withdrawnAt: now() });
    expect((await h.ranking('coordinator', cycleId)).body).toMatchObject({ rows: [], shortlist: [] });
    expect((await h.regionIndex('coordinator', cycleId)).body).toMatchObject({
      count: 0,
      sumScores: 0,
      coveredAffairs: [],
      index: 0,
    });
    // Published now, the withdrawn innovation is not in the results.
    expect((await h.publish('coordinator', cycleId)).body).toMatchObject({ rows: [], shortlist: [] });
  });

  it('while evaluations are outstanding: the score, once settled, is never counted', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    expect((await h.assign('coordinator', id, ['sub-penilai', 'sub-penilai2'])).status).toBe(200);
    expect((await h.saveEvaluation('evaluator', id, { decisions: acceptAll() })).status).toBe(200);
    expect((await h.submitEvaluation('evaluator', id)).status).toBe(200);
    await h.deliver(InnovationWithdrawn, { innovationId: id, opdId: 'dinkes', version: 10, withdrawnAt: now() });
    expect((await h.saveEvaluation('evaluator2', id, { decisions: acceptAll() })).status).toBe(200);
    expect((await h.submitEvaluation('evaluator2', id)).status).toBe(200);
    expect((await h.regionIndex('coordinator', cycleId)).body).toMatchObject({ count: 0, sumScores: 0 });
    expect((await h.ranking('coordinator', cycleId)).body.rows).toEqual([]);
  });

  it('after publication leaves the published results as they stand', async () => {
    const cycleId = await h.openedCycle();
    const id = await h.selfAssessed(cycleId);
    await h.verified(id, { evaluator: acceptAll(), evaluator2: acceptAll() });
    expect((await h.publish('coordinator', cycleId)).status).toBe(200);
    await h.deliver(InnovationWithdrawn, { innovationId: id, opdId: 'dinkes', version: 10, withdrawnAt: now() });
    expect((await h.ranking('dinkes', cycleId)).body.rows).toEqual([
      expect.objectContaining({ opdId: 'dinkes', sum: 41 }),
    ]);
  });
});
