import { type EventBridgeClient, PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { chunkEntries, entrySize, outboxEntries, publishOutbox } from './outbox-publisher';

function outboxRecord(sequence: number, detail: object = { n: sequence }): DynamoDBRecord {
  const row = {
    pk: `OUTBOX#${sequence}`,
    sk: 'OUTBOX',
    source: 'inovda.submissions',
    detailType: 'InnovationDrafted',
    detail: JSON.stringify(detail),
  };
  return {
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(sequence).padStart(6, '0'),
      Keys: marshall({ pk: row.pk, sk: row.sk }) as never,
      NewImage: marshall(row) as never,
    },
  };
}

/** A fake EventBridge client: answers PutEvents with the failures a test scripts, and records every call. */
function fakeEventBridge(failures: Array<(index: number) => string | undefined> = []) {
  const calls: string[][] = [];
  const client = {
    send: async (command: PutEventsCommand): Promise<PutEventsCommandOutput> => {
      const entries = command.input.Entries ?? [];
      calls.push(entries.map((entry) => entry.Detail ?? ''));
      const fail = failures.shift() ?? (() => undefined);
      const results = entries.map((_, index) =>
        fail(index) ? { ErrorCode: fail(index), ErrorMessage: 'x' } : { EventId: `e${index}` },
      );
      return {
        FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
        Entries: results,
        $metadata: {},
      };
    },
  };
  return { client: client as unknown as EventBridgeClient, calls };
}

const noSleep = async () => undefined;
const event = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('outbox publisher', () => {
  it('publishes only inserted outbox rows, in order, to the configured bus', () => {
    const modify = { ...outboxRecord(2), eventName: 'MODIFY' as const };
    const other: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '3', NewImage: marshall({ pk: 'INNOVATION#1', sk: 'PROFILE' }) as never },
    };
    const entries = outboxEntries([outboxRecord(1), modify, other, outboxRecord(4)], 'inovda-kota-solok');
    expect(entries.map((e) => e.sequenceNumber)).toEqual(['000001', '000004']);
    expect(entries[0]?.entry).toEqual({
      EventBusName: 'inovda-kota-solok',
      Source: 'inovda.submissions',
      DetailType: 'InnovationDrafted',
      Detail: '{"n":1}',
    });
  });

  it('splits calls at 10 entries and at 256 KB', () => {
    const many = outboxEntries(
      Array.from({ length: 23 }, (_, i) => outboxRecord(i + 1)),
      'bus',
    );
    expect(chunkEntries(many).map((chunk) => chunk.length)).toEqual([10, 10, 3]);
    const big = outboxEntries(
      Array.from({ length: 3 }, (_, i) => outboxRecord(i + 1, { text: 'x'.repeat(100_000) })),
      'bus',
    );
    const chunks = chunkEntries(big);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2, 1]);
    for (const chunk of chunks) {
      expect(chunk.reduce((sum, item) => sum + entrySize(item.entry), 0)).toBeLessThanOrEqual(256 * 1024);
    }
  });

  it('retries only the entries EventBridge failed', async () => {
    const { client, calls } = fakeEventBridge([(index) => (index === 1 ? 'ThrottlingException' : undefined)]);
    const result = await publishOutbox(event([outboxRecord(1), outboxRecord(2), outboxRecord(3)]), {
      eventBridge: client,
      eventBusName: 'bus',
      sleep: noSleep,
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(calls).toEqual([['{"n":1}', '{"n":2}', '{"n":3}'], ['{"n":2}']]);
  });

  it('reports the first record that never went through, and publishes nothing after it', async () => {
    const alwaysFailSecond = () => (index: number) => (index === 0 ? 'InternalFailure' : undefined);
    const { client, calls } = fakeEventBridge([
      () => undefined,
      alwaysFailSecond(),
      alwaysFailSecond(),
      alwaysFailSecond(),
      alwaysFailSecond(),
    ]);
    const records = Array.from({ length: 12 }, (_, i) => outboxRecord(i + 1));
    const result = await publishOutbox(event(records), { eventBridge: client, eventBusName: 'bus', sleep: noSleep });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '000011' }]);
    expect(calls).toHaveLength(5);
  });

  it('treats a thrown call like a failed chunk', async () => {
    const client = {
      send: async () => {
        throw new Error('network down');
      },
    } as unknown as EventBridgeClient;
    const result = await publishOutbox(event([outboxRecord(7)]), {
      eventBridge: client,
      eventBusName: 'bus',
      sleep: noSleep,
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '000007' }]);
  });

  it('sends real PutEvents commands', async () => {
    const seen: unknown[] = [];
    const client = {
      send: async (command: unknown) => {
        seen.push(command);
        return { Entries: [{ EventId: '1' }], FailedEntryCount: 0, $metadata: {} };
      },
    } as unknown as EventBridgeClient;
    await publishOutbox(event([outboxRecord(1)]), { eventBridge: client, eventBusName: 'bus', sleep: noSleep });
    expect(seen[0]).toBeInstanceOf(PutEventsCommand);
  });
});
