import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { STAGES, type Stage } from '@inovda/contracts';
import { TransactionCancelled, TransactWrite } from '@inovda/dynamo';
import { counterUpdate, setUpdate } from '@inovda/dynamo/updates';
import type { BoardChange, BoardCounts } from '../domain/board';
import { cycleKey, cyclePartition, funnelKey, OPD_ROW_PREFIX, opdRowKey } from './keys';

/**
 * Counter attribute names: top-level, so `ADD` works on an item that does not exist yet. Only this module reads
 * or writes them.
 */
const COUNTER = {
  registered: 'registered',
  withdrawn: 'withdrawn',
  held: 'held',
  stage: (stage: Stage) => `stage_${stage}`,
} as const;

/** At most this many pages of OPD rows are read for one board (far above any region's OPD count). */
const MAX_OPD_ROW_PAGES = 5;

function deltasOf(change: BoardChange): Record<string, number> {
  const deltas: Record<string, number> = {};
  if (change.registered) deltas[COUNTER.registered] = change.registered;
  if (change.withdrawn) deltas[COUNTER.withdrawn] = change.withdrawn;
  if (change.held) deltas[COUNTER.held] = change.held;
  for (const [stage, delta] of Object.entries(change.stages ?? {}) as Array<[Stage, number]>) {
    if (delta) deltas[COUNTER.stage(stage)] = delta;
  }
  return deltas;
}

function count(row: Record<string, unknown>, name: string): number {
  const value = row[name];
  return typeof value === 'number' ? value : 0;
}

function countsOf(row: Record<string, unknown>): BoardCounts {
  return {
    registered: count(row, COUNTER.registered),
    withdrawn: count(row, COUNTER.withdrawn),
    held: count(row, COUNTER.held),
    stages: Object.fromEntries(STAGES.map((stage) => [stage, count(row, COUNTER.stage(stage))])) as Record<
      Stage,
      number
    >,
  };
}

/** An OPD's row of a cycle: its pledge (null before it pledged) and its counts. */
export interface OpdRow {
  readonly opdId: string;
  readonly pledged: number | null;
  readonly counts: BoardCounts;
}

/**
 * The coordinator board: OPD commitments and the counters kept with `ADD` in the same transaction as the change
 * they count. This is the only workflow module that updates items in place, so only the functions that import it
 * need that grant (`updatesItems`).
 */
export class BoardStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The items that move a cycle's counts (its funnel row and the OPD's row), to commit with a track change. */
  counters(cycleId: string, opdId: string, change: BoardChange): TransactWrite {
    const write = new TransactWrite(this.tableName);
    const deltas = deltasOf(change);
    const funnel = counterUpdate(this.tableName, funnelKey(cycleId), deltas);
    const opd = counterUpdate(this.tableName, opdRowKey(cycleId, opdId), deltas, { opdId });
    if (funnel) write.add('funnel-counters', funnel);
    if (opd) write.add('opd-counters', opd);
    return write;
  }

  /**
   * Sets an OPD's pledge, provided the cycle still takes commitments (checked in the same transaction, so a close
   * in between cannot slip past). The OPD row also holds the OPD's counters, which this leaves alone. False when
   * the cycle no longer takes commitments.
   */
  async setCommitment(cycleId: string, opdId: string, pledged: number, at: string): Promise<boolean> {
    try {
      await new TransactWrite(this.tableName)
        .check('cycle', cycleKey(cycleId), {
          expression: '#status IN (:planned, :open)',
          names: { '#status': 'status' },
          values: { ':planned': 'planned', ':open': 'open' },
        })
        .add('opd-row', setUpdate(this.tableName, opdRowKey(cycleId, opdId), { opdId, pledged, pledgedAt: at }))
        .commit(this.db);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed('cycle')) return false;
      throw error;
    }
  }

  /** The funnel counts of a cycle (zero before anything was counted). */
  async funnel(cycleId: string): Promise<BoardCounts> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: funnelKey(cycleId), ConsistentRead: true }),
    );
    return countsOf(result.Item ?? {});
  }

  /** The OPD rows of a cycle (pledge and counts); `bound` is the region's OPD count. */
  async opdRows(cycleId: string, bound: number): Promise<OpdRow[]> {
    // Every row of the cycle, not just `bound` of them: a row of an OPD since removed from the region config must
    // not push a current OPD's row off the page. Rows exist only for OPDs that ever had a count, so a few pages
    // at most; the page cap keeps the read bounded whatever happens.
    const rows: OpdRow[] = [];
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
      for (const item of result.Items ?? []) {
        rows.push({
          opdId: String(item.opdId),
          pledged: typeof item.pledged === 'number' ? item.pledged : null,
          counts: countsOf(item),
        });
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return rows;
  }
}
