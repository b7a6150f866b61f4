import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCancelled, TransactWrite } from '@inovda/dynamo';
import { counterUpdate, setUpdate } from '@inovda/dynamo/updates';
import type { BoardChange } from '../domain/board';
import { deltasOf } from './board-counters';
import { cycleKey, funnelKey, opdRowKey } from './keys';

/**
 * The coordinator board's writes: OPD commitments and the counters kept with `ADD` in the same transaction as the
 * change they count (the board is read in list-store.ts). This is the only workflow module that updates items in
 * place, so only the functions that import it need that grant (`updatesItems`).
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
}
