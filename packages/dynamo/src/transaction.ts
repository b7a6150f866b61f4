import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent } from '@inovda/contracts';
import { Problem } from '@inovda/kernel';
import { outboxPut } from './outbox';
import { processedEventPut } from './processed-events';

/** One item of a TransactWriteItems call. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A condition on an item of a transaction: the expression and the values it names. */
export interface Condition {
  readonly expression: string;
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** The item must not exist yet. */
export const IF_ABSENT: Condition = { expression: 'attribute_not_exists(pk)' };

/** The item must still be at `version` (optimistic concurrency). */
export function ifVersion(version: number): Condition {
  return { expression: 'version = :expectedVersion', values: { ':expectedVersion': version } };
}

/** The name of the processed-event record in a consumer's transaction (see {@link TransactWrite.processed}). */
export const PROCESSED_ITEM = 'processed';

function conditionProps(condition: Condition | undefined) {
  if (!condition) return {};
  return {
    ConditionExpression: condition.expression,
    ...(condition.names ? { ExpressionAttributeNames: { ...condition.names } } : {}),
    ...(condition.values ? { ExpressionAttributeValues: { ...condition.values } } : {}),
  };
}

/**
 * A TransactWriteItems call that DynamoDB cancelled because conditions failed: which items failed, by the names
 * they were added under (never by position).
 */
export class TransactionCancelled extends Error {
  constructor(readonly failedConditions: ReadonlySet<string>) {
    super(`transaction cancelled: condition failed on ${[...failedConditions].join(', ')}`);
    this.name = 'TransactionCancelled';
  }

  /** Whether the condition of the item named `name` failed. */
  failed(name: string): boolean {
    return this.failedConditions.has(name);
  }
}

/**
 * DynamoDB cancels a transaction that touches an item another transaction is changing at that moment
 * (`TransactionConflict`); the SDK does not retry it. `commit` retries it itself (see {@link ConflictRetry}); once
 * its retries are spent the caller may simply try again: a 409 with `Retry-After`, and for a consumer a thrown
 * error, so its delivery is retried.
 */
export function concurrentChange(): Problem {
  return new Problem(
    'concurrent-change',
    { detail: 'Data yang sama sedang diubah oleh permintaan lain; coba lagi sebentar lagi.' },
    { 'retry-after': '1' },
  );
}

/**
 * How `commit` retries a transaction DynamoDB cancelled for a conflict. A cancelled transaction wrote nothing, so
 * trying the very same items again is safe: its conditions are checked afresh (a track changed meanwhile then fails
 * its version, as it should). Shared rows (a cycle's board counters) make conflicts likely in a burst, so the delay
 * is full-jitter exponential backoff: a random wait in [0, min(maxDelayMs, baseDelayMs·2^retry)), which spreads the
 * contenders out instead of sending them back together. Bounded twice: by attempts, and by `budgetMs` in all.
 */
export interface ConflictRetry {
  /** Tries in all, the first included (1: no retry). */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts this long (or longer) after the first try (wall clock, requests included). */
  readonly budgetMs: number;
}

/** For a request someone waits on (API Gateway gives up at 30 s): about a second at most, then a 409. */
export const REQUEST_CONFLICT_RETRY: ConflictRetry = { attempts: 5, baseDelayMs: 25, maxDelayMs: 400, budgetMs: 1_000 };

/**
 * For a consumer applying an event: nobody waits, and a failed record costs a redelivery from the consumer's queue
 * (after its visibility timeout, minutes), so it waits longer, well within a consumer's 10 s timeout.
 */
export const CONSUMER_CONFLICT_RETRY: ConflictRetry = {
  attempts: 12,
  baseDelayMs: 25,
  maxDelayMs: 1_000,
  budgetMs: 6_000,
};

/** The wait before retry number `retry` (0 for the first retry): full jitter over the capped exponential. */
export function conflictDelay(policy: ConflictRetry, retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
}

function isConflict(error: unknown): boolean {
  return error instanceof Problem && error.code === 'concurrent-change';
}

/**
 * Builds one `TransactWriteItems` of named items: the change, its history, its events (outbox) and any
 * conditions, all or nothing. When DynamoDB cancels it, `commit` says why by name: a failed condition is a
 * {@link TransactionCancelled} naming the items whose conditions failed; a conflict with a concurrent transaction
 * is the `concurrent-change` problem. Names are unique within a transaction.
 */
export class TransactWrite {
  private readonly items: TransactItem[] = [];
  private readonly names: string[] = [];

  constructor(private readonly tableName: string) {}

  /**
   * Adds an item built elsewhere (in-place updates come from `@inovda/dynamo/updates`, kept apart so that only the
   * code of functions granted `UpdateItem` contains one).
   */
  add(name: string, item: TransactItem): this {
    if (this.names.includes(name)) throw new Error(`transaction item ${name} added twice`);
    this.names.push(name);
    this.items.push(item);
    return this;
  }

  /** Puts an item, optionally only if `condition` holds. */
  put(name: string, item: Record<string, unknown>, condition?: Condition): this {
    return this.add(name, { Put: { TableName: this.tableName, Item: item, ...conditionProps(condition) } });
  }

  /** Requires `condition` of another item to hold when the transaction commits, without changing that item. */
  check(name: string, key: Readonly<Record<string, string>>, condition: Condition): this {
    return this.add(name, {
      ConditionCheck: {
        TableName: this.tableName,
        Key: { ...key },
        ConditionExpression: condition.expression,
        ...(condition.names ? { ExpressionAttributeNames: { ...condition.names } } : {}),
        ...(condition.values ? { ExpressionAttributeValues: { ...condition.values } } : {}),
      },
    });
  }

  /** Records events in the outbox: they are published if and only if the transaction commits. */
  events(events: readonly AnyOutgoingEvent[], now: Date): this {
    for (const event of events)
      this.add(`outbox:${event.detail.metadata.eventId}`, outboxPut(this.tableName, event, now));
    return this;
  }

  /**
   * Records that `consumer` processed `eventId` (idempotent consumers): a redelivery fails this item's condition,
   * named {@link PROCESSED_ITEM}.
   */
  processed(consumer: string, eventId: string, now: Date): this {
    return this.add(PROCESSED_ITEM, processedEventPut(this.tableName, consumer, eventId, now));
  }

  /** Appends the items another builder collected (e.g. counters a store computes), under their names. */
  include(other: TransactWrite): this {
    other.items.forEach((item, index) => {
      this.add(other.names[index] as string, item);
    });
    return this;
  }

  /** The number of items so far (DynamoDB allows 100 per transaction). */
  get size(): number {
    return this.items.length;
  }

  /**
   * Writes every item, or none. A conflict with a concurrent transaction is retried as `retry` says; what is left
   * of it afterwards is the `concurrent-change` problem.
   */
  async commit(db: DynamoDBDocumentClient, retry: ConflictRetry = REQUEST_CONFLICT_RETRY): Promise<void> {
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: this.items }));
        return;
      } catch (error) {
        const explained = this.explain(error);
        const delay = conflictDelay(retry, attempt - 1);
        const late = Date.now() - started + delay >= retry.budgetMs;
        if (!isConflict(explained) || attempt >= retry.attempts || late) throw explained;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** What a failed commit means, by item name. */
  private explain(error: unknown): unknown {
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return error;
    const codes = ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map(
      (reason) => reason.Code,
    );
    const failed = new Set(this.names.filter((_, index) => codes[index] === 'ConditionalCheckFailed'));
    if (failed.size > 0) return new TransactionCancelled(failed);
    if (codes.includes('TransactionConflict')) return concurrentChange();
    return error;
  }
}
