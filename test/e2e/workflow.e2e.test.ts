import type { EventBridgeEvent, LocalPlatform } from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type Json, retryUntil, startE2ePlatform } from './e2e-platform';

/**
 * The 5D track end to end over HTTP on the local runtime: a coordinator opens a cycle; an OPD registers an
 * innovation into it; it shows at Drum up on the board; the gate refuses an advance with the missing items; the
 * OPD completes the profile; the coordinator approves each stage to Display; the events arrive in order; the
 * history shows every step. Submissions and workflow talk only through the bus, as in AWS.
 */

let platform: LocalPlatform;
const workflowEvents: EventBridgeEvent[] = [];

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-wf');
  platform.bus.subscribe('e2e-workflow-consumer', { source: ['inovda.workflow'] }, (event) => {
    workflowEvents.push(event);
  });
});

afterAll(async () => {
  await platform?.stop();
});

const call = apiCaller(() => platform);

/** Retries until `done` holds, bounded generously (see e2e-platform.ts). */
function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  return retryUntil(attempt, done, { timeoutMs, intervalMs: 150 });
}

const windows = {
  'drum-up': { start: '2027-01-04', due: '2027-02-26' },
  diagnose: { start: '2027-03-01', due: '2027-04-30' },
  design: { start: '2027-05-03', due: '2027-06-30' },
  deliver: { start: '2027-07-01', due: '2027-10-29' },
  display: { start: '2027-11-01', due: '2027-12-17' },
};

const completeProfile = {
  problemStatement: 'Warga lanjut usia sulit datang ke kantor untuk merekam KTP-el.',
  beneficiaries: 'Warga lanjut usia dan penyandang disabilitas',
  designNarrative: Array.from({ length: 320 }, (_, i) => `kata${i}`).join(' '),
  goals: 'Semua warga wajib KTP terekam.',
  benefits: 'Waktu dan biaya perjalanan warga berkurang.',
  milestones: [{ title: 'Uji coba di dua kelurahan', dueDate: '2027-08-01' }],
  trialStartDate: '2027-07-15',
  implementationStartDate: '2027-09-01',
  evidence: ['regulation', 'human-resources', 'speed-of-creation', 'benefit', 'quality-video'].map((indicator) => ({
    indicator,
    url: `https://disdukcapil.solokkota.go.id/bukti/${indicator}`,
  })),
};

describe('the 5D track, end to end', () => {
  // A long flow (about 25 HTTP calls, each event crossing the bus): on a loaded 2-core machine it needs more than
  // the default 30 s; each wait inside it is bounded on its own.
  it('takes an innovation from registration through every gate to Display', { timeout: 180_000 }, async () => {
    const cycle = await call('POST', '/cycles', 'koordinator', {
      name: 'Program Inovasi 2027',
      year: 2027,
      stageWindows: windows,
      targetPerOpd: 1,
      monevIntervalDays: 90,
    });
    expect(cycle.status).toBe(201);
    const cycleId = cycle.body.id as string;
    expect((await call('POST', `/cycles/${cycleId}/open`, 'koordinator')).status).toBe(200);

    const created = await call('POST', '/innovations', 'opd.disdukcapil', {
      name: 'Jemput Bola Adminduk',
      opdId: 'disdukcapil',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // Submissions learns of the open cycle from CycleOpened on the bus: registration waits for that.
    const registered = await eventually(
      () => call('POST', `/innovations/${id}/register`, 'opd.disdukcapil', { cycleId }),
      (response) => response.status === 200,
    );
    expect(registered.body).toMatchObject({ status: 'registered', cycleId });

    // InnovationRegistered opens the track at Drum up; the board counts it there.
    const track = await eventually(
      () => call('GET', `/innovations/${id}/track`, 'opd.disdukcapil'),
      (response) => response.status === 200,
    );
    expect(track.body).toMatchObject({ innovationId: id, stage: 'drum-up', status: 'active', cycleId });
    const board = await call('GET', `/cycles/${cycleId}/board?stage=drum-up`, 'koordinator');
    expect(board.status).toBe(200);
    expect((board.body.funnel as { stages: Json }).stages['drum-up']).toBe(1);
    expect((board.body.innovations as { items: Json[] }).items.map((item) => item.innovationId)).toEqual([id]);

    /** The owner asks to advance; the coordinator approves. Returns the stage entered. */
    async function advance(): Promise<string> {
      const request = await call('POST', `/innovations/${id}/track/advance-requests`, 'opd.disdukcapil', {
        note: 'Mohon ditinjau',
      });
      expect(request.status, JSON.stringify(request.body)).toBe(201);
      const approved = await call(
        'POST',
        `/innovations/${id}/track/advance-requests/${request.body.requestId}/approve`,
        'koordinator',
        { note: 'Disetujui' },
      );
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      return (approved.body.track as Json).stage as string;
    }

    expect(await advance()).toBe('diagnose');

    // The Diagnose gate refuses with the missing items, in Indonesian, and changes nothing.
    const refused = await call('POST', `/innovations/${id}/track/advance-requests`, 'opd.disdukcapil', {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('gate-not-met');
    expect(JSON.stringify(refused.body.missing)).toContain('problemStatement');
    expect((await call('GET', `/innovations/${id}/track`, 'opd.disdukcapil')).body.pendingRequest).toBeUndefined();

    // The OPD completes the profile; the workflow service hears of it through InnovationProfileUpdated.
    const current = await call('GET', `/innovations/${id}`, 'opd.disdukcapil');
    const patched = await call('PATCH', `/innovations/${id}`, 'opd.disdukcapil', completeProfile, {
      'if-match': `"${current.body.version}"`,
    });
    expect(patched.status).toBe(200);
    const accepted = await eventually(
      () => call('POST', `/innovations/${id}/track/advance-requests`, 'opd.disdukcapil', { note: 'Lengkap' }),
      (response) => response.status === 201,
    );
    expect(accepted.status).toBe(201);
    const approved = await call(
      'POST',
      `/innovations/${id}/track/advance-requests/${accepted.body.requestId}/approve`,
      'koordinator',
      {},
    );
    expect((approved.body.track as Json).stage).toBe('design');
    expect(await advance()).toBe('deliver');
    expect(await advance()).toBe('display');

    // The events arrived on the bus, in the order they happened.
    const ours = await eventually(
      async () => workflowEvents.filter((event) => (event.detail as { data: Json }).data.innovationId === id),
      (events) => events.some((event) => event['detail-type'] === 'InnovationLaunched'),
    );
    const sequence = ours.map((event) => event['detail-type']);
    expect(sequence).toEqual([
      'StageAdvanceRequested',
      'StageAdvanced',
      'StageAdvanceRequested',
      'StageAdvanced',
      'StageAdvanceRequested',
      'StageAdvanced',
      'StageAdvanceRequested',
      'StageAdvanced',
      'InnovationLaunched',
    ]);
    const opened = workflowEvents.filter((event) => event['detail-type'] === 'CycleOpened');
    expect(opened.map((event) => (event.detail as { data: Json }).data.cycleId)).toContain(cycleId);

    // The history shows every step: who, in which role, from/to.
    const history = await call('GET', `/innovations/${id}/track/history?limit=100`, 'koordinator');
    const steps = (history.body.items as Json[]).map((entry) => [entry.action, entry.from ?? null, entry.to ?? null]);
    expect(steps).toEqual([
      ['opened', null, null],
      ['advance-requested', 'drum-up', 'diagnose'],
      ['advanced', 'drum-up', 'diagnose'],
      ['advance-requested', 'diagnose', 'design'],
      ['advanced', 'diagnose', 'design'],
      ['advance-requested', 'design', 'deliver'],
      ['advanced', 'design', 'deliver'],
      ['advance-requested', 'deliver', 'display'],
      ['advanced', 'deliver', 'display'],
    ]);
    const roles = (history.body.items as Array<{ action: string; actor: { role: string } }>).map((entry) => [
      entry.action,
      entry.actor.role,
    ]);
    expect(roles.filter(([action]) => action === 'advanced').every(([, role]) => role === 'coordinator')).toBe(true);
    expect(roles.filter(([action]) => action === 'advance-requested').every(([, role]) => role === 'opd')).toBe(true);

    const finalBoard = await call('GET', `/cycles/${cycleId}/board`, 'koordinator');
    expect((finalBoard.body.funnel as { stages: Json }).stages).toMatchObject({ 'drum-up': 0, display: 1 });
  });
});
