import { type EventBridgeClient, PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { acceptedIndexes, chunkEntries, entrySize, outboxEntries, publishOutbox } from './outbox-publisher';

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

/** A stub of the outbox rows: records which rows were marked published (or fails, when told to). */
function fakeRows(fail = false) {
  const marked: string[] = [];
  return {
    marked,
    rows: {
      markPublished: async (keys: readonly { pk: string }[]) => {
        if (fail) throw new Error('throttled');
        marked.push(...keys.map((key) => key.pk));
      },
    },
  };
}

/** A client answering every call with `output` (a response as a broken or unusual endpoint might send it). */
function answering(output: Partial<PutEventsCommandOutput>) {
  let calls = 0;
  const client = {
    send: async () => {
      calls++;
      return { $metadata: {}, ...output };
    },
  } as unknown as EventBridgeClient;
  return { client, calls: () => calls };
}

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
      rows: fakeRows().rows,
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
    const { rows, marked } = fakeRows();
    const result = await publishOutbox(event(records), {
      eventBridge: client,
      eventBusName: 'bus',
      rows,
      sleep: noSleep,
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '000011' }]);
    expect(calls).toHaveLength(5);
    // The 10 of the first call and the 12th were accepted: those rows leave the pending index; the 11th stays.
    expect(marked.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12].map((n) => `OUTBOX#${n}`).sort());
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
      rows: fakeRows().rows,
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
    await publishOutbox(event([outboxRecord(1)]), {
      eventBridge: client,
      eventBusName: 'bus',
      rows: fakeRows().rows,
      sleep: noSleep,
    });
    expect(seen[0]).toBeInstanceOf(PutEventsCommand);
  });

  it('takes a response without Entries as a failure of every entry, and marks nothing', async () => {
    const { client, calls } = answering({ FailedEntryCount: 0 });
    const { rows, marked } = fakeRows();
    const result = await publishOutbox(event([outboxRecord(1), outboxRecord(2)]), {
      eventBridge: client,
      eventBusName: 'bus',
      rows,
      sleep: noSleep,
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '000001' }]);
    expect(calls()).toBe(4);
    expect(marked).toEqual([]);
  });

  it('takes a FailedEntryCount its entries do not explain as a failure of the whole call', async () => {
    // Two entries back with EventIds, yet one failed: which one is unknowable, so neither counts as published.
    const { client } = answering({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { EventId: 'b' }] });
    const { rows, marked } = fakeRows();
    const result = await publishOutbox(event([outboxRecord(1), outboxRecord(2)]), {
      eventBridge: client,
      eventBusName: 'bus',
      rows,
      sleep: noSleep,
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '000001' }]);
    expect(marked).toEqual([]);
  });

  it('takes fewer result entries than entries sent, or one without an EventId, as failed', async () => {
    expect(acceptedIndexes({ $metadata: {}, FailedEntryCount: 0, Entries: [{ EventId: 'a' }] }, 2)).toEqual(new Set());
    expect(acceptedIndexes({ $metadata: {}, FailedEntryCount: 0, Entries: [{ EventId: 'a' }, {}] }, 2)).toEqual(
      new Set([0]),
    );
    expect(
      acceptedIndexes(
        { $metadata: {}, FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }, { EventId: 'b' }] },
        2,
      ),
    ).toEqual(new Set([1]));
  });

  it('marks every accepted row published, and a failed marking fails nothing', async () => {
    const { client } = fakeEventBridge();
    const { rows, marked } = fakeRows();
    const ok = await publishOutbox(event([outboxRecord(1), outboxRecord(2)]), {
      eventBridge: client,
      eventBusName: 'bus',
      rows,
      sleep: noSleep,
    });
    expect(ok.batchItemFailures).toEqual([]);
    expect(marked).toEqual(['OUTBOX#1', 'OUTBOX#2']);
    const logged: string[] = [];
    const unmarked = await publishOutbox(event([outboxRecord(3)]), {
      eventBridge: fakeEventBridge().client,
      eventBusName: 'bus',
      rows: fakeRows(true).rows,
      sleep: noSleep,
      log: (message) => logged.push(message),
    });
    // The event is on the bus; the row left pending is only republished later by the sweeper.
    expect(unmarked.batchItemFailures).toEqual([]);
    expect(logged).toEqual(['outbox rows not marked published']);
  });
});
