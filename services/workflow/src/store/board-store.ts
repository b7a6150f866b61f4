import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, type TransactItems, withoutStorage } from './common';
import { cycleKey, cyclePartition, funnelKey, OPD_ROW_PREFIX, opdRowKey } from './keys';

/** The counters of a cycle as stored: top-level numeric attributes (see keys.ts `COUNTER`). */
export type CounterRow = Record<string, unknown>;

/** Counter changes of one cycle and OPD, applied with `ADD` to the funnel row and the OPD row. */
export interface CounterChange {
  readonly cycleId: string;
  readonly opdId: string;
  /** Attribute name (keys.ts `COUNTER`) → delta. */
  readonly deltas: Readonly<Record<string, number>>;
}

/**
 * The coordinator board: OPD commitments and the counters kept with `ADD`. This is the only module that updates
 * items in place (UpdateItem), so only the functions that import it need that grant (`updatesItems`).
 */
/** At most this many pages of OPD rows are read for one board (far above any region's OPD count). */
const MAX_OPD_ROW_PAGES = 5;

export class BoardStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The transaction items that move a cycle's board counters (funnel row and OPD row) by `change`. */
  counterItems(change: CounterChange): TransactItems {
    const entries = Object.entries(change.deltas).filter(([, delta]) => delta !== 0);
    if (entries.length === 0) return [];
    const names = Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name]));
    const values = Object.fromEntries(entries.map(([, delta], index) => [`:c${index}`, delta]));
    const add = `ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`;
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: funnelKey(change.cycleId),
          UpdateExpression: add,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: opdRowKey(change.cycleId, change.opdId),
          UpdateExpression: `${add} SET opdId = :opd`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':opd': change.opdId },
        },
      },
    ];
  }

  /**
   * Sets an OPD's pledge, provided the cycle still takes commitments (checked in the same transaction, so a close
   * in between cannot slip past). The OPD row also holds the OPD's counters, which this leaves alone.
   */
  async setCommitment(cycleId: string, opdId: string, pledged: number, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: cycleKey(cycleId),
                ConditionExpression: '#status IN (:planned, :open)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':planned': 'planned', ':open': 'open' },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: opdRowKey(cycleId, opdId),
                UpdateExpression: 'SET opdId = :opd, pledged = :pledged, pledgedAt = :at',
                ExpressionAttributeValues: { ':opd': opdId, ':pledged': pledged, ':at': at },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /** The funnel counters of a cycle (an empty object before anything was counted). */
  async funnel(cycleId: string): Promise<CounterRow> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: funnelKey(cycleId), ConsistentRead: true }),
    );
    return result.Item ? withoutStorage<CounterRow>(result.Item) : {};
  }

  /** The OPD rows of a cycle (pledge and counters); at most `bound` rows, the region's OPD count. */
  async opdRows(cycleId: string, bound: number): Promise<CounterRow[]> {
    // Every row of the cycle, not just `bound` of them: a row of an OPD since removed from the region config must
    // not push a current OPD's row off the page. Rows exist only for OPDs that ever had a count, so a few pages
    // at most; the page cap keeps the read bounded whatever happens.
    const rows: CounterRow[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_OPD_ROW_PAGES; page += 1) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': cyclePartition(cycleId), ':prefix': OPD_ROW_PREFIX },
          ConsistentRead: true,
          Limit: Math.max(bound, 100),
          ExclusiveStartKey: startKey,
        }),
      );
      rows.push(...(result.Items ?? []).map((item) => withoutStorage<CounterRow>(item)));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return rows;
  }
}
