import {
  CancelReplayCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  IllegalStatusException,
  ListArchivesCommand,
  ListReplaysCommand,
  PutEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../../packages/local/src/eventbridge/bus';
import type { EventArchive } from '../../packages/local/src/eventbridge/event-archive';
import type { EventBridgeEvent } from '../../packages/local/src/eventbridge/put-events';
import { type PutEventsApi, startPutEventsApi } from '../../packages/local/src/eventbridge/put-events-api';
import type { Replays } from '../../packages/local/src/eventbridge/replays';
import { FaultSwitchboard } from '../../packages/local/src/faults/switchboard';
import { silentLogger } from '../../packages/local/src/log';
import { ARCHIVED_BUS, AWS_REGION, archivedBus } from './helpers/archived-bus';
import { waitFor } from './helpers/wait';

// The SDK models no ValidationException for these operations: it surfaces AWS's common error by name.
const INVALID = { name: 'ValidationException', $metadata: { httpStatusCode: 400 } };

describe('archives and replays on the local EventBridge endpoint, called with the real SDK client', () => {
  let bus: EventBus;
  let archive: EventArchive;
  let replays: Replays;
  let api: PutEventsApi;
  let client: EventBridgeClient;
  let faults: FaultSwitchboard;

  beforeEach(async () => {
    ({ bus, archive, replays } = archivedBus());
    faults = new FaultSwitchboard();
    api = await startPutEventsApi(bus, silentLogger, 0, faults, replays);
    client = new EventBridgeClient({
      endpoint: api.endpoint,
      region: AWS_REGION,
      credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await api.stop();
    await replays.stop();
    await bus.stop();
  });

  const entry = (n: number, time: string) => ({
    EventBusName: ARCHIVED_BUS,
    Source: 'inovda.scoring',
    DetailType: 'EvaluationSubmitted',
    Detail: JSON.stringify({ n }),
    Time: new Date(time),
  });

  const startReplay = (name: string, overrides: Partial<ConstructorParameters<typeof StartReplayCommand>[0]> = {}) =>
    client.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: archive.arn,
        EventStartTime: new Date('2024-05-01T00:00:00Z'),
        EventEndTime: new Date('2024-05-02T00:00:00Z'),
        Destination: { Arn: bus.arn },
        ...overrides,
      }),
    );

  it('describes and lists the archive, counting what PutEvents accepted and nothing a fault failed', async () => {
    await client.send(new PutEventsCommand({ Entries: [entry(1, '2024-05-01T10:00:00Z')] }));
    await faults.set('put-events', { mode: 'fail-entries', everyNth: 2 });
    const partial = await client.send(
      new PutEventsCommand({ Entries: [entry(2, '2024-05-01T11:00:00Z'), entry(3, '2024-05-01T12:00:00Z')] }),
    );
    expect(partial.FailedEntryCount).toBe(1);
    await bus.whenIdle();

    const described = await client.send(new DescribeArchiveCommand({ ArchiveName: archive.name }));
    expect(described).toMatchObject({
      ArchiveName: 'inovda-kota-uji-archive',
      ArchiveArn: `arn:aws:events:${AWS_REGION}:000000000000:archive/inovda-kota-uji-archive`,
      EventSourceArn: bus.arn,
      EventPattern: '{"account":["000000000000"]}',
      State: 'ENABLED',
      RetentionDays: 365,
      EventCount: 2,
    });
    expect(described.CreationTime).toBeInstanceOf(Date);
    expect(described.SizeBytes).toBeGreaterThan(0);
    expect(archive.events().map((event) => event.detail)).toEqual([{ n: 1 }, { n: 3 }]);

    const listed = await client.send(new ListArchivesCommand({ NamePrefix: 'inovda-' }));
    expect(listed.Archives).toEqual([expect.objectContaining({ ArchiveName: archive.name, EventCount: 2 })]);
    expect((await client.send(new ListArchivesCommand({ NamePrefix: 'other-' }))).Archives).toEqual([]);
    await expect(client.send(new DescribeArchiveCommand({ ArchiveName: 'no-such-archive' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('starts a replay, reports it until COMPLETED, and delivers its window with replay-name', async () => {
    const delivered: EventBridgeEvent[] = [];
    bus.subscribe('scores', { source: ['inovda.scoring'] }, (event) => {
      delivered.push(event);
    });
    await client.send(
      new PutEventsCommand({
        Entries: [entry(1, '2024-05-01T10:00:00Z'), entry(2, '2024-05-01T11:00:00Z'), entry(3, '2024-05-02T00:00:00Z')],
      }),
    );
    await bus.whenIdle();
    delivered.length = 0;

    const started = await startReplay('rebuild-scores', { Description: 'rebuild the read model' });
    expect(started).toMatchObject({
      ReplayArn: `arn:aws:events:${AWS_REGION}:000000000000:replay/rebuild-scores`,
      State: 'STARTING',
    });
    expect(started.ReplayStartTime).toBeInstanceOf(Date);

    const completed = await waitFor(async () => {
      const replay = await client.send(new DescribeReplayCommand({ ReplayName: 'rebuild-scores' }));
      return replay.State === 'COMPLETED' ? replay : undefined;
    });
    expect(completed).toMatchObject({
      ReplayName: 'rebuild-scores',
      Description: 'rebuild the read model',
      EventSourceArn: archive.arn,
      Destination: { Arn: bus.arn },
      EventStartTime: new Date('2024-05-01T00:00:00Z'),
      EventEndTime: new Date('2024-05-02T00:00:00Z'),
      EventLastReplayedTime: new Date('2024-05-01T11:00:00Z'),
    });
    expect(completed.ReplayEndTime).toBeInstanceOf(Date);
    await bus.whenIdle();
    expect(delivered.map((event) => [event.detail, event['replay-name']])).toEqual([
      [{ n: 1 }, 'rebuild-scores'],
      [{ n: 2 }, 'rebuild-scores'],
    ]);
    expect((await client.send(new DescribeArchiveCommand({ ArchiveName: archive.name }))).EventCount).toBe(3);

    const listed = await client.send(new ListReplaysCommand({ State: 'COMPLETED' }));
    expect(listed.Replays).toEqual([expect.objectContaining({ ReplayName: 'rebuild-scores', State: 'COMPLETED' })]);
  });

  it('refuses as EventBridge does, with its exception classes', async () => {
    await startReplay('once');
    await expect(startReplay('once')).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    await expect(startReplay('elsewhere', { EventSourceArn: `${archive.arn}-gone` })).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(startReplay('backwards', { EventStartTime: new Date('2024-05-03T00:00:00Z') })).rejects.toMatchObject(
      INVALID,
    );
    await expect(startReplay('other-bus', { Destination: { Arn: `${bus.arn}-other` } })).rejects.toMatchObject(INVALID);
    await expect(
      startReplay('unknown-rule', { Destination: { Arn: bus.arn, FilterArns: [`${bus.arn}/no-rule`] } }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(startReplay('bad name')).rejects.toMatchObject(INVALID);
    await expect(client.send(new DescribeReplayCommand({ ReplayName: 'never' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );

    await waitFor(async () =>
      (await client.send(new DescribeReplayCommand({ ReplayName: 'once' }))).State === 'COMPLETED' ? true : undefined,
    );
    await expect(client.send(new CancelReplayCommand({ ReplayName: 'once' }))).rejects.toBeInstanceOf(
      IllegalStatusException,
    );
  });

  it('cancels a replay that is still starting', async () => {
    await client.send(new PutEventsCommand({ Entries: [entry(1, '2024-05-01T10:00:00Z')] }));
    // Started in-process so the cancel lands before the replay's first tick, whatever the HTTP timing.
    replays.start({
      ReplayName: 'stopped',
      EventSourceArn: archive.arn,
      EventStartTime: new Date('2024-05-01T00:00:00Z'),
      EventEndTime: new Date('2024-05-02T00:00:00Z'),
      Destination: { Arn: bus.arn },
    });
    const cancelling = replays.cancel('stopped');
    expect(cancelling.State).toBe('CANCELLING');
    await replays.whenEnded('stopped');
    const described = await client.send(new DescribeReplayCommand({ ReplayName: 'stopped' }));
    expect(described.State).toBe('CANCELLED');
    expect(described.EventLastReplayedTime).toBeUndefined();
  });
});
