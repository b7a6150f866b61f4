import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent } from '@inovda/contracts';
import {
  addClaim,
  commitClaimed,
  type IdempotencyClaim,
  IF_ABSENT,
  ifVersion,
  TransactionCancelled,
  TransactWrite,
  withoutStorage,
} from '@inovda/dynamo';
import { versionMismatch } from '@inovda/kernel';
import type { Cycle } from '../domain/cycle';
import { cycleIndexKeys, cycleKey, STORAGE_ATTRIBUTES } from './keys';

export function toCycle(item: Record<string, unknown>): Cycle {
  return withoutStorage<Cycle>(item, STORAGE_ATTRIBUTES);
}

/**
 * Programme cycles: one GetItem or one TransactWriteItems per method (the list of cycles is in list-store.ts).
 */
export class CycleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Cycle | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: cycleKey(id), ConsistentRead: true }),
    );
    return result.Item ? toCycle(result.Item) : undefined;
  }

  /**
   * Creates a cycle (no event: a planned cycle concerns nobody until it opens). With an idempotency claim, the claim
   * is written in the same transaction; if it exists already, `IdempotencyConflict` says for what.
   */
  async create(cycle: Cycle, claim?: IdempotencyClaim): Promise<void> {
    const write = new TransactWrite(this.tableName).put(
      'cycle',
      { ...cycle, ...cycleKey(cycle.id), ...cycleIndexKeys(cycle) },
      IF_ABSENT,
    );
    if (claim) addClaim(write, claim, cycle.id, new Date(cycle.createdAt));
    await commitClaimed(this.db, this.tableName, write, claim);
  }

  /**
   * Replaces a cycle with its next version if and only if it is still at `expectedVersion`, with its event if it
   * has one. A lost race becomes a 412 carrying the version that won.
   */
  async save(next: Cycle, expectedVersion: number, event?: AnyOutgoingEvent): Promise<void> {
    const write = new TransactWrite(this.tableName).put(
      'cycle',
      { ...next, ...cycleKey(next.id), ...cycleIndexKeys(next) },
      ifVersion(expectedVersion),
    );
    if (event) write.events([event], new Date(next.updatedAt));
    try {
      await write.commit(this.db);
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed('cycle')) {
        throw versionMismatch((await this.get(next.id))?.version);
      }
      throw error;
    }
  }
}
