import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyOutgoingEvent } from '@inovda/contracts';
import {
  type Applied,
  CONSUMER_CONFLICT_RETRY,
  PROCESSED_ITEM,
  type Processing,
  TransactionCancelled,
  TransactWrite,
  withoutStorage,
} from '@inovda/dynamo';
import { Problem } from '@inovda/kernel';
import type { AdvanceRequest, Track, TrackHistoryEntry } from '../domain/track';
import { STORAGE_ATTRIBUTES, trackKey } from './keys';
import { MONEV_ITEM, putHistory, putMonev, putRequest, putTrack, REQUEST_ITEM, TRACK_ITEM } from './track-items';

/**
 * The track changed between the read and the write (another decision, a withdrawal, the deadline schedule): a 409
 * for a caller, a retry for a consumer. Exactly one of two concurrent changes of the same version wins.
 */
export class TrackChanged extends Problem {
  constructor() {
    super('invalid-state', { detail: 'Tahapan inovasi baru saja diubah pihak lain; muat ulang lalu coba lagi.' });
  }
}

export function toTrack(item: Record<string, unknown>): Track {
  return withoutStorage<Track>(item, STORAGE_ATTRIBUTES);
}

/** What a track change writes besides the track itself, all in the same transaction. */
export interface TrackChange {
  readonly history?: TrackHistoryEntry;
  /** An advance request: a new one, or the decision on the pending one (refused with `alreadyDecided` if not). */
  readonly request?:
    | { readonly kind: 'new'; readonly record: AdvanceRequest }
    | { readonly kind: 'decision'; readonly record: AdvanceRequest; readonly alreadyDecided?: Problem };
  /** A monev report of a period (refused with `alreadyFiled` when that period has one). */
  readonly monev?: {
    readonly period: number;
    readonly report: Record<string, unknown>;
    readonly alreadyFiled: Problem;
  };
  readonly events?: readonly AnyOutgoingEvent[];
  /** The board counters the change moves (BoardStore.counters). */
  readonly counters?: TransactWrite;
  /** The event a consumer is applying: recorded with the change, so a redelivery is a `duplicate`. */
  readonly processing?: Processing;
  readonly now: Date;
}

/**
 * Tracks and what changes with them: history entries, advance requests and monev reports (lists are in
 * list-store.ts, so the functions that change tracks bundle no Query). Every change of a track is one TransactWriteItems:
 * the track (conditional on its version), its history entry, its request or report, its events (outbox) and its
 * board counters, so the board and the bus never disagree with the track.
 */
export class TrackStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(innovationId: string): Promise<Track | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: trackKey(innovationId), ConsistentRead: true }),
    );
    // A tombstone (a withdrawal that came before its registration) is not a track.
    return result.Item && result.Item.tombstone !== true ? toTrack(result.Item) : undefined;
  }

  /**
   * Writes a track's next state if and only if it is still at `expectedVersion` (a new track: if none exists),
   * with what `change` says. A lost race is a 409 (`TrackChanged`): exactly one of two concurrent decisions wins.
   * With `processing`, a redelivery is `duplicate`, and a registration whose track exists already `stale`.
   */
  async change(next: Track, expectedVersion: number | 'new', change: TrackChange): Promise<Applied> {
    const write = new TransactWrite(this.tableName);
    if (change.processing) write.processed(change.processing.consumer, change.processing.eventId, change.now);
    putTrack(write, next, expectedVersion);
    if (change.history) putHistory(write, next.innovationId, change.history);
    if (change.request) putRequest(write, next.innovationId, change.request.record, change.request.kind);
    if (change.monev) putMonev(write, next.innovationId, change.monev.period, change.monev.report);
    write.events(change.events ?? [], change.now);
    if (change.counters) write.include(change.counters);
    try {
      // A consumer has nobody waiting and a throw costs a redelivery: it outwaits a burst on the board's rows.
      await write.commit(this.db, change.processing ? CONSUMER_CONFLICT_RETRY : undefined);
      return 'applied';
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(PROCESSED_ITEM)) return 'duplicate';
      if (error.failed(TRACK_ITEM)) {
        // A track that exists already, for a registration: applied before, or overtaken by a withdrawal.
        if (change.processing && expectedVersion === 'new') return 'stale';
        throw new TrackChanged();
      }
      if (error.failed(REQUEST_ITEM) && change.request?.kind === 'decision' && change.request.alreadyDecided) {
        throw change.request.alreadyDecided;
      }
      if (error.failed(MONEV_ITEM) && change.monev) throw change.monev.alreadyFiled;
      throw error;
    }
  }
}
