import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { chunkEntries, entrySize, MAX_BATCH_BYTES, type Pending, pendingOf, publishChunk } from './outbox-publisher';
import type { OutboxRows } from './outbox-rows';

export interface SweeperDeps {
  readonly eventBridge: EventBridgeClient;
  readonly eventBusName: string;
  readonly rows: OutboxRows;
  readonly log?: (message: string, extra: Record<string, unknown>) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

export interface SweepLimits {
  /** Rows pending for less than this are left to the stream path, which is normally about to mark them. */
  readonly graceSeconds: number;
  /** At most this many rows a run; the next run takes the rest. */
  readonly maxRows: number;
}

/** What a run did, for its log line. */
export interface SweepSummary {
  /** Pending rows older than the grace period that the run read. */
  readonly found: number;
  readonly published: number;
  /** Rows whose events the bus did not take (they stay pending for the next run). */
  readonly failed: number;
  /** True when the run stopped early because the bus took nothing of a call: it is still down. */
  readonly busDown: boolean;
}

const PAGE_SIZE = 100;

/**
 * One sweep: republishes outbox rows still pending after the grace period, oldest first, and marks each published
 * once the bus accepted it (so no later run repeats it). It is what makes the outbox lose nothing: rows whose
 * stream records the publisher failed on, the stream mapping gave up on, or that expired from the stream, are
 * all still pending here, and pending rows never expire. When a call gets nothing accepted the bus is still down:
 * the run stops there rather than spend its time on calls that fail, and the next run starts over.
 */
export async function sweepOutbox(deps: SweeperDeps, limits: SweepLimits): Promise<SweepSummary> {
  const now = deps.now?.() ?? new Date();
  // Pending-since keys are `<ISO time>#<event id>`: those of rows written before the cut-off sort before it.
  const before = new Date(now.getTime() - limits.graceSeconds * 1000).toISOString();
  let found = 0;
  let published = 0;
  let failed = 0;
  let cursor: Record<string, AttributeValue> | undefined;
  do {
    const page = await deps.rows.pending(before, Math.min(PAGE_SIZE, limits.maxRows - found), cursor);
    cursor = page.cursor;
    found += page.rows.length;
    const pending: Pending[] = [];
    for (const row of page.rows) {
      const item = pendingOf(row, row.outboxPendingSince ?? '', deps.eventBusName);
      // An entry over the call limit can never be published: it stays pending, for a person to see, not retried.
      if (!item || entrySize(item.entry) > MAX_BATCH_BYTES) {
        failed++;
        deps.log?.('outbox row cannot be published', { pk: row.pk, bytes: item ? entrySize(item.entry) : undefined });
        continue;
      }
      pending.push(item);
    }
    for (const chunk of chunkEntries(pending)) {
      const notAccepted = await publishChunk(chunk, deps);
      published += chunk.length - notAccepted.length;
      failed += notAccepted.length;
      if (notAccepted.length === chunk.length) return { found, published, failed, busDown: true };
    }
  } while (cursor && found < limits.maxRows);
  return { found, published, failed, busDown: false };
}
