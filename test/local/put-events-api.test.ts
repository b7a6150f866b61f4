import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import {
  EventBridgeClient,
  InvalidEventPatternException,
  ListRulesCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../packages/local/src/eventbridge/bus';
import type { EventBridgeEvent } from '../../packages/local/src/eventbridge/put-events';
import { type PutEventsApi, startPutEventsApi } from '../../packages/local/src/eventbridge/put-events-api';
import { FaultSwitchboard } from '../../packages/local/src/faults/switchboard';
import { silentLogger } from '../../packages/local/src/log';
import { DeadLetterStore } from '../../packages/local/src/sqs/dead-letters';

const BUS = 'inovda-kota-uji';

describe('the local EventBridge endpoint, called with the real SDK client', () => {
  let bus: EventBus;
  let api: PutEventsApi;
  let client: EventBridgeClient;
  let faults: FaultSwitchboard;

  beforeEach(async () => {
    faults = new FaultSwitchboard();
    bus = new EventBus({
      name: BUS,
      awsRegion: 'ap-southeast-3',
      deadLetters: new DeadLetterStore(),
      log: silentLogger,
    });
    api = await startPutEventsApi(bus, silentLogger, 0, faults);
    client = new EventBridgeClient({
      endpoint: api.endpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await api.stop();
    await bus.stop();
  });

  const entry = (detail: unknown = { innovationId: '01ABC' }) => ({
    EventBusName: BUS,
    Source: 'inovda.submissions',
    DetailType: 'InnovationRegistered',
    Detail: JSON.stringify(detail),
  });

  it('accepts entries and delivers matching events asynchronously, shaped as EventBridge delivers them', async () => {
    const received: EventBridgeEvent[] = [];
    bus.subscribe(
      'registered',
      { source: ['inovda.submissions'], detail: { innovationId: [{ prefix: '01' }] } },
      (event) => {
        received.push(event);
      },
    );
    const output = await client.send(
      new PutEventsCommand({
        Entries: [entry(), { ...entry({ innovationId: 'ZZ' }) }, { ...entry(), Resources: ['arn:r'] }],
      }),
    );
    expect(output.FailedEntryCount).toBe(0);
    expect(output.Entries?.map((result) => typeof result.EventId)).toEqual(['string', 'string', 'string']);
    await bus.whenIdle();
    expect(received).toHaveLength(2);
    for (const event of received) expect(EventBridgeSchema.parse(event)).toBeTruthy();
    expect(received[0]).toMatchObject({
      version: '0',
      id: output.Entries?.[0]?.EventId,
      'detail-type': 'InnovationRegistered',
      source: 'inovda.submissions',
      account: '000000000000',
      region: 'ap-southeast-3',
      resources: [],
      detail: { innovationId: '01ABC' },
    });
    expect(received[1]?.resources).toEqual(['arn:r']);
  });

  it('fails bad entries one by one, with FailedEntryCount, and accepts the rest', async () => {
    const output = await client.send(
      new PutEventsCommand({
        Entries: [
          entry(),
          { ...entry(), Detail: 'not json at all' },
          { ...entry(), Detail: '[1, 2, 3]' },
          { ...entry(), Source: undefined },
          { ...entry(), DetailType: undefined },
          { ...entry(), Detail: undefined },
          { ...entry(), EventBusName: 'no-such-bus' },
        ],
      }),
    );
    expect(output.FailedEntryCount).toBe(6);
    const results = output.Entries ?? [];
    expect(results[0]?.EventId).toEqual(expect.any(String));
    expect(results[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(results[2]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(results[3]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(results[4]?.ErrorCode).toBe('InvalidArgument');
    expect(results[5]?.ErrorMessage).toBe('Parameter Detail is not valid. Reason: Detail is a required argument.');
    expect(results[6]?.ErrorCode).toBe('ResourceNotFoundException');
    for (const result of results.slice(1)) expect(result.EventId).toBeUndefined();
  });

  it('fails the whole call with ValidationException over 10 entries or 256 KB', async () => {
    await expect(
      client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    const large = entry({ text: 'x'.repeat(130 * 1024) });
    await expect(client.send(new PutEventsCommand({ Entries: [large, large] }))).rejects.toThrow(
      'Total size of the entries in the request is over the limit.',
    );
  });

  it('accepts events for the default bus and delivers them nowhere, like an account default bus without rules', async () => {
    let delivered = 0;
    bus.subscribe('all', { source: ['inovda.submissions'] }, () => {
      delivered++;
    });
    const output = await client.send(new PutEventsCommand({ Entries: [{ ...entry(), EventBusName: undefined }] }));
    expect(output.FailedEntryCount).toBe(0);
    await bus.whenIdle();
    expect(delivered).toBe(0);
  });

  it('answers TestEventPattern with the same matcher, and refuses an invalid pattern', async () => {
    const event = JSON.stringify({
      id: '1',
      account: '000000000000',
      source: 'inovda.submissions',
      time: '2024-05-01T10:00:00Z',
      region: 'ap-southeast-3',
      'detail-type': 'InnovationRegistered',
      resources: [],
      detail: { opdId: 'dinkes' },
    });
    const yes = await client.send(
      new TestEventPatternCommand({ Event: event, EventPattern: JSON.stringify({ detail: { opdId: ['dinkes'] } }) }),
    );
    const no = await client.send(
      new TestEventPatternCommand({ Event: event, EventPattern: JSON.stringify({ detail: { opdId: ['distan'] } }) }),
    );
    expect([yes.Result, no.Result]).toEqual([true, false]);
    await expect(
      client.send(
        new TestEventPatternCommand({ Event: event, EventPattern: JSON.stringify({ source: 'not-an-array' }) }),
      ),
    ).rejects.toBeInstanceOf(InvalidEventPatternException);
  });

  it('lists its rules', async () => {
    bus.subscribe('listed', { source: ['inovda.workflow'] }, () => {});
    const output = await client.send(new ListRulesCommand({ EventBusName: BUS }));
    expect(output.Rules).toEqual([
      expect.objectContaining({
        Name: 'local-subscription-listed',
        EventBusName: BUS,
        State: 'ENABLED',
        EventPattern: JSON.stringify({ source: ['inovda.workflow'] }),
      }),
    ]);
  });

  it('fails calls or entries as AWS does while the put-events fault is on, and not after', async () => {
    const delivered: EventBridgeEvent[] = [];
    bus.subscribe('faults', { source: ['inovda.submissions'] }, (event) => {
      delivered.push(event);
    });
    await faults.set('put-events', { mode: 'throttle-calls' });
    await expect(client.send(new PutEventsCommand({ Entries: [entry()] }))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });

    await faults.set('put-events', { mode: 'fail-entries', everyNth: 2, errorCode: 'InternalFailure' });
    const partial = await client.send(
      new PutEventsCommand({ Entries: [entry({ n: 0 }), entry({ n: 1 }), entry({ n: 2 })] }),
    );
    expect(partial.FailedEntryCount).toBe(2);
    expect(partial.Entries?.map((result) => result.ErrorCode ?? 'ok')).toEqual([
      'InternalFailure',
      'ok',
      'InternalFailure',
    ]);
    expect(partial.Entries?.[1]?.EventId).toBeTruthy();
    await bus.whenIdle();
    expect(delivered.map((event) => event.detail)).toEqual([{ n: 1 }]);

    await faults.clear('put-events');
    const healthy = await client.send(new PutEventsCommand({ Entries: [entry({ n: 3 })] }));
    expect(healthy.FailedEntryCount).toBe(0);
    await bus.whenIdle();
    expect(delivered.map((event) => event.detail)).toEqual([{ n: 1 }, { n: 3 }]);
  });
});
