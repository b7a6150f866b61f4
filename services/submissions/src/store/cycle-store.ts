import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReason, isAlreadyProcessed, processedEventPut } from '@inovda/dynamo';
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

/** The consumer name processed-event records are kept under. */
const CONSUMER = 'cycle-projection';

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

  /** Applies a CycleOpened, once; a no-op when the cycle is already closed or the event was seen. */
  async opened(eventId: string, cycle: { cycleId: string; name: string; year: number; openedAt: string }) {
    const now = new Date();
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...cycleKey(cycle.cycleId),
                  ...cycle,
                  status: 'open',
                  gsi2pk: OPEN_CYCLES_PARTITION,
                  gsi2sk: `${cycle.openedAt}#${cycle.cycleId}`,
                },
                ConditionExpression: 'attribute_not_exists(closedAt)',
              },
            },
            processedEventPut(this.tableName, CONSUMER, eventId, now),
          ],
        }),
      );
    } catch (error) {
      if (isAlreadyProcessed(error, 1)) return;
      if (cancellationReason(error, 0) === 'ConditionalCheckFailed') {
        // Closed already (the close overtook the open): record the event as handled and change nothing else.
        await this.markProcessed(eventId, now);
        return;
      }
      throw error;
    }
  }

  /** Applies a CycleClosed, once. Closing is final, so it overwrites whatever was known. */
  async closed(eventId: string, cycle: { cycleId: string; name: string; year: number; closedAt: string }) {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...cycleKey(cycle.cycleId), ...cycle, status: 'closed' } } },
            processedEventPut(this.tableName, CONSUMER, eventId, new Date()),
          ],
        }),
      );
    } catch (error) {
      if (!isAlreadyProcessed(error, 1)) throw error;
    }
  }

  private async markProcessed(eventId: string, now: Date): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({ TransactItems: [processedEventPut(this.tableName, CONSUMER, eventId, now)] }),
      );
    } catch (error) {
      if (!isAlreadyProcessed(error, 0)) throw error;
    }
  }

  /** The condition a registration's transaction carries: the cycle is still open when it commits. */
  openCondition(cycleId: string) {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: cycleKey(cycleId),
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'open' },
      },
    };
  }
}
