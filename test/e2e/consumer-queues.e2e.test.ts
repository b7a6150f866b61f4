import type { LocalPlatform } from '@inovda/local';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type Json, retryUntil, startE2ePlatform } from './e2e-platform';

/**
 * Consumers survive hours of failure (issue 7, defect 3): events reach each consumer through its SQS queue, so a
 * consumer that keeps failing is retried after each visibility timeout for as long as its `maxReceiveCount` lasts (a
 * day in AWS; shortened here), and a poison event is set aside in the consumer's DLQ without holding up the others,
 * then redriven. Before the queues, a function error got Lambda's two async retries: three attempts, then the DLQ,
 * and the track never opened. Faults through `platform.faults`, the local fault switchboard.
 */

const TRACK_EVENTS = 'workflow/track-events';
const QUEUE = 'inovda-kota-solok-workflow-track-events';
const DLQ = `${QUEUE}-dlq`;

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-consumers', {
    // Time scaled down: retries 3 s apart instead of 2 minutes, 20 receives (a minute) instead of a day's worth:
    // long enough that the failing registrations are still retrying, not set aside, while the test waits for each
    // to pass three receives. The visibility timeout must outlast an invocation on a machine busy with the rest of
    // the suite (AWS asks for six function timeouts): at 250 ms, a slow one let SQS hand its healthy messages out
    // again and again until they too were set aside, and the retries fed the load that slowed it.
    consumerQueues: { visibilityTimeoutMs: 3_000, maxReceiveCount: 20 },
  });
});

afterEach(async () => {
  await platform?.faults.clear();
});

afterAll(async () => {
  await platform?.stop();
});

const call = apiCaller(() => platform);

/** Retries until `done` holds, bounded generously (see e2e-platform.ts). */
function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  return retryUntil(attempt, done, { timeoutMs, intervalMs: 100 });
}

async function queue(name: string): Promise<Json> {
  const queues = (await (await fetch(`${platform.url}/local/queues`)).json()) as Json[];
  const found = queues.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no queue ${name}`);
  return found;
}

interface Queued {
  readonly receiveCount: number;
  readonly body: { 'detail-type': string; detail: { data: Json } };
}

async function queued(name: string): Promise<Queued[]> {
  const response = await fetch(`${platform.url}/local/queues/${name}`);
  return ((await response.json()) as { messages: Queued[] }).messages;
}

async function queuedEvents(name: string): Promise<Array<Queued['body']>> {
  return (await queued(name)).map((message) => message.body);
}

/** An open cycle submissions already knows of (registration waits for that), with one registered probe. */
async function openCycle(year: number): Promise<{ cycleId: string; probeId: string }> {
  const cycle = await call('POST', '/cycles', 'koordinator', {
    name: `Program Inovasi ${year}`,
    year,
    stageWindows: {
      'drum-up': { start: `${year}-01-03`, due: `${year}-02-25` },
      diagnose: { start: `${year}-03-01`, due: `${year}-04-28` },
      design: { start: `${year}-05-01`, due: `${year}-06-30` },
      deliver: { start: `${year}-07-03`, due: `${year}-10-27` },
      display: { start: `${year}-11-01`, due: `${year}-12-15` },
    },
    targetPerOpd: 1,
    monevIntervalDays: 90,
  });
  expect(cycle.status).toBe(201);
  const cycleId = cycle.body.id as string;
  expect((await call('POST', `/cycles/${cycleId}/open`, 'koordinator')).status).toBe(200);
  const probe = await call('POST', '/innovations', 'opd.dinkes', { name: `Posyandu Digital ${year}`, opdId: 'dinkes' });
  const registered = await eventually(
    () => call('POST', `/innovations/${probe.body.id}/register`, 'opd.dinkes', { cycleId }),
    (response) => response.status === 200,
  );
  expect(registered.status).toBe(200);
  const probeId = probe.body.id as string;
  // Consumed before the test turns a fault on.
  const track = await eventually(
    () => call('GET', `/innovations/${probeId}/track`, 'opd.dinkes'),
    (response) => response.status === 200,
  );
  expect(track.status).toBe(200);
  await platform.bus.whenIdle();
  return { cycleId, probeId };
}

async function draft(name: string): Promise<string> {
  const created = await call('POST', '/innovations', 'opd.disdukcapil', { name, opdId: 'disdukcapil' });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function register(id: string, cycleId: string): Promise<void> {
  expect((await call('POST', `/innovations/${id}/register`, 'opd.disdukcapil', { cycleId })).status).toBe(200);
}

async function trackOpened(id: string, cycleId: string): Promise<void> {
  const track = await eventually(
    () => call('GET', `/innovations/${id}/track`, 'opd.disdukcapil'),
    (response) => response.status === 200,
  );
  expect(track.body).toMatchObject({ innovationId: id, stage: 'drum-up', status: 'active', cycleId });
}

/** The board counts each registration once: nothing was applied twice. */
async function expectBoard(cycleId: string, ids: readonly string[]): Promise<void> {
  const board = await call('GET', `/cycles/${cycleId}/board?stage=drum-up`, 'koordinator');
  expect((board.body.funnel as { stages: Json }).stages['drum-up']).toBe(ids.length);
  expect((board.body.innovations as { items: Json[] }).items.map((item) => item.innovationId).sort()).toEqual(
    [...ids].sort(),
  );
}

describe('a consumer failing for longer than three attempts', () => {
  it('keeps the burst in its queue, retrying, and opens every track once it recovers', {
    timeout: 180_000,
  }, async () => {
    const { cycleId, probeId } = await openCycle(2029);
    const names = [
      'Jemput Bola Adminduk',
      'Akta Lahir Online',
      'KTP-el Keliling',
      'Kartu Identitas Anak',
      'Dukcapil Desa',
    ];
    const ids: string[] = [];
    for (const name of names) ids.push(await draft(name));
    // The consumer fails on every registration from now on (the drafts before are not the point: they may have been
    // applied already, and a draft retried for as long as the registrations would only add to the wait).
    await platform.faults.set('consumer-fails', {
      functions: [TRACK_EVENTS],
      pattern: { 'detail-type': ['InnovationRegistered'] },
    });
    await Promise.all(ids.map((id) => register(id, cycleId)));

    // Every registration is tried more than the three times Lambda's async retries allowed, and none is set aside.
    const registrations = async () =>
      (await queued(QUEUE)).filter((message) => message.body['detail-type'] === 'InnovationRegistered');
    // Each one, by its innovation (a busy machine may have the sweeper republish one: two copies, both retrying).
    const retriedEnough = (messages: Awaited<ReturnType<typeof registrations>>) =>
      ids.every((id) =>
        messages.some((message) => message.body.detail.data.innovationId === id && message.receiveCount > 3),
      );
    const failing = await eventually(registrations, retriedEnough);
    expect([...new Set(failing.map((message) => message.body.detail.data.innovationId))].sort()).toEqual(
      [...ids].sort(),
    );
    expect(retriedEnough(failing)).toBe(true);
    expect((await call('GET', `/innovations/${ids[0]}/track`, 'opd.disdukcapil')).status).toBe(404);
    expect((await queue(DLQ)).visible).toBe(0);

    await platform.faults.clear('consumer-fails');
    for (const id of ids) await trackOpened(id, cycleId);
    await platform.bus.whenIdle();
    expect(await queue(QUEUE)).toMatchObject({ visible: 0, notVisible: 0 });
    expect(await queue(DLQ)).toMatchObject({ visible: 0, notVisible: 0 });
    await expectBoard(cycleId, [probeId, ...ids]);
  });
});

describe('a poison event', () => {
  it('is set aside in the DLQ without blocking the others, and applied once redriven after the fix', {
    timeout: 240_000,
  }, async () => {
    const { cycleId, probeId } = await openCycle(2030);
    const poisonId = await draft('Inovasi Beracun');
    const others = [await draft('Antrian Daring'), await draft('Layanan Malam')];
    // Only the poison's registration fails (as if its data broke the consumer); the consumer itself is fine.
    await platform.faults.set('consumer-fails', {
      functions: [TRACK_EVENTS],
      pattern: { 'detail-type': ['InnovationRegistered'], detail: { data: { innovationId: [poisonId] } } },
    });
    for (const id of [poisonId, ...others]) await register(id, cycleId);

    for (const id of others) await trackOpened(id, cycleId);
    // Set aside after its 20 receives (a minute here), and the machine may be busy. Of this test's innovations, only
    // the poison's registration is there (a test of this file that failed may have left events of its own).
    const ours = new Set([probeId, poisonId, ...others]);
    const setAside = await eventually(
      async () => (await queuedEvents(DLQ)).filter((event) => ours.has(event.detail.data.innovationId as string)),
      (events) => events.length > 0,
      150_000,
    );
    expect(setAside.map((event) => [event['detail-type'], event.detail.data.innovationId])).toEqual([
      ['InnovationRegistered', poisonId],
    ]);
    expect((await call('GET', `/innovations/${poisonId}/track`, 'opd.disdukcapil')).status).toBe(404);
    await platform.bus.whenIdle();
    expect(await queue(QUEUE)).toMatchObject({ visible: 0, notVisible: 0 });

    // The fix is deployed (the fault is off); one command returns what was set aside.
    await platform.faults.clear('consumer-fails');
    const setAsideInAll = (await queuedEvents(DLQ)).length;
    const redrive = await fetch(`${platform.url}/local/queues/${DLQ}/redrive`, { method: 'POST' });
    expect(await redrive.json()).toEqual({ name: DLQ, moved: setAsideInAll });
    await trackOpened(poisonId, cycleId);
    await platform.bus.whenIdle();
    expect(await queue(DLQ)).toMatchObject({ visible: 0, notVisible: 0 });
    await expectBoard(cycleId, [probeId, poisonId, ...others]);
  });
});
