import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { OutboxRow } from './outbox';

/** PutEvents accepts at most 10 entries and 256 KB per call. */
const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024;
const MAX_ATTEMPTS = 4;

export interface PublisherDeps {
  readonly eventBridge: EventBridgeClient;
  readonly eventBusName: string;
  readonly log?: (message: string, extra: Record<string, unknown>) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface Pending {
  readonly sequenceNumber: string;
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

/** Outbox rows of a stream batch, in stream order; anything else on the stream is ignored. */
export function outboxEntries(records: readonly DynamoDBRecord[], eventBusName: string): Pending[] {
  const pending: Pending[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (record.eventName !== 'INSERT' || !image || !sequenceNumber) continue;
    const row = unmarshall(image as Record<string, AttributeValue>) as Partial<OutboxRow>;
    if (!row.pk?.startsWith('OUTBOX#') || !row.source || !row.detailType || !row.detail) continue;
    pending.push({
      sequenceNumber,
      entry: { EventBusName: eventBusName, Source: row.source, DetailType: row.detailType, Detail: row.detail },
    });
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

/** Publishes one chunk, retrying the entries EventBridge failed; returns the ones that never went through. */
async function publishChunk(chunk: readonly Pending[], deps: PublisherDeps): Promise<Pending[]> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let remaining = [...chunk];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && remaining.length > 0; attempt++) {
    if (attempt > 1) await sleep(50 * 2 ** attempt);
    try {
      const result = await deps.eventBridge.send(new PutEventsCommand({ Entries: remaining.map((p) => p.entry) }));
      // Result entries are positional: an entry with an ErrorCode failed, the others were accepted.
      const failed = remaining.filter((_, index) => result.Entries?.[index]?.ErrorCode !== undefined);
      if (failed.length > 0) {
        deps.log?.('PutEvents entries failed', {
          attempt,
          errors: result.Entries?.filter((entry) => entry.ErrorCode).map((entry) => entry.ErrorCode),
        });
      }
      remaining = failed;
    } catch (error) {
      deps.log?.('PutEvents call failed', { attempt, error: String(error) });
    }
  }
  return remaining;
}

/**
 * Publishes a stream batch of outbox rows to the bus. On a failure that survives the retries it reports the
 * first unpublished record as a batch item failure: Lambda then retries the batch from that record (then sends
 * it to the DLQ after the mapping's retries), so nothing is silently dropped. Records after it are not
 * published in this attempt, keeping stream order; consumers are idempotent, so a re-published event is harmless.
 */
export async function publishOutbox(event: DynamoDBStreamEvent, deps: PublisherDeps): Promise<DynamoDBBatchResponse> {
  for (const chunk of chunkEntries(outboxEntries(event.Records, deps.eventBusName))) {
    const failed = await publishChunk(chunk, deps);
    const first = chunk.find((item) => failed.includes(item));
    if (first) return { batchItemFailures: [{ itemIdentifier: first.sequenceNumber }] };
  }
  return { batchItemFailures: [] };
}
