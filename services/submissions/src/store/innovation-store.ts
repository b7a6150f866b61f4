import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { InnovationStatus, OutgoingEvent } from '@inovda/contracts';
import { cancellationReason, decodeCursor, encodeCursor, outboxPut } from '@inovda/dynamo';
import { Problem } from '@inovda/lambda-kit';
import type { HistoryEntry, Innovation } from '../domain/innovation';
import {
  ALL_PARTITION,
  HISTORY_PREFIX,
  historyKey,
  idempotencyKey,
  innovationIndexKeys,
  innovationKey,
  opdPartition,
  opdStatusPartition,
  STORAGE_ATTRIBUTES,
  statusPartition,
} from './keys';

/** Position of the idempotency claim in a create's transaction (after profile, history and outbox). */
const IDEMPOTENCY_ITEM = 3;

/** Idempotency records outlive any sensible client retry window. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

type AnyEvent = OutgoingEvent<{ metadata: { eventId: string; correlationId: string } }>;

/** A create request's idempotency claim: the caller, its key, and a hash of the request it was first used with. */
export interface IdempotencyClaim {
  readonly callerSub: string;
  readonly key: string;
  readonly requestHash: string;
}

/** A condition on another item that must hold when a save commits, and the problem answered when it does not. */
export interface ConditionItem {
  readonly item: NonNullable<TransactWriteCommandInput['TransactItems']>[number];
  readonly problem: Problem;
}

/** What a page of a list looks like. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Filters of the innovation list; each combination is served by exactly one index. */
export interface InnovationFilter {
  readonly opdId?: string;
  readonly status?: InnovationStatus;
}

/** Thrown when a create's idempotency key was already used; carries what it was used for. */
export class IdempotencyConflict extends Error {
  constructor(
    readonly innovationId: string,
    readonly requestHash: string,
  ) {
    super('idempotency key already used');
  }
}

function toInnovation(item: Record<string, unknown>): Innovation {
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete copy[attribute];
  return copy as Innovation;
}

/**
 * DynamoDB cancels a transaction that touches an item another transaction is changing at that moment
 * (`TransactionConflict`); the SDK does not retry it. The caller may simply try again.
 */
function concurrentChange(): Problem {
  return new Problem('concurrent-change', {}, { 'retry-after': '1' });
}

/**
 * The submissions table, as the use cases need it. Each method is a fixed, small number of DynamoDB calls
 * (GetItem, Query bounded by a page size, or one TransactWriteItems); none scans.
 */
export class InnovationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Reads one innovation, or undefined. */
  async get(id: string): Promise<Innovation | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: innovationKey(id), ConsistentRead: true }),
    );
    return result.Item ? toInnovation(result.Item) : undefined;
  }

  /**
   * Creates an innovation with its first history entry and its event, atomically. With an idempotency claim, the
   * claim is written in the same transaction; if it exists already, `IdempotencyConflict` says for what.
   */
  async create(innovation: Innovation, history: HistoryEntry, event: AnyEvent, claim?: IdempotencyClaim) {
    const now = new Date(innovation.createdAt);
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...innovation, ...innovationKey(innovation.id), ...innovationIndexKeys(innovation) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: { ...history, ...historyKey(innovation.id, history.version) } } },
      outboxPut(this.tableName, event, now),
    ];
    if (claim) {
      // Index IDEMPOTENCY_ITEM: the claim is the last item of the transaction.
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...idempotencyKey(claim.callerSub, claim.key),
            innovationId: innovation.id,
            requestHash: claim.requestHash,
            expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (claim && cancellationReason(error, IDEMPOTENCY_ITEM) === 'TransactionConflict') throw concurrentChange();
      if (claim && cancellationReason(error, IDEMPOTENCY_ITEM) === 'ConditionalCheckFailed') {
        const existing = await this.db.send(
          new GetCommand({
            TableName: this.tableName,
            Key: idempotencyKey(claim.callerSub, claim.key),
            ConsistentRead: true,
          }),
        );
        if (existing.Item) {
          throw new IdempotencyConflict(String(existing.Item.innovationId), String(existing.Item.requestHash));
        }
      }
      throw error;
    }
  }

  /**
   * Replaces an innovation with its next version, if and only if it is still at `expectedVersion`, together with
   * the history entry and the event. A lost race becomes a 412 carrying the version that won.
   */
  async save(
    next: Innovation,
    expectedVersion: number,
    history: HistoryEntry,
    event: AnyEvent,
    conditions: readonly ConditionItem[] = [],
  ): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...next, ...innovationKey(next.id), ...innovationIndexKeys(next) },
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            { Put: { TableName: this.tableName, Item: { ...history, ...historyKey(next.id, history.version) } } },
            outboxPut(this.tableName, event, new Date(next.updatedAt)),
            ...conditions.map((condition) => condition.item),
          ],
        }),
      );
    } catch (error) {
      if (cancellationReason(error, 0) === 'TransactionConflict') throw concurrentChange();
      conditions.forEach((condition, index) => {
        if (cancellationReason(error, 3 + index) === 'ConditionalCheckFailed') throw condition.problem;
      });
      if (cancellationReason(error, 0) === 'ConditionalCheckFailed') {
        const current = await this.get(next.id);
        throw new Problem(
          'version-mismatch',
          { detail: 'Someone else changed this innovation first.', currentVersion: current?.version ?? null },
          current ? { etag: `"${current.version}"` } : {},
        );
      }
      throw error;
    }
  }

  /** One page of innovations, newest first, through the one index that serves the filter. */
  async list(filter: InnovationFilter, limit: number, cursor?: string): Promise<Page<Innovation>> {
    const query = listQuery(filter);
    const keyAttributes = ['pk', 'sk', `${query.index}pk`, `${query.index}sk`];
    const startKey = cursor
      ? decodeCursor(cursor, { attributes: keyAttributes, partition: { [`${query.index}pk`]: query.partition } })
      : undefined;
    if (cursor && !startKey) throw new Problem('invalid-cursor');
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: query.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${query.index}pk` },
        ExpressionAttributeValues: { ':pk': query.partition },
        ScanIndexForward: false,
        Limit: limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    return pageOf(result, limit, keyAttributes, toInnovation);
  }

  /** One page of an innovation's history, oldest first. */
  async history(id: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>> {
    const partition = innovationKey(id).pk;
    const startKey = cursor
      ? decodeCursor(cursor, { attributes: ['pk', 'sk'], partition: { pk: partition } })
      : undefined;
    if (cursor && !startKey) throw new Problem('invalid-cursor');
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': HISTORY_PREFIX },
        Limit: limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    return pageOf(result, limit, ['pk', 'sk'], (item) => {
      const { pk: _pk, sk: _sk, ...entry } = item;
      return entry as unknown as HistoryEntry;
    });
  }
}

/**
 * A page from a Query that asked for one item more than the page size: the extra item only tells whether there
 * is a next page, so the last page never carries a cursor to an empty page. A Query that stopped early at
 * DynamoDB's 1 MB limit (LastEvaluatedKey with no extra item) still gets a cursor, from the last item kept.
 */
function pageOf<T>(
  result: { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> },
  limit: number,
  keyAttributes: readonly string[],
  map: (item: Record<string, unknown>) => T,
): Page<T> {
  const items = result.Items ?? [];
  const kept = items.slice(0, limit);
  const last = kept[kept.length - 1];
  const more = items.length > limit || result.LastEvaluatedKey !== undefined;
  const position = last ? Object.fromEntries(keyAttributes.map((name) => [name, last[name]])) : result.LastEvaluatedKey;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(position) : null };
}

/** Which index and partition serve a filter. */
function listQuery(filter: InnovationFilter): { index: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4'; partition: string } {
  if (filter.status && filter.opdId)
    return { index: 'gsi4', partition: opdStatusPartition(filter.opdId, filter.status) };
  if (filter.status) return { index: 'gsi2', partition: statusPartition(filter.status) };
  if (filter.opdId) return { index: 'gsi1', partition: opdPartition(filter.opdId) };
  return { index: 'gsi3', partition: ALL_PARTITION };
}
