import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Profile } from '@inovda/contracts';
import {
  type Applied,
  PROCESSED_ITEM,
  type Processing,
  TransactionCancelled,
  TransactWrite,
  withoutStorage,
} from '@inovda/dynamo';
import type { Track, TrackHistoryEntry } from '../domain/track';
import { profileKey } from './keys';
import { putHistory, putTrack, TRACK_ITEM } from './track-items';
import { TrackChanged } from './track-store';

/**
 * The gate projection of an innovation: its latest profile as the submissions events carried it. The whole profile
 * is kept, not only today's gate fields, because a region's gates may name any field of the national form.
 */
export interface GateProjection {
  readonly innovationId: string;
  readonly profileVersion: number;
  readonly profile: Profile;
}

const PROJECTION_ITEM = 'projection';

/** The latest profile of each innovation, as the gates read it. */
export class GateProjectionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(innovationId: string): Promise<GateProjection | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: profileKey(innovationId), ConsistentRead: true }),
    );
    return result.Item ? withoutStorage<GateProjection>(result.Item, ['pk', 'sk']) : undefined;
  }

  /**
   * Keeps the latest profile of an innovation (and, with `renamed`, the track's copy of its name). Events may
   * arrive out of order: an older version never overwrites a newer one (`stale`), and the same event twice changes
   * nothing (`duplicate`).
   */
  async save(
    projection: GateProjection,
    processing: Processing,
    now: Date,
    renamed?: { next: Track; expectedVersion: number; history: TrackHistoryEntry },
  ): Promise<Applied> {
    const write = new TransactWrite(this.tableName).processed(processing.consumer, processing.eventId, now).put(
      PROJECTION_ITEM,
      { ...projection, ...profileKey(projection.innovationId) },
      {
        expression: 'attribute_not_exists(pk) OR profileVersion < :version',
        values: { ':version': projection.profileVersion },
      },
    );
    if (renamed) {
      // The track carries the innovation's name for the board; it follows the profile in the same transaction.
      putTrack(write, renamed.next, renamed.expectedVersion);
      putHistory(write, renamed.next.innovationId, renamed.history);
    }
    try {
      await write.commit(this.db);
      return 'applied';
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(PROCESSED_ITEM)) return 'duplicate';
      if (error.failed(PROJECTION_ITEM)) return 'stale';
      if (error.failed(TRACK_ITEM)) throw new TrackChanged();
      throw error;
    }
  }
}
