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
 * (`TransactionConflict`); the SDK does not retry it. The caller may simply try again: a 409 with `Retry-After`,
 * and for a consumer a thrown error, so its delivery is retried.
 */
export function concurrentChange(): Problem {
  return new Problem(
    'concurrent-change',
    { detail: 'Data yang sama sedang diubah oleh permintaan lain; coba lagi sebentar lagi.' },
    { 'retry-after': '1' },
  );
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

  /** Writes every item, or none. */
  async commit(db: DynamoDBDocumentClient): Promise<void> {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: this.items }));
    } catch (error) {
      throw this.explain(error);
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
