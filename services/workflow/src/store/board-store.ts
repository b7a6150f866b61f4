import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCancelled, TransactWrite } from '@inovda/dynamo';
import { counterUpdate, setUpdate } from '@inovda/dynamo/updates';
import type { BoardChange } from '../domain/board';
import { deltasOf } from './board-counters';
import { counterShardOf, cycleKey, opdCounterKey, opdRowKey } from './keys';

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

  /**
   * The item that moves a cycle's counts, to commit with a track change: the track's counter shard of its OPD
   * (keys.ts says why shards). The funnel is the sum of the OPDs, so there is no cycle-wide row to update.
   */
  counters(track: { cycleId: string; opdId: string; innovationId: string }, change: BoardChange): TransactWrite {
    const write = new TransactWrite(this.tableName);
    const key = opdCounterKey(track.cycleId, track.opdId, counterShardOf(track.innovationId));
    const update = counterUpdate(this.tableName, key, deltasOf(change), { opdId: track.opdId });
    if (update) write.add('opd-counters', update);
    return write;
  }

  /**
   * Sets an OPD's pledge, provided the cycle still takes commitments (checked in the same transaction, so a close
   * in between cannot slip past). The OPD row may also hold counters from before the shards, which this leaves alone. False when
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
