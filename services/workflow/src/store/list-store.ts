import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MonevReport, Stage } from '@inovda/contracts';
import { queryPage, withoutStorage } from '@inovda/dynamo';
import type { Page } from '@inovda/kernel';
import { addCounts, type BoardCounts, NO_COUNTS } from '../domain/board';
import type { Cycle } from '../domain/cycle';
import type { Track, TrackHistoryEntry } from '../domain/track';
import { countsOf } from './board-counters';
import { toCycle } from './cycle-store';
import {
  COUNTER_SHARDS,
  CYCLES_PARTITION,
  cyclePartition,
  DUE_PARTITION,
  HISTORY_PREFIX,
  MONEV_PREFIX,
  OPD_ROW_PREFIX,
  pendingPartition,
  stagePartition,
  trackPartition,
} from './keys';
import { toTrack } from './track-store';

/** At most this many pages of OPD rows are read for one board (far above any region's OPDs and their shards). */
const MAX_OPD_ROW_PAGES = 5;

/** An OPD's row of a cycle: its pledge (null before it pledged) and its counts. */
export interface OpdRow {
  readonly opdId: string;
  readonly pledged: number | null;
  readonly counts: BoardCounts;
}

/**
 * What the workflow lists: cycles, the tracks in a stage of a cycle, the review queue, what is due, a track's
 * history and monev reports, and the board's counts. Queries, each bounded by a page. Apart from the stores that
 * change things, so that the functions that change tracks or cycles bundle no Query (and the readers no write).
 */
export class ListStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One page of cycles, newest year first. */
  cycles(limit: number, cursor?: string): Promise<Page<Cycle>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      index: 'gsi1',
      partition: CYCLES_PARTITION,
      descending: true,
      limit,
      ...(cursor ? { cursor } : {}),
      map: toCycle,
    });
  }

  /** One page of a track's history, oldest first. */
  history(innovationId: string, limit: number, cursor?: string): Promise<Page<TrackHistoryEntry>> {
    return this.trackItems<TrackHistoryEntry>(innovationId, HISTORY_PREFIX, limit, cursor);
  }

  /** One page of an innovation's monev reports, by period (the key pads it, so P2 comes before P10). */
  monev(innovationId: string, limit: number, cursor?: string): Promise<Page<MonevReport>> {
    return this.trackItems<MonevReport>(innovationId, MONEV_PREFIX, limit, cursor);
  }

  /** One page of the items of a track's partition whose sort key starts with `prefix`, in key order. */
  private trackItems<T>(innovationId: string, prefix: string, limit: number, cursor?: string): Promise<Page<T>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      partition: trackPartition(innovationId),
      sortKeyPrefix: prefix,
      consistentRead: true,
      limit,
      ...(cursor ? { cursor } : {}),
      map: (item) => withoutStorage<T>(item, ['pk', 'sk']),
    });
  }

  /** One page of the tracks in a stage of a cycle (the board's list), in the order they entered it. */
  inStage(cycleId: string, stage: Stage, limit: number, cursor?: string): Promise<Page<Track>> {
    return this.indexPage('gsi1', stagePartition(cycleId, stage), limit, cursor);
  }

  /** One page of the tracks of a cycle with a request waiting for review, oldest request first. */
  pending(cycleId: string, limit: number, cursor?: string): Promise<Page<Track>> {
    return this.indexPage('gsi3', pendingPartition(cycleId), limit, cursor);
  }

  private indexPage(index: 'gsi1' | 'gsi3', partition: string, limit: number, cursor?: string): Promise<Page<Track>> {
    return queryPage({
      db: this.db,
      tableName: this.tableName,
      index,
      partition,
      limit,
      ...(cursor ? { cursor } : {}),
      map: toTrack,
    });
  }

  /** One page of tracks with something due before `today` (YYYY-MM-DD), oldest due first, from the sparse index. */
  async dueBefore(
    today: string,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ tracks: Track[]; nextKey?: Record<string, unknown> }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :today',
        ExpressionAttributeValues: { ':pk': DUE_PARTITION, ':today': today },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      tracks: (result.Items ?? []).map(toTrack),
      ...(result.LastEvaluatedKey ? { nextKey: result.LastEvaluatedKey } : {}),
    };
  }

  /**
   * Each OPD of a cycle with its pledge and its counts, the sum of its rows (the OPD row and its counter shards,
   * keys.ts); `bound` is the region's OPD count.
   */
  async opdRows(cycleId: string, bound: number): Promise<OpdRow[]> {
    // Every row of the cycle, not just those of `bound` OPDs: a row of an OPD since removed from the region config
    // must not push a current OPD's row off the page. Rows exist only for OPDs that ever pledged or had a count, so
    // a page or two; the page cap keeps the read bounded whatever happens.
    const byOpd = new Map<string, { pledged: number | null; counts: BoardCounts }>();
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_OPD_ROW_PAGES; page += 1) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': cyclePartition(cycleId), ':prefix': OPD_ROW_PREFIX },
          ConsistentRead: true,
          Limit: Math.max(bound * (COUNTER_SHARDS + 1), 100),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const opdId = String(item.opdId);
        const row = byOpd.get(opdId) ?? { pledged: null, counts: NO_COUNTS };
        byOpd.set(opdId, {
          pledged: typeof item.pledged === 'number' ? item.pledged : row.pledged,
          counts: addCounts(row.counts, countsOf(item)),
        });
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return [...byOpd].map(([opdId, row]) => ({ opdId, ...row }));
  }
}
