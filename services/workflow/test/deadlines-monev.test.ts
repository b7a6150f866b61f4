import { MonevDue, MonevReported, StageOverdue } from '@inovda/contracts';
import { expectProblem } from '@inovda/lambda-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeadlines } from '../src/use-cases/deadlines';
import { COMPLETE_PROFILE, type Harness, startHarness, windows } from './harness';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(async () => {
  await api?.stop();
});

const DAY = 24 * 3600 * 1000;

async function toDisplay(id: string) {
  for (let step = 0; step < 4; step += 1) {
    const requestId = (await api.requestAdvance('dinkes', id)).body.requestId as string;
    expect((await api.approve('coordinator2', id, requestId)).status).toBe(200);
  }
}

function about(events: Array<{ data: Record<string, unknown> }>, innovationId: string) {
  return events.filter((event) => event.data.innovationId === innovationId);
}

describe('the deadline schedule', () => {
  it('announces StageOverdue once per track and stage, and follows a window the coordinator extended', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId);
    const due = windows()['drum-up'].due;
    const dayAfter = new Date(new Date(`${due}T00:00:00Z`).getTime() + DAY + 3600_000);
    // Not yet: on the due day itself the window is still open.
    await checkDeadlines(api.depsAt(new Date(`${due}T12:00:00Z`)), 'run-0');
    expect(about(await api.outbox('StageOverdue'), innovationId)).toHaveLength(0);

    const first = await checkDeadlines(api.depsAt(dayAfter), 'run-1');
    expect(first.stageOverdue).toBeGreaterThanOrEqual(1);
    await checkDeadlines(api.depsAt(dayAfter), 'run-2');
    await checkDeadlines(api.depsAt(new Date(dayAfter.getTime() + 5 * DAY)), 'run-3');
    const overdue = about(await api.outbox('StageOverdue'), innovationId);
    expect(overdue).toHaveLength(1);
    expect(StageOverdue.parse(overdue[0]).data).toMatchObject({ stage: 'drum-up', due, cycleId });
    expect(StageOverdue.parse(overdue[0]).metadata.actor.role).toBe('system');

    // Another cycle whose Drum up window is extended before it passes: the track is not overdue on the old date.
    const extendedCycle = await api.openedCycle();
    const other = await api.registered(extendedCycle);
    const version = (await api.getCycle('coordinator', extendedCycle)).body.version as number;
    const moved = await api.updateCycle(
      'coordinator',
      extendedCycle,
      { stageWindows: { 'drum-up': { start: '2099-01-01', due: '2099-03-15' } } },
      { 'if-match': `"${version}"` },
    );
    expect(moved.status).toBe(200);
    await checkDeadlines(api.depsAt(dayAfter), 'run-4');
    expect(about(await api.outbox('StageOverdue'), other)).toHaveLength(0);
    await checkDeadlines(api.depsAt(new Date('2099-03-16T01:00:00Z')), 'run-5');
    expect(about(await api.outbox('StageOverdue'), other)).toHaveLength(1);
  });

  it('announces MonevDue once per period after launch, and not for a period already reported', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    await toDisplay(innovationId);
    const track = (await api.track('dinkes', innovationId)).body as { launchedAt: string; due: { date: string } };
    expect(track.due).toMatchObject({ kind: 'monev', period: 1 });
    const firstDue = new Date(`${track.due.date}T00:00:00Z`);
    const afterFirst = new Date(firstDue.getTime() + DAY + 3600_000);
    await checkDeadlines(api.depsAt(afterFirst), 'monev-1');
    await checkDeadlines(api.depsAt(afterFirst), 'monev-1-again');
    const due = about(await api.outbox('MonevDue'), innovationId);
    expect(due).toHaveLength(1);
    expect(MonevDue.parse(due[0]).data).toMatchObject({ period: 'P1', due: track.due.date });

    // The OPD reports P1 late and P2 early; then P2's due date passes with nothing to remind.
    expect((await api.monev('dinkes', innovationId, { period: 'P1', progress: 'Berjalan baik' })).status).toBe(201);
    const early = await api.monev('dinkes', innovationId, {
      period: 'P2',
      progress: 'Layanan menjangkau 3 kelurahan',
      indicators: { beneficiariesServed: 420 },
      issues: 'Sinyal lemah',
    });
    expect(early.status).toBe(201);
    expect(early.body).toMatchObject({ period: 'P2', indicators: { beneficiariesServed: 420 } });
    await checkDeadlines(api.depsAt(new Date(afterFirst.getTime() + 31 * DAY)), 'monev-2');
    expect(about(await api.outbox('MonevDue'), innovationId)).toHaveLength(1);
    const reported = about(await api.outbox('MonevReported'), innovationId).map(
      (event) => MonevReported.parse(event).data.period,
    );
    expect(reported.sort()).toEqual(['P1', 'P2']);
    const history = (await api.history('dinkes', innovationId, { limit: '100' })).body.items as Array<{
      action: string;
    }>;
    expect(history.filter((entry) => entry.action === 'monev-reported')).toHaveLength(2);

    // The reports as filed, by period, for the OPD and the coordinator; a page at a time.
    const filed = await api.monevReports('coordinator', innovationId);
    expect(filed.status).toBe(200);
    expect(filed.body.items).toEqual([
      expect.objectContaining({ period: 'P1', progress: 'Berjalan baik', indicators: {}, innovationId }),
      expect.objectContaining({
        period: 'P2',
        indicators: { beneficiariesServed: 420 },
        issues: 'Sinyal lemah',
        reportedBy: expect.objectContaining({ role: 'opd' }),
      }),
    ]);
    const first = await api.monevReports('dinkes', innovationId, { limit: '1' });
    expect((first.body.items as Array<{ period: string }>).map((item) => item.period)).toEqual(['P1']);
    const next = await api.monevReports('dinkes', innovationId, { limit: '1', cursor: String(first.body.nextCursor) });
    expect((next.body.items as Array<{ period: string }>).map((item) => item.period)).toEqual(['P2']);
  });
});

describe('the deadline schedule and held tracks', () => {
  it('sends no MonevDue while a launched track is held, and sends it after the resume', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    await toDisplay(innovationId);
    const track = (await api.track('dinkes', innovationId)).body as { due: { date: string } };
    expect((await api.hold('coordinator', innovationId, { note: 'Menunggu audit' })).status).toBe(200);
    // Held tracks leave the due index, so daily runs do not keep re-reading them.
    const trackItem = (await api.items()).find(
      (item) => item.pk?.S === `TRACK#${innovationId}` && item.sk?.S === 'TRACK',
    );
    expect(trackItem).toBeDefined();
    expect(trackItem?.gsi2pk).toBeUndefined();
    const afterDue = new Date(new Date(`${track.due.date}T00:00:00Z`).getTime() + DAY + 3600_000);
    await checkDeadlines(api.depsAt(afterDue), 'held');
    expect(about(await api.outbox('MonevDue'), innovationId)).toHaveLength(0);
    expect((await api.resume('coordinator', innovationId, { note: 'Lanjut' })).status).toBe(200);
    await checkDeadlines(api.depsAt(afterDue), 'resumed');
    expect(about(await api.outbox('MonevDue'), innovationId)).toHaveLength(1);
  });
});

describe('POST /innovations/{id}/monev', () => {
  it('takes a report only after launch, from the owner OPD, once per period, never for a later period', async () => {
    const cycleId = await api.openedCycle();
    const innovationId = await api.registered(cycleId, 'dinkes', COMPLETE_PROFILE);
    const report = { period: 'P1', progress: 'Berjalan' };
    expectProblem(await api.monev('dinkes', innovationId, report), 'invalid-state');
    await toDisplay(innovationId);
    expectProblem(await api.monev('capil', innovationId, report), 'not-found');
    expectProblem(await api.monev('coordinator', innovationId, report), 'forbidden');
    expectProblem(await api.monev('dinkes', innovationId, { ...report, period: 'P3' }), 'invalid-state');
    expectProblem(await api.monev('dinkes', innovationId, { ...report, period: 'Q1' }), 'validation-failed');
    expect((await api.monev('dinkes', innovationId, report)).status).toBe(201);
    const before = (await api.items()).length;
    expectProblem(await api.monev('dinkes', innovationId, report), 'invalid-state');
    expect((await api.items()).length).toBe(before);
    // Another OPD does not learn the innovation exists; a query out of bounds is refused.
    expectProblem(await api.monevReports('capil', innovationId), 'not-found');
    expectProblem(await api.monevReports('dinkes', innovationId, { limit: '0' }), 'invalid-query');
    expect((await api.monevReports('dinkes', innovationId)).body.items).toHaveLength(1);
  });
});
