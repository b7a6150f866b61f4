import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent, InnovationStatus } from '@inovda/contracts';
import {
  addClaim,
  commitClaimed,
  type IdempotencyClaim,
  IF_ABSENT,
  ifVersion,
  queryPage,
  TransactionCancelled,
  TransactWrite,
  withoutStorage,
} from '@inovda/dynamo';
import { type Page, versionMismatch } from '@inovda/kernel';
import type { HistoryEntry, Innovation } from '../domain/innovation';
import {
  ALL_PARTITION,
  HISTORY_PREFIX,
  historyKey,
  innovationIndexKeys,
  innovationKey,
  opdPartition,
  opdStatusPartition,
  STORAGE_ATTRIBUTES,
  statusPartition,
} from './keys';

/** Filters of the innovation list; each combination is served by exactly one index. */
export interface InnovationFilter {
  readonly opdId?: string;
  readonly status?: InnovationStatus;
}

function toInnovation(item: Record<string, unknown>): Innovation {
  return withoutStorage<Innovation>(item, STORAGE_ATTRIBUTES);
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
  async create(innovation: Innovation, history: HistoryEntry, event: AnyOutgoingEvent, claim?: IdempotencyClaim) {
    const now = new Date(innovation.createdAt);
    const write = new TransactWrite(this.tableName)
      .put(
        'innovation',
        { ...innovation, ...innovationKey(innovation.id), ...innovationIndexKeys(innovation) },
        IF_ABSENT,
      )
      .put('history', { ...history, ...historyKey(innovation.id, history.version) })
      .events([event], now);
    if (claim) addClaim(write, claim, innovation.id, now);
    await commitClaimed(this.db, this.tableName, write, claim);
  }

  /**
   * Replaces an innovation with its next version, if and only if it is still at `expectedVersion`, together with
   * the history entry and the event. A lost race becomes a 412 carrying the version that won; a concurrent
   * transaction on the same items, a 409 to retry.
   */
  async save(next: Innovation, expectedVersion: number, history: HistoryEntry, event: AnyOutgoingEvent): Promise<void> {
    const write = new TransactWrite(this.tableName)
      .put(
        'innovation',
        { ...next, ...innovationKey(next.id), ...innovationIndexKeys(next) },
        ifVersion(expectedVersion),
      )
      .put('history', { ...history, ...historyKey(next.id, history.version) })
      .events([event], new Date(next.updatedAt));
    try {
      await write.commit(this.db);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed('innovation')) throw versionMismatch((await this.get(next.id))?.version);
      throw error;
    }
  }

  /** One page of innovations, newest first, through the one index that serves the filter. */
  list(filter: InnovationFilter, limit: number, cursor?: string): Promise<Page<Innovation>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      ...listQuery(filter),
      descending: true,
      limit,
      ...(cursor ? { cursor } : {}),
      map: toInnovation,
    });
  }

  /** One page of an innovation's history, oldest first. */
  history(id: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      partition: innovationKey(id).pk,
      sortKeyPrefix: HISTORY_PREFIX,
      limit,
      ...(cursor ? { cursor } : {}),
      map: (item) => withoutStorage<HistoryEntry>(item, ['pk', 'sk']),
    });
  }
}

/** Which index and partition serve a filter. */
function listQuery(filter: InnovationFilter): { index: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4'; partition: string } {
  if (filter.status && filter.opdId) {
    return { index: 'gsi4', partition: opdStatusPartition(filter.opdId, filter.status) };
  }
  if (filter.status) return { index: 'gsi2', partition: statusPartition(filter.status) };
  if (filter.opdId) return { index: 'gsi1', partition: opdPartition(filter.opdId) };
  return { index: 'gsi3', partition: ALL_PARTITION };
}
