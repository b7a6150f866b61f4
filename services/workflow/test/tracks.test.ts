import {
  InnovationLaunched,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationWithdrawn,
  StageAdvanced,
  StageAdvanceRequested,
  StageReturned,
} from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { ConsumerRecordFailed } from '@inovda/local/testing';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestAdvance } from '../src/use-cases/request-advance';
import { COMPLETE_PROFILE, type Harness, startHarness } from './harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

async function funnel(cycleId: string) {
  return (await api.board('coordinator', cycleId)).body.funnel as {
    stages: Record<string, number>;
    registered: number;
    withdrawn: number;
    held: number;
  };
}

/** Requests and approves the next stage; returns the approval response. */
async function advance(id: string, reviewer: 'coordinator' | 'coordinator2' = 'coordinator2') {
  const requested = await api.requestAdvance('dinkes', id, { note: 'siap' });
  expect(requested.status).toBe(201);
  const approved = await api.approve(reviewer, id, requested.body.requestId as string);
  expect(approved.status).toBe(200);
  return approved;
}

describe('tracks from submissions events', () => {
  it('refuses a registration made after its cycle closed: no track, RegistrationRefused once; an earlier one stands', async () => {
    const cycleId = await api.openedCycle();
    const before = new Date(Date.now() - 60_000).toISOString();
    expect((await api.closeCycle('coordinator', cycleId)).status).toBe(200);
    const late = ulid();
    const registration = await api.deliver(InnovationRegistered, {
      innovationId: late,
      opdId: 'dinkes',
      version: 2,
      name: 'Terlambat',
      cycleId,
      registeredAt: new Date(Date.now() + 1_000).toISOString(),
    });
    await api.redeliver(registration);
    expectProblem(await api.track('dinkes', late), 'not-found');
    const refused = (await api.outbox('RegistrationRefused')).filter((event) => event.data.innovationId === late);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.data).toMatchObject({ cycleId, opdId: 'dinkes', innovationVersion: 2, reason: 'cycle-closed' });
    expect((await funnel(cycleId)).registered).toBe(0);

    // Registered while the cycle was open, delivered after the close: the track opens.
    const early = ulid();
    await api.deliver(InnovationRegistered, {
      innovationId: early,
      opdId: 'dinkes',
      version: 2,
      name: 'Tepat waktu',
      cycleId,
      registeredAt: before,
    });
    expect((await api.track('dinkes', early)).status).toBe(200);
    expect((await funnel(cycleId)).registered).toBe(1);
  });

  it('opens a track at Drum up on registration, once however often the event arrives', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const track = await api.track('dinkes', innovationId);
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({ innovationId, cycleId, opdId: 'dinkes', stage: 'drum-up', status: 'active' });
    expect(track.body.version).toBe(1);
    const registration = InnovationRegistered.create(
      {
        innovationId,
        opdId: 'dinkes',
        version: 2,
        name: 'x',
        cycleId,
        registeredAt: new Date().toISOString(),
      },
      {
        eventId: ulid(),
        occurredAt: new Date().toISOString(),
        regionId: 'kota-solok',
        correlationId: 'c',
        actor: { sub: 's', username: 'u', role: 'opd' },
      },
    );
    await api.redeliver(registration);
    await api.redeliver(registration);
    expect((await api.track('dinkes', innovationId)).body.version).toBe(1);
    expect(await funnel(cycleId)).toMatchObject({ registered: 1, stages: { 'drum-up': 1 } });
    const history = await api.history('dinkes', innovationId);
    expect(history.body.items).toMatchObject([
      { version: 1, action: 'opened', stage: 'drum-up', actor: { username: 'opd.dinkes', role: 'opd' } },
    ]);
    expect((history.body.items as Array<Record<string, unknown>>)[0]).not.toHaveProperty('to');
  });

  it('keeps the newest profile whatever the order of delivery, and the same event twice changes nothing', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = ulid();
    const name = 'Urutan Acak';
    // A profile update (version 3) arrives before the registration (version 2) and the older update (version 2).
    const newer = await api.deliver(InnovationProfileUpdated, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      changedFields: ['problemStatement', 'beneficiaries'],
      profile: { name, opdId: 'dinkes', initiatorKind: 'opd', problemStatement: 'Masalah', beneficiaries: 'Warga' },
    });
    await api.deliver(InnovationRegistered, {
      innovationId,
      opdId: 'dinkes',
      version: 2,
      name,
      cycleId,
      registeredAt: new Date().toISOString(),
    });
    await api.deliver(InnovationProfileUpdated, {
      innovationId,
      opdId: 'dinkes',
      version: 2,
      changedFields: ['goals'],
      profile: { name, opdId: 'dinkes', goals: 'lama' },
    });
    await api.redeliver(newer);
    // The gates see version 3 (the older version 2, delivered later, holds none of it): it has the initiator to
    // leave Drum up and the problem statement and beneficiaries to leave Diagnose.
    await advance(innovationId);
    const second = await api.requestAdvance('dinkes', innovationId);
    expect(second.status).toBe(201);
  });

  it('keeps the name on the track (and the board) in step with the newest profile, in any order', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const renamed = await api.deliver(InnovationProfileUpdated, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      changedFields: ['name'],
      profile: { name: 'Nama Baru', opdId: 'dinkes' },
    });
    await api.redeliver(renamed);
    expect((await api.track('dinkes', innovationId)).body).toMatchObject({ name: 'Nama Baru', version: 2 });
    const listed = await api.board('coordinator', cycleId, { stage: 'drum-up' });
    expect((listed.body.innovations as { items: Array<{ name: string }> }).items).toMatchObject([
      { name: 'Nama Baru' },
    ]);
    const history = (await api.history('dinkes', innovationId)).body.items as Array<Record<string, unknown>>;
    expect(history.at(-1)).toMatchObject({ action: 'renamed', note: 'Nama Baru', version: 2 });

    // The renaming update (version 4) arrives before the registration (version 3): the track opens with it.
    const lateId = ulid();
    await api.deliver(InnovationProfileUpdated, {
      innovationId: lateId,
      opdId: 'dinkes',
      version: 4,
      changedFields: ['name'],
      profile: { name: 'Sesudah', opdId: 'dinkes' },
    });
    await api.deliver(InnovationRegistered, {
      innovationId: lateId,
      opdId: 'dinkes',
      version: 3,
      name: 'Sebelum',
      cycleId,
      registeredAt: new Date().toISOString(),
    });
    expect((await api.track('dinkes', lateId)).body).toMatchObject({ name: 'Sesudah', version: 1 });
  });

  it('closes the track on withdrawal (off the board, counters moved), and a late registration opens nothing', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const withdrawal = await api.deliver(InnovationWithdrawn, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      reason: 'Anggaran dialihkan',
      withdrawnAt: new Date().toISOString(),
    });
    await api.redeliver(withdrawal);
    expect((await api.track('dinkes', innovationId)).body).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(await funnel(cycleId)).toMatchObject({ registered: 1, withdrawn: 1, stages: { 'drum-up': 0 } });
    expect((await api.board('coordinator', cycleId, { stage: 'drum-up' })).body.innovations).toMatchObject({
      items: [],
    });
    expectProblem(await api.requestAdvance('dinkes', innovationId), 'invalid-state');

    // Out of order: the withdrawal first, then the registration.
    const lateId = ulid();
    await api.deliver(InnovationWithdrawn, {
      innovationId: lateId,
      opdId: 'dinkes',
      version: 3,
      withdrawnAt: new Date().toISOString(),
    });
    await api.deliver(InnovationRegistered, {
      innovationId: lateId,
      opdId: 'dinkes',
      version: 2,
      name: 'Terlambat',
      cycleId,
      registeredAt: new Date().toISOString(),
    });
    expectProblem(await api.track('coordinator', lateId), 'not-found');
    expect(await funnel(cycleId)).toMatchObject({ registered: 1, withdrawn: 1 });
  });

  it('cancels a request still waiting for review when the innovation is withdrawn', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', innovationId, { note: 'siap' })).body.requestId as string;
    await api.deliver(InnovationWithdrawn, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      withdrawnAt: new Date().toISOString(),
    });
    const record = (await api.items()).find(
      (item) => item.pk?.S === `TRACK#${innovationId}` && item.sk?.S === `REQUEST#${requestId}`,
    );
    expect(record?.status?.S).toBe('cancelled');
    expect((await api.track('dinkes', innovationId)).body).toMatchObject({ status: 'withdrawn' });
    expect((await api.track('dinkes', innovationId)).body.pendingRequest).toBeUndefined();
  });

  it('rejects an event that breaks its contract (its record fails: SQS retries it, then sets it aside) and writes nothing', async () => {
    const before = (await api.items()).length;
    await expect(
      api.redeliver({
        source: InnovationRegistered.source,
        detailType: InnovationRegistered.name,
        detail: { metadata: { eventId: 'x' }, data: { innovationId: ulid() } },
      }),
    ).rejects.toThrow(ConsumerRecordFailed);
    // Why each record failed (no contract, broken contract) is the kit's to tell: event-consumer.test.ts.
    await expect(
      api.redeliver({ source: 'inovda.elsewhere', detailType: InnovationRegistered.name, detail: {} }),
    ).rejects.toThrow(ConsumerRecordFailed);
    expect((await api.items()).length).toBe(before);
  });

  it('shows a track only to its own OPD and to staff', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    for (const who of ['dinkes', 'coordinator', 'evaluator', 'admin'] as const) {
      expect((await api.track(who, innovationId)).status).toBe(200);
      expect((await api.gate(who, innovationId)).status).toBe(200);
    }
    expectProblem(await api.track('capil', innovationId), 'not-found');
    expectProblem(await api.history('capil', innovationId), 'not-found');
    expectProblem(await api.gate('capil', innovationId), 'not-found');
    expectProblem(await api.gate('dinkes', ulid()), 'not-found');
    expectProblem(await api.track('dinkes', ulid()), 'not-found');
  });
});

describe('gates and transitions', () => {
  it("applies the region's own gates: one asking for the initiator holds Drum up until a profile update", async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId, 'dinkes', {});
    const deps = {
      ...api.depsAt(new Date()),
      gates: { 'drum-up': [{ kind: 'field' as const, field: 'initiatorKind' as const }] },
    };
    const actor = {
      caller: { sub: 'sub-dinkes', username: 'opd.dinkes', roles: ['opd' as const], opdId: 'dinkes' },
      role: 'opd' as const,
      correlationId: 'region-gates',
    };
    await expect(requestAdvance(deps, actor, innovationId, undefined)).rejects.toMatchObject({
      code: 'gate-not-met',
      extras: { missing: [{ kind: 'field', field: 'initiatorKind', message: 'inisiator belum diisi' }] },
    });
    const name = (await api.track('dinkes', innovationId)).body.name as string;
    await api.deliver(InnovationProfileUpdated, {
      innovationId,
      opdId: 'dinkes',
      version: 3,
      changedFields: ['initiatorKind'],
      profile: { name, opdId: 'dinkes', initiatorKind: 'civil-servant' },
    });
    await expect(requestAdvance(deps, actor, innovationId, undefined)).resolves.toMatchObject({
      request: { status: 'pending', from: 'drum-up', to: 'diagnose' },
    });
  });

  it('refuses an advance whose gate is not met, listing what is missing in Indonesian, and writes nothing', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    await advance(innovationId);
    const before = (await api.items()).length;
    // Asked beforehand, the gate says what the refusal will list, and reading it writes nothing.
    const gate = await api.gate('dinkes', innovationId);
    expect(gate.status).toBe(200);
    expect(gate.body).toEqual({
      innovationId,
      stage: 'diagnose',
      next: 'design',
      met: false,
      missing: [
        { kind: 'field', field: 'problemStatement', message: 'permasalahan belum diisi' },
        { kind: 'field', field: 'beneficiaries', message: 'penerima manfaat belum diisi' },
      ],
    });
    const refused = await api.requestAdvance('dinkes', innovationId, { note: 'mohon' });
    expectProblem(refused, 'gate-not-met');
    expect(refused.status).toBe(422);
    expect(refused.body.missing).toEqual(gate.body.missing);
    expect((await api.items()).length).toBe(before);
  });

  it('checks the gate again at approval: a profile emptied after the request is refused, nothing moves', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    await advance(innovationId);
    const requested = await api.requestAdvance('dinkes', innovationId, { note: 'siap' });
    expect(requested.status).toBe(201);
    const name = (await api.track('dinkes', innovationId)).body.name as string;
    await api.deliver(InnovationProfileUpdated, {
      innovationId,
      opdId: 'dinkes',
      version: 50,
      changedFields: ['problemStatement'],
      profile: (({ problemStatement: _dropped, ...rest }) => ({ ...rest, name, opdId: 'dinkes' }))(
        COMPLETE_PROFILE as typeof COMPLETE_PROFILE & { problemStatement?: string },
      ) as never,
    });
    const refused = await api.approve('coordinator2', innovationId, requested.body.requestId as string);
    expectProblem(refused, 'gate-not-met');
    expect((await api.track('dinkes', innovationId)).body).toMatchObject({ stage: 'diagnose' });
  });

  it('walks an innovation from Drum up to Display with events, counters and history at every step', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    await advance(innovationId);
    await advance(innovationId);
    await advance(innovationId);
    const inDeliver = await api.track('dinkes', innovationId);
    expect(inDeliver.body.stage).toBe('deliver');
    expect((await api.gate('coordinator', innovationId)).body).toMatchObject({
      stage: 'deliver',
      next: 'display',
      met: true,
      missing: [],
    });
    expect((await api.maturity('dinkes', innovationId, { maturity: 'trial', date: '2099-07-01' })).status).toBe(200);
    expect(
      (await api.maturity('coordinator', innovationId, { maturity: 'implemented', date: '2099-08-01' })).body,
    ).toMatchObject({ maturity: 'implemented', maturityDates: { trial: '2099-07-01', implemented: '2099-08-01' } });
    expectProblem(
      await api.maturity('dinkes', innovationId, { maturity: 'trial', date: '2099-09-01' }),
      'invalid-state',
    );
    const launched = await advance(innovationId);
    expect(launched.body).toMatchObject({ track: { stage: 'display', launchedAt: expect.any(String) } });
    expectProblem(await api.requestAdvance('dinkes', innovationId), 'invalid-state');
    // Display is the last stage: no gate to pass.
    expect((await api.gate('dinkes', innovationId)).body).toMatchObject({ stage: 'display', next: null, met: true });

    const mine = (events: Array<{ data: Record<string, unknown> }>) =>
      events.filter((event) => event.data.innovationId === innovationId);
    const advanced = mine(await api.outbox('StageAdvanced')).map((event) => StageAdvanced.parse(event).data);
    expect(advanced.map((data) => `${data.from}>${data.to}`).sort()).toEqual(
      ['deliver>display', 'design>deliver', 'diagnose>design', 'drum-up>diagnose'].sort(),
    );
    expect(mine(await api.outbox('StageAdvanceRequested'))).toHaveLength(4);
    const launches = mine(await api.outbox('InnovationLaunched'));
    expect(launches).toHaveLength(1);
    expect(InnovationLaunched.parse(launches[0]).data).toMatchObject({ maturity: 'implemented', cycleId });

    expect(await funnel(cycleId)).toMatchObject({
      registered: 1,
      stages: { 'drum-up': 0, diagnose: 0, design: 0, deliver: 0, display: 1 },
    });
    const history = (await api.history('coordinator', innovationId, { limit: '100' })).body.items as Array<
      Record<string, unknown>
    >;
    expect(history.map((entry) => entry.action)).toEqual([
      'opened',
      'advance-requested',
      'advanced',
      'advance-requested',
      'advanced',
      'advance-requested',
      'advanced',
      'maturity-recorded',
      'maturity-recorded',
      'advance-requested',
      'advanced',
    ]);
    expect(history[2]).toMatchObject({
      from: 'drum-up',
      to: 'diagnose',
      actor: { username: 'koordinator2', role: 'coordinator' },
      at: expect.any(String),
    });
    expect(history[1]).toMatchObject({ note: 'siap', actor: { username: 'opd.dinkes', role: 'opd' } });
  });

  it('refuses approving twice, an OPD approving its own request, and self-review; each 409 changes nothing', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', innovationId)).body.requestId as string;
    expectProblem(await api.requestAdvance('dinkes', innovationId), 'invalid-state');
    const before = (await api.items()).length;
    expectProblem(await api.approve('dinkes', innovationId, requestId), 'invalid-state');
    expectProblem(await api.approve('capil', innovationId, requestId), 'not-found');
    expectProblem(await api.approve('coordinator2', innovationId, ulid()), 'invalid-state');
    expect((await api.items()).length).toBe(before);
    expect((await api.approve('coordinator2', innovationId, requestId)).status).toBe(200);
    expectProblem(await api.approve('coordinator2', innovationId, requestId), 'invalid-state');
    expect((await api.track('dinkes', innovationId)).body.stage).toBe('diagnose');

    // A coordinator whose own unit owns the innovation does not review it.
    const own = await api.registered(cycleId, 'balitbang');
    const ownRequest = (await api.requestAdvance('balitbang', own)).body.requestId as string;
    expectProblem(await api.approve('coordinator', own, ownRequest), 'conflict-of-interest');
    expect((await api.approve('admin', own, ownRequest)).status).toBe(200);
  });

  it('lets exactly one of two coordinators approving at once win', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', innovationId)).body.requestId as string;
    const results = await Promise.all([
      api.approve('coordinator2', innovationId, requestId),
      api.approve('admin', innovationId, requestId),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    expect((await api.track('dinkes', innovationId)).body).toMatchObject({ stage: 'diagnose', version: 3 });
    expect(await funnel(cycleId)).toMatchObject({ stages: { 'drum-up': 0, diagnose: 1 } });
    const advanced = (await api.outbox('StageAdvanced')).filter((event) => event.data.innovationId === innovationId);
    expect(advanced).toHaveLength(1);
  });

  it('returns a request with reasons, after which the OPD may ask again', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', innovationId)).body.requestId as string;
    expectProblem(await api.giveBack('coordinator2', innovationId, requestId, {}), 'validation-failed');
    const returned = await api.giveBack('coordinator2', innovationId, requestId, { reasons: 'Lengkapi komitmen' });
    expect(returned.body).toMatchObject({ request: { status: 'returned', reasons: 'Lengkapi komitmen' } });
    expect((await api.track('dinkes', innovationId)).body).toMatchObject({ stage: 'drum-up' });
    expect((await api.track('dinkes', innovationId)).body).not.toHaveProperty('pendingRequest');
    const event = (await api.outbox('StageReturned')).find((detail) => detail.data.innovationId === innovationId);
    expect(StageReturned.parse(event).data).toMatchObject({ stage: 'drum-up', reasons: 'Lengkapi komitmen' });
    expectProblem(await api.approve('coordinator2', innovationId, requestId), 'invalid-state');
    expect((await api.requestAdvance('dinkes', innovationId)).status).toBe(201);
    const requested = (await api.outbox('StageAdvanceRequested')).filter(
      (detail) => detail.data.innovationId === innovationId,
    );
    expect(requested.map((detail) => StageAdvanceRequested.parse(detail).data.to)).toEqual(['diagnose', 'diagnose']);
  });

  it('holds and resumes a track; a held track neither advances nor is decided', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', innovationId)).body.requestId as string;
    expectProblem(await api.hold('dinkes', innovationId), 'forbidden');
    expect((await api.hold('coordinator', innovationId, { note: 'Menunggu SK' })).body).toMatchObject({
      status: 'held',
    });
    expect(await funnel(cycleId)).toMatchObject({ held: 1 });
    expectProblem(await api.hold('coordinator', innovationId), 'invalid-state');
    expectProblem(await api.approve('coordinator2', innovationId, requestId), 'invalid-state');
    expect((await api.resume('coordinator', innovationId)).body).toMatchObject({ status: 'active' });
    expectProblem(await api.resume('coordinator', innovationId), 'invalid-state');
    expect((await api.approve('coordinator2', innovationId, requestId)).status).toBe(200);
    expect(await funnel(cycleId)).toMatchObject({ held: 0 });
    expect((await api.outbox('TrackHeld')).filter((e) => e.data.innovationId === innovationId)).toHaveLength(1);
    expect((await api.outbox('TrackResumed')).filter((e) => e.data.innovationId === innovationId)).toHaveLength(1);
  });
});

describe("no coordinator decides on their own OPD's innovation", () => {
  it('refuses approve, return, hold and resume by a coordinator of the owning OPD with a 403; nothing changes', async () => {
    const cycleId = await api.openedCycle();
    const own = await api.registered(cycleId, 'balitbang');
    const requestId = (await api.requestAdvance('balitbang', own)).body.requestId as string;
    const before = await api.items();
    expectProblem(await api.approve('coordinator', own, requestId), 'conflict-of-interest');
    expectProblem(
      await api.giveBack('coordinator', own, requestId, { reasons: 'Lengkapi data dukung.' }),
      'conflict-of-interest',
    );
    expectProblem(await api.hold('coordinator', own, { note: 'Menunggu SK' }), 'conflict-of-interest');
    expect(await api.items()).toEqual(before);
    expect((await api.track('balitbang', own)).body).toMatchObject({ stage: 'drum-up', status: 'active', version: 2 });

    // Held by another unit's coordinator, the track may not be resumed by the owning unit's.
    expect((await api.hold('coordinator2', own)).status).toBe(200);
    expectProblem(await api.resume('coordinator', own), 'conflict-of-interest');
    expect((await api.track('balitbang', own)).body).toMatchObject({ status: 'held' });
    expect((await api.resume('coordinator2', own)).status).toBe(200);
  });

  it('refuses every decision of a coordinator whose token names no OPD (the rule cannot be checked)', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const requestId = (await api.requestAdvance('dinkes', innovationId)).body.requestId as string;
    const before = await api.items();
    const refusals = [
      await api.approve('coordinatorWithoutUnit', innovationId, requestId),
      await api.giveBack('coordinatorWithoutUnit', innovationId, requestId, { reasons: 'Lengkapi data dukung.' }),
      await api.hold('coordinatorWithoutUnit', innovationId),
      await api.resume('coordinatorWithoutUnit', innovationId),
    ];
    for (const refusal of refusals) {
      expectProblem(refusal, 'forbidden');
      expect(refusal.body.detail).toMatch(/perangkat daerah/);
    }
    expect(await api.items()).toEqual(before);
    // Reading is not a decision: the same coordinator still sees the track.
    expect((await api.track('coordinatorWithoutUnit', innovationId)).status).toBe(200);
  });
});

describe('GET /cycles/{id}/board', () => {
  it('counts per stage and per OPD, and lists the innovations in a stage page by page', async () => {
    const cycleId = await api.openedCycle();
    await api.commit('dinkes', cycleId, 'dinkes', { pledged: 3 });
    const ids = [
      await api.registered(cycleId, 'dinkes'),
      await api.registered(cycleId, 'dinkes'),
      await api.registered(cycleId, 'disdukcapil'),
    ];
    await advance(ids[0] as string);
    const board = await api.board('coordinator', cycleId);
    expect(board.body.funnel).toMatchObject({ registered: 3, stages: { 'drum-up': 2, diagnose: 1 } });
    const opds = board.body.opds as Array<Record<string, unknown>>;
    expect(opds.find((opd) => opd.opdId === 'dinkes')).toMatchObject({
      pledged: 3,
      target: 1,
      registered: 2,
      stages: { 'drum-up': 1, diagnose: 1 },
    });
    expect(opds.find((opd) => opd.opdId === 'disdukcapil')).toMatchObject({ registered: 1, pledged: null });
    const first = await api.board('evaluator', cycleId, { stage: 'drum-up', limit: '1' });
    const page = first.body.innovations as { items: Array<{ innovationId: string }>; nextCursor: string };
    expect(page.items).toHaveLength(1);
    const second = await api.board('evaluator', cycleId, { stage: 'drum-up', limit: '1', cursor: page.nextCursor });
    const rest = second.body.innovations as { items: Array<{ innovationId: string }>; nextCursor: string | null };
    expect([...page.items, ...rest.items].map((item) => item.innovationId).sort()).toEqual([ids[1], ids[2]].sort());
    expect(rest.nextCursor).toBeNull();
    expectProblem(await api.board('dinkes', cycleId), 'forbidden');
    expectProblem(await api.board('coordinator', cycleId, { stage: 'nope' }), 'invalid-query');
    expectProblem(
      await api.board('coordinator', cycleId, { stage: 'diagnose', cursor: page.nextCursor }),
      'invalid-cursor',
    );
  });
});

describe('GET /cycles/{id}/advance-requests', () => {
  it("lists the cycle's requests waiting for review, oldest first, and drops them once decided", async () => {
    const cycleId = await api.openedCycle();
    const first = await api.registered(cycleId, 'dinkes');
    const second = await api.registered(cycleId, 'disdukcapil');
    const idle = await api.registered(cycleId, 'dinkes');
    const firstRequest = (await api.requestAdvance('dinkes', first, { note: 'pertama' })).body.requestId as string;
    await api.requestAdvance('capil', second);
    const page = await api.queue('coordinator', cycleId, { limit: '1' });
    expect(page.body.items).toMatchObject([
      { innovationId: first, opdId: 'dinkes', stage: 'drum-up', request: { requestId: firstRequest, note: 'pertama' } },
    ]);
    const rest = await api.queue('evaluator', cycleId, { limit: '1', cursor: page.body.nextCursor as string });
    expect(rest.body).toMatchObject({ items: [{ innovationId: second }], nextCursor: null });
    await api.approve('coordinator2', first, firstRequest);
    const after = (await api.queue('coordinator', cycleId)).body.items as Array<{ innovationId: string }>;
    expect(after.map((item) => item.innovationId)).toEqual([second]);
    expect(after.map((item) => item.innovationId)).not.toContain(idle);
    expectProblem(await api.queue('dinkes', cycleId), 'forbidden');
    expectProblem(await api.queue('coordinator', ulid()), 'not-found');
  });
});
