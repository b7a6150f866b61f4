import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent } from '@inovda/contracts';
import {
  type Applied,
  IF_ABSENT,
  PROCESSED_ITEM,
  type Processing,
  TransactionCancelled,
  TransactWrite,
} from '@inovda/dynamo';
import { trackKey } from './keys';
import { TRACK_ITEM } from './track-items';
import { TrackChanged } from './track-store';

/**
 * What applying the submissions events records besides tracks: a withdrawal that came before its registration (a
 * tombstone), and a registration refused because its cycle had closed. Apart from TrackStore, so the functions
 * that change tracks on a person's request bundle none of it.
 */
export class RegistrationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records a withdrawal that arrived before its registration, so the late registration opens no track. Returns
   * `stale` if a tombstone is already there; throws TrackChanged if a track was opened since the caller read.
   */
  async putTombstone(
    tombstone: { innovationId: string; opdId: string; withdrawnAt: string },
    processing: Processing,
    now: Date,
  ): Promise<Applied> {
    try {
      await new TransactWrite(this.tableName)
        .processed(processing.consumer, processing.eventId, now)
        .put(
          TRACK_ITEM,
          { ...tombstone, ...trackKey(tombstone.innovationId), tombstone: true, status: 'withdrawn' },
          IF_ABSENT,
        )
        .commit(this.db);
      return 'applied';
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(PROCESSED_ITEM)) return 'duplicate';
      // Either another tombstone (the withdrawal is already recorded) or a track the registration opened since
      // we read: then the caller must withdraw that real track on a fresh read, never report success.
      if (await this.isTombstone(tombstone.innovationId)) return 'stale';
      throw new TrackChanged();
    }
  }

  /**
   * Records that a registration was refused (its cycle had closed): the processed-event record and the
   * RegistrationRefused event, no track. A redelivery is a `duplicate`.
   */
  async refuseRegistration(refusal: AnyOutgoingEvent, processing: Processing, now: Date): Promise<Applied> {
    try {
      await new TransactWrite(this.tableName)
        .processed(processing.consumer, processing.eventId, now)
        .events([refusal], now)
        .commit(this.db);
      return 'applied';
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed(PROCESSED_ITEM)) return 'duplicate';
      throw error;
    }
  }

  private async isTombstone(innovationId: string): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: trackKey(innovationId), ConsistentRead: true }),
    );
    return result.Item?.tombstone === true;
  }
}
