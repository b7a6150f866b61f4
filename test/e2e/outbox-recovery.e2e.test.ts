import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { EventBridgeEvent, LocalPlatform } from '@inovda/local';
import { OUTBOX_PENDING_INDEX } from '@inovda/manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient } from '../../packages/local/src/dynamodb/clients';
import { apiCaller, type Json, retryUntil, startE2ePlatform } from './e2e-platform';

/**
 * The outbox loses nothing: while PutEvents fails, innovations are created and registered; nothing reaches the
 * consumers, and the stream mapping gives up on the outbox records (dead-lettered, as in AWS after its retries).
 * Once the bus is back, the outbox sweeper republishes every pending row with no one doing anything else: the
 * workflow opens every track, once. Faults through `platform.faults`, the local fault switchboard.
 */

let platform: LocalPlatform;
const submissionsEvents: EventBridgeEvent[] = [];

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-outbox', {
    // Quick stream retries, so the mapping gives up within seconds; every pending row is the sweeper's at once.
    retryBaseDelayMs: 5,
    streamPollIntervalMs: 50,
    outboxSweepGraceSeconds: 0,
  });
  platform.bus.subscribe('e2e-outbox-observer', { source: ['inovda.submissions'] }, (event) => {
    submissionsEvents.push(event);
  });
});

afterAll(async () => {
  await platform?.faults.clear();
  await platform?.stop();
});

const call = apiCaller(() => platform);

/** Retries until `done` holds, bounded generously (see e2e-platform.ts). */
function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  return retryUntil(attempt, done, { timeoutMs, intervalMs: 200 });
}

/** Outbox rows of submissions still in the pending index (what an operator would query). */
async function pendingRows(): Promise<number> {
  const client = localDynamoClient(platform.dynamoEndpoint, 'ap-southeast-3');
  try {
    const result = await client.send(
      new QueryCommand({
        TableName: platform.tableNames.submissions,
        IndexName: OUTBOX_PENDING_INDEX.name,
        KeyConditionExpression: '#pending = :pending',
        ExpressionAttributeNames: { '#pending': OUTBOX_PENDING_INDEX.partitionKey },
        ExpressionAttributeValues: { ':pending': { S: OUTBOX_PENDING_INDEX.pendingValue } },
      }),
    );
    return result.Count ?? 0;
  } finally {
    client.destroy();
  }
}

const innovationIdOf = (event: EventBridgeEvent) => (event.detail.data as { innovationId?: string }).innovationId;
const eventIdOf = (event: EventBridgeEvent) => (event.detail.metadata as { eventId: string }).eventId;

describe('the outbox while EventBridge fails', () => {
  it('republishes, once the bus is back, every event the stream gave up on', { timeout: 300_000 }, async () => {
    const cycle = await call('POST', '/cycles', 'koordinator', {
      name: 'Program Inovasi 2028',
      year: 2028,
      stageWindows: {
        'drum-up': { start: '2028-01-03', due: '2028-02-25' },
        diagnose: { start: '2028-03-01', due: '2028-04-28' },
        design: { start: '2028-05-01', due: '2028-06-30' },
        deliver: { start: '2028-07-03', due: '2028-10-27' },
        display: { start: '2028-11-01', due: '2028-12-15' },
      },
      targetPerOpd: 1,
      monevIntervalDays: 90,
    });
    expect(cycle.status).toBe(201);
    const cycleId = cycle.body.id as string;
    expect((await call('POST', `/cycles/${cycleId}/open`, 'koordinator')).status).toBe(200);
    // Healthy first: submissions learns of the open cycle (registration waits for that) before the bus fails.
    const probe = await call('POST', '/innovations', 'opd.dinkes', { name: 'Posyandu Digital', opdId: 'dinkes' });
    const probeRegistered = await eventually(
      () => call('POST', `/innovations/${probe.body.id}/register`, 'opd.dinkes', { cycleId }),
      (response) => response.status === 200,
    );
    expect(probeRegistered.status).toBe(200);

    // The bus fails every entry; the submissions poller is held so the records go in one batch when it restarts.
    await platform.faults.set('stream-poller-stopped', { services: ['submissions'] });
    await platform.faults.set('put-events', { mode: 'fail-entries', errorCode: 'ThrottlingException' });
    const ids: string[] = [];
    for (const name of ['Jemput Bola Adminduk', 'Akta Lahir Online', 'KTP-el Keliling']) {
      const created = await call('POST', '/innovations', 'opd.disdukcapil', { name, opdId: 'disdukcapil' });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await call('POST', `/innovations/${id}/register`, 'opd.disdukcapil', { cycleId })).status).toBe(200);
      ids.push(id);
    }
    const streamDeadLetters = () =>
      platform.bus
        .deadLetters()
        .filter((letter) => letter.source === 'table-stream' && letter.name === 'submissions stream');
    const before = streamDeadLetters().length;
    await platform.faults.clear('stream-poller-stopped');

    // The mapping retries the batch, then gives up on it: from here on only the outbox rows hold these events.
    const gaveUp = await eventually(
      async () => streamDeadLetters().length,
      (count) => count > before,
    );
    expect(gaveUp).toBeGreaterThan(before);
    const ours = (event: EventBridgeEvent) => ids.includes(innovationIdOf(event) ?? '');
    expect(submissionsEvents.filter(ours)).toEqual([]);
    expect((await call('GET', `/innovations/${ids[0]}/track`, 'opd.disdukcapil')).status).toBe(404);
    expect(await pendingRows()).toBeGreaterThanOrEqual(ids.length * 2);

    // The bus is back. Nothing else is done but what the platform does on its own: the sweeper's schedule
    // (fired now rather than waiting for its minute).
    await platform.faults.clear('put-events');
    await platform.runSchedule('submissions-outbox-sweep');

    for (const id of ids) {
      const track = await eventually(
        () => call('GET', `/innovations/${id}/track`, 'opd.disdukcapil'),
        (response) => response.status === 200,
      );
      expect(track.body).toMatchObject({ innovationId: id, stage: 'drum-up', status: 'active', cycleId });
    }
    await platform.bus.whenIdle();
    // Every event of every innovation reached the bus (drafted and registered)…
    const delivered = submissionsEvents.filter(ours);
    for (const id of ids) {
      const types = new Set(delivered.filter((event) => innovationIdOf(event) === id).map((e) => e['detail-type']));
      expect(types).toEqual(new Set(['InnovationDrafted', 'InnovationRegistered']));
    }
    // …and was applied once: the board counts each registration once, the probe's included.
    const board = await call('GET', `/cycles/${cycleId}/board?stage=drum-up`, 'koordinator');
    expect((board.body.funnel as { stages: Json }).stages['drum-up']).toBe(ids.length + 1);
    expect(
      (board.body.innovations as { items: Json[] }).items.map((item) => item.innovationId as string).sort(),
    ).toEqual([...ids, probe.body.id as string].sort());

    // Nothing is left pending, so a further sweep publishes nothing again.
    expect(await eventually(pendingRows, (count) => count === 0)).toBe(0);
    const publishedEventIds = new Set(delivered.map(eventIdOf));
    const deliveredCount = submissionsEvents.length;
    await platform.runSchedule('submissions-outbox-sweep');
    await platform.bus.whenIdle();
    expect(submissionsEvents.length).toBe(deliveredCount);
    expect(publishedEventIds.size).toBe(ids.length * 2);
  });
});
