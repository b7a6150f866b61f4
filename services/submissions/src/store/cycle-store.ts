import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Applied, PROCESSED_ITEM, type Processing, TransactionCancelled, TransactWrite } from '@inovda/dynamo';
import { cycleKey, OPEN_CYCLES_PARTITION } from './keys';

/** What submissions knows of a programme cycle: only what the workflow service announced. */
export interface CycleView {
  readonly cycleId: string;
  readonly name: string;
  readonly year: number;
  readonly status: 'open' | 'closed';
  readonly openedAt?: string;
  readonly closedAt?: string;
}

/**
 * The submissions service's own projection of programme cycles, fed by CycleOpened/CycleClosed (it never reads
 * the workflow table). Closed is final: a CycleOpened delivered after the CycleClosed does not reopen a cycle.
 */
export class CycleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One cycle as announced, or undefined if none was. */
  async get(cycleId: string): Promise<CycleView | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: cycleKey(cycleId), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { cycleId: id, name, year, status, openedAt, closedAt } = result.Item;
    return { cycleId: id, name, year, status, ...(openedAt ? { openedAt } : {}), ...(closedAt ? { closedAt } : {}) };
  }

  /** Up to `limit` open cycles, newest first (a sparse index holds only open ones). */
  async listOpen(limit: number): Promise<CycleView[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :open',
        ExpressionAttributeValues: { ':open': OPEN_CYCLES_PARTITION },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({
      cycleId: item.cycleId,
      name: item.name,
      year: item.year,
      status: item.status,
    }));
  }

  /** Applies a CycleOpened, once; nothing changes when the cycle is already closed or the event was seen. */
  async opened(
    cycle: { cycleId: string; name: string; year: number; openedAt: string },
    processing: Processing,
    now: Date,
  ): Promise<Applied> {
    try {
      await new TransactWrite(this.tableName)
        .put(
          'cycle',
          {
            ...cycleKey(cycle.cycleId),
            ...cycle,
            status: 'open',
            gsi2pk: OPEN_CYCLES_PARTITION,
            gsi2sk: `${cycle.openedAt}#${cycle.cycleId}`,
          },
          { expression: 'attribute_not_exists(closedAt)' },
        )
        .processed(processing.consumer, processing.eventId, now)
        .commit(this.db);
      return 'applied';
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(PROCESSED_ITEM)) return 'duplicate';
      // Closed already (the close overtook the open): record the event as handled and change nothing else.
      return (await this.markProcessed(processing, now)) ? 'stale' : 'duplicate';
    }
  }

  /** Applies a CycleClosed, once. Closing is final, so it overwrites whatever was known. */
  async closed(
    cycle: { cycleId: string; name: string; year: number; closedAt: string },
    processing: Processing,
    now: Date,
  ): Promise<Applied> {
    try {
      await new TransactWrite(this.tableName)
        .put('cycle', { ...cycleKey(cycle.cycleId), ...cycle, status: 'closed' })
        .processed(processing.consumer, processing.eventId, now)
        .commit(this.db);
      return 'applied';
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed(PROCESSED_ITEM)) return 'duplicate';
      throw error;
    }
  }

  /** Records an event as processed with no other effect; false when it already was. */
  private async markProcessed(processing: Processing, now: Date): Promise<boolean> {
    try {
      await new TransactWrite(this.tableName).processed(processing.consumer, processing.eventId, now).commit(this.db);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed(PROCESSED_ITEM)) return false;
      throw error;
    }
  }
}
