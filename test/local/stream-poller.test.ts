import { DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas/dynamodb';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { type DynamoLocal, ensureTable, type InvokeResult, silentLogger } from '@inovda/local';
import { OUTBOX_STREAM_FILTER } from '@inovda/manifest';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient, localStreamsClient } from '../../packages/local/src/dynamodb/clients';
import { CheckpointStore } from '../../packages/local/src/dynamodb/streams/checkpoints';
import { StreamPoller, type StreamPollerOptions } from '../../packages/local/src/dynamodb/streams/poller';
import { DeadLetterStore } from '../../packages/local/src/sqs/dead-letters';
import { fixtureManifest } from './fixtures/manifest';
import { uniquePrefix, useDynamoLocal } from './helpers/dynamo';

type Handler = (event: DynamoDBStreamEvent) => DynamoDBBatchResponse | undefined;

/** The outbox ids of the records in an event. */
function idsOf(event: DynamoDBStreamEvent): string[] {
  return event.Records.map((record) => record.dynamodb?.Keys?.pk?.S?.replace('OUTBOX#', '') ?? '?');
}

describe('the stream poller (local event source mapping)', () => {
  let dynamoLocal: DynamoLocal;
  let dynamo: DynamoDBClient;
  let streams: DynamoDBStreamsClient;

  beforeAll(async () => {
    dynamoLocal = await useDynamoLocal();
    dynamo = localDynamoClient(dynamoLocal.endpoint, 'ap-southeast-3');
    streams = localStreamsClient(dynamoLocal.endpoint, 'ap-southeast-3');
  }, 120_000);

  afterAll(async () => {
    dynamo?.destroy();
    streams?.destroy();
    await dynamoLocal?.stop();
  });

  async function freshTable(): Promise<string> {
    const tableName = `${uniquePrefix()}things`;
    await ensureTable(dynamo, tableName, fixtureManifest.table, silentLogger);
    return tableName;
  }

  async function put(tableName: string, pk: string): Promise<void> {
    await dynamo.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: 'EVENT' } } }));
  }

  /** A poller whose "function" is `handler`, recording each event; polled by hand (no background loop). */
  function poller(tableName: string, handler: Handler, overrides: Partial<StreamPollerOptions> = {}) {
    const events: DynamoDBStreamEvent[] = [];
    const deadLetters = overrides.deadLetters ?? new DeadLetterStore();
    const instance = new StreamPoller({
      name: 'fixture stream',
      tableName,
      dynamo,
      streams,
      invoke: async (event): Promise<InvokeResult> => {
        events.push(event);
        try {
          return { ok: true, payload: handler(event) ?? null, requestId: 'r' };
        } catch (error) {
          return { ok: false, error: { errorType: 'Error', errorMessage: String(error) }, requestId: 'r' };
        }
      },
      targetArn: 'arn:aws:lambda:ap-southeast-3:000000000000:function:publisher',
      filter: OUTBOX_STREAM_FILTER,
      batchSize: 50,
      maximumRetryAttempts: 2,
      bisectBatchOnError: true,
      awsRegion: 'ap-southeast-3',
      checkpoints: new CheckpointStore(),
      deadLetters,
      log: silentLogger,
      backoff: { baseDelayMs: 1, maxDelayMs: 5 },
      ...overrides,
    });
    return { poller: instance, events, deadLetters };
  }

  it('delivers new outbox rows only, as a DynamoDBStreamEvent that Powertools parses', async () => {
    const table = await freshTable();
    await put(table, 'OUTBOX#a');
    await put(table, 'THING#not-an-outbox-row');
    await put(table, 'OUTBOX#b');
    const { poller: subject, events } = poller(table, () => undefined);
    await subject.pollOnce();
    expect(events.flatMap(idsOf)).toEqual(['a', 'b']);
    const parsed = DynamoDBStreamSchema.parse(events[0]);
    expect(parsed.Records[0]?.dynamodb.Keys).toEqual({ pk: 'OUTBOX#a', sk: 'EVENT' });
    expect(events[0]?.Records[0]).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ap-southeast-3',
      eventSourceARN: expect.stringMatching(
        new RegExp(`^arn:aws:dynamodb:ap-southeast-3:000000000000:table/${table}/stream/`),
      ),
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'OUTBOX#a' }, sk: { S: 'EVENT' } },
        NewImage: { pk: { S: 'OUTBOX#a' }, sk: { S: 'EVENT' } },
        SequenceNumber: expect.any(String),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    // Modifications of outbox rows are filtered out too (eventName INSERT only).
    await put(table, 'OUTBOX#a');
    await subject.pollOnce();
    expect(events.flatMap(idsOf)).toEqual(['a', 'b']);
  });

  it('resumes from the first record reported in batchItemFailures', async () => {
    const table = await freshTable();
    for (const id of ['1', '2', '3', '4']) await put(table, `OUTBOX#${id}`);
    let failedOnce = false;
    const { poller: subject, events } = poller(table, (event) => {
      const third = event.Records.find((record) => record.dynamodb?.Keys?.pk?.S === 'OUTBOX#3');
      if (third && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: third.dynamodb?.SequenceNumber ?? '' }] };
      }
      return { batchItemFailures: [] };
    });
    await subject.pollOnce();
    expect(events.map(idsOf)).toEqual([
      ['1', '2', '3', '4'],
      ['3', '4'],
    ]);
  });

  it('bisects a failing batch, dead-letters the record that keeps failing, and moves on', async () => {
    const table = await freshTable();
    for (const id of ['1', '2', 'poison', '4']) await put(table, `OUTBOX#${id}`);
    const delivered: string[] = [];
    const {
      poller: subject,
      events,
      deadLetters,
    } = poller(table, (event) => {
      if (idsOf(event).includes('poison')) throw new Error('cannot publish poison');
      delivered.push(...idsOf(event));
      return undefined;
    });
    await subject.pollOnce();
    expect(delivered.sort()).toEqual(['1', '2', '4']);
    // The poison record alone: first attempt plus maximumRetryAttempts (2) retries.
    expect(events.filter((event) => idsOf(event).join() === 'poison')).toHaveLength(3);
    expect(deadLetters.list()).toEqual([
      expect.objectContaining({
        source: 'table-stream',
        name: 'fixture stream',
        reason: 'RetryAttemptsExhausted',
        attempts: 3,
        errorMessage: expect.stringContaining('cannot publish poison'),
        payload: expect.objectContaining({ DDBStreamBatchInfo: expect.objectContaining({ batchSize: 1 }) }),
      }),
    ]);
    // Past the dead letter: nothing is redelivered.
    const before = events.length;
    await subject.pollOnce();
    expect(events.length).toBe(before);
  });

  it('keeps its position across restarts: no replay, no loss', async () => {
    const table = await freshTable();
    const checkpoints = new CheckpointStore();
    await put(table, 'OUTBOX#before-restart');
    const first = poller(table, () => undefined, { checkpoints });
    await first.poller.pollOnce();
    await first.poller.stop();
    await put(table, 'OUTBOX#while-down');
    const second = poller(table, () => undefined, { checkpoints });
    await second.poller.pollOnce();
    expect(first.events.flatMap(idsOf)).toEqual(['before-restart']);
    expect(second.events.flatMap(idsOf)).toEqual(['while-down']);
  });
});
