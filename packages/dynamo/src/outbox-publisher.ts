import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { OutboxRow } from './outbox';
import type { OutboxRowKey, OutboxRows } from './outbox-rows';

/** PutEvents accepts at most 10 entries and 256 KB per call. */
const MAX_ENTRIES = 10;
export const MAX_BATCH_BYTES = 256 * 1024;
const MAX_ATTEMPTS = 4;

export interface PublisherDeps {
  readonly eventBridge: EventBridgeClient;
  readonly eventBusName: string;
  /** Where accepted events' rows are marked published (out of the pending index). */
  readonly rows: Pick<OutboxRows, 'markPublished'>;
  readonly log?: (message: string, extra: Record<string, unknown>) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** An outbox row on its way to the bus: its stream position (or sweep order), its key and its entry. */
export interface Pending {
  readonly sequenceNumber: string;
  readonly key: OutboxRowKey;
  readonly entry: PutEventsRequestEntry;
}

/** The size EventBridge charges an entry (its documented calculation), to keep each call under 256 KB. */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = 14; // Time
  for (const part of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (part) size += Buffer.byteLength(part, 'utf8');
  }
  return size;
}

/** The entry of an outbox row, or undefined for an item that is not one. */
export function pendingOf(row: Partial<OutboxRow>, sequenceNumber: string, eventBusName: string): Pending | undefined {
  if (!row.pk?.startsWith('OUTBOX#') || !row.sk || !row.source || !row.detailType || !row.detail) return undefined;
  return {
    sequenceNumber,
    key: { pk: row.pk, sk: row.sk },
    entry: { EventBusName: eventBusName, Source: row.source, DetailType: row.detailType, Detail: row.detail },
  };
}

/** Outbox rows of a stream batch, in stream order; anything else on the stream is ignored. */
export function outboxEntries(records: readonly DynamoDBRecord[], eventBusName: string): Pending[] {
  const pending: Pending[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (record.eventName !== 'INSERT' || !image || !sequenceNumber) continue;
    const row = unmarshall(image as Record<string, AttributeValue>) as Partial<OutboxRow>;
    const item = pendingOf(row, sequenceNumber, eventBusName);
    if (item) pending.push(item);
  }
  return pending;
}

/** Splits entries into PutEvents calls of at most 10 entries and 256 KB, preserving order. */
export function chunkEntries(pending: readonly Pending[]): Pending[][] {
  const chunks: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const item of pending) {
    const size = entrySize(item.entry);
    if (current.length === MAX_ENTRIES || (current.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Which entries of a call EventBridge accepted. Result entries are positional, and an entry counts as accepted
 * only when its result has an EventId and no ErrorCode. A response that cannot be read that way (no `Entries`,
 * another number of them, or a `FailedEntryCount` its entries do not account for) proves nothing was accepted:
 * every entry of the call is then taken as failed and retried (a duplicate is harmless, a loss is not).
 */
export function acceptedIndexes(result: PutEventsCommandOutput, sent: number): Set<number> {
  const entries = result.Entries;
  if (!entries || entries.length !== sent) return new Set();
  const explained = entries.filter((entry) => entry.ErrorCode !== undefined).length;
  if ((result.FailedEntryCount ?? 0) !== explained) return new Set();
  const accepted = new Set<number>();
  entries.forEach((entry, index) => {
    if (entry.ErrorCode === undefined && entry.EventId) accepted.add(index);
  });
  return accepted;
}

/**
 * Publishes one chunk, retrying what EventBridge did not accept, and marks each row published as soon as its
 * event is accepted; returns the entries that never went through.
 */
export async function publishChunk(chunk: readonly Pending[], deps: PublisherDeps): Promise<Pending[]> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let remaining = [...chunk];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && remaining.length > 0; attempt++) {
    if (attempt > 1) await sleep(50 * 2 ** attempt);
    try {
      const result = await deps.eventBridge.send(new PutEventsCommand({ Entries: remaining.map((p) => p.entry) }));
      const accepted = acceptedIndexes(result, remaining.length);
      const failed = remaining.filter((_, index) => !accepted.has(index));
      if (failed.length > 0) {
        deps.log?.('PutEvents entries failed', {
          attempt,
          failed: failed.length,
          failedEntryCount: result.FailedEntryCount,
          errors: result.Entries?.filter((entry) => entry.ErrorCode).map((entry) => entry.ErrorCode),
        });
      }
      await markPublished(
        remaining.filter((_, index) => accepted.has(index)),
        deps,
      );
      remaining = failed;
    } catch (error) {
      deps.log?.('PutEvents call failed', { attempt, error: String(error) });
    }
  }
  return remaining;
}

/**
 * Marks accepted rows published. A failure here is logged, not raised: the event is on the bus, and a row left
 * pending only means the sweeper publishes it once more later (harmless), whereas failing the stream batch would
 * republish the whole batch now.
 */
async function markPublished(accepted: readonly Pending[], deps: PublisherDeps): Promise<void> {
  if (accepted.length === 0) return;
  try {
    await deps.rows.markPublished(
      accepted.map((item) => item.key),
      deps.now?.() ?? new Date(),
    );
  } catch (error) {
    deps.log?.('outbox rows not marked published', { rows: accepted.length, error: String(error) });
  }
}

/**
 * Publishes a stream batch of outbox rows to the bus. On a failure that survives the retries it reports the
 * first unpublished record as a batch item failure: Lambda then retries the batch from that record (then sends
 * it to the DLQ after the mapping's retries). Records after it are not published in this attempt, keeping stream
 * order. Whatever the stream finally gives up on is still pending in the table, where the sweeper republishes it.
 */
export async function publishOutbox(event: DynamoDBStreamEvent, deps: PublisherDeps): Promise<DynamoDBBatchResponse> {
  for (const chunk of chunkEntries(outboxEntries(event.Records, deps.eventBusName))) {
    const failed = await publishChunk(chunk, deps);
    const first = chunk.find((item) => failed.includes(item));
    if (first) return { batchItemFailures: [{ itemIdentifier: first.sequenceNumber }] };
  }
  return { batchItemFailures: [] };
}
