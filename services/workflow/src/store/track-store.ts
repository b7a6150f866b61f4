import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Profile, Stage } from '@inovda/contracts';
import { decodeCursor, outboxPut, processedEventPut } from '@inovda/dynamo';
import { Problem } from '@inovda/lambda-kit';
import type { AdvanceRequest, Track, TrackHistoryEntry } from '../domain/track';
import { type AnyEvent, cancellationCodes, type Page, pageOf, type TransactItems, withoutStorage } from './common';
import {
  DUE_PARTITION,
  HISTORY_PREFIX,
  historyKey,
  monevKey,
  pendingPartition,
  profileKey,
  requestKey,
  stagePartition,
  trackIndexKeys,
  trackKey,
  trackPartition,
} from './keys';

/**
 * The track changed between the read and the write (another decision, a withdrawal, the deadline schedule): a 409
 * for a caller, a retry for a consumer. Exactly one of two concurrent changes of the same version wins.
 */
export class TrackChanged extends Problem {
  constructor() {
    super('invalid-state', { detail: 'Tahapan inovasi baru saja diubah pihak lain; muat ulang lalu coba lagi.' });
  }
}

/** An extra item written with a track change, and the problem to answer when its own condition fails. */
export interface ExtraItem {
  readonly item: TransactItems[number];
  readonly onConflict?: Problem;
}

/** The event a consumer is applying, recorded in the same transaction as its effect (idempotence). */
export interface Processing {
  readonly consumer: string;
  readonly eventId: string;
}

/** The outcome of a consumer's write: done now, done before (redelivery), or superseded by a newer change. */
export type Applied = 'applied' | 'duplicate' | 'stale';

/**
 * The gate projection of an innovation: its latest profile as the submissions events carried it. The whole profile
 * is kept, not only today's gate fields, because a region's gates may name any field of the national form.
 */
export interface GateProjection {
  readonly innovationId: string;
  readonly profileVersion: number;
  readonly profile: Profile;
}

/**
 * Tracks, their history, advance requests, monev reports and the gate projection. Every change of a track is one
 * TransactWriteItems: the track (conditional on its version), its history entry, its events (outbox) and its
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
    return result.Item && result.Item.tombstone !== true ? withoutStorage<Track>(result.Item) : undefined;
  }

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
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            processedEventPut(this.tableName, processing.consumer, processing.eventId, now),
            {
              Put: {
                TableName: this.tableName,
                Item: { ...tombstone, ...trackKey(tombstone.innovationId), tombstone: true, status: 'withdrawn' },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return 'applied';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') return 'duplicate';
      if (codes?.[1] === 'ConditionalCheckFailed') {
        // Either another tombstone (the withdrawal is already recorded) or a track the registration opened since
        // we read: then the caller must withdraw that real track on a fresh read, never report success.
        if (await this.isTombstone(tombstone.innovationId)) return 'stale';
        throw new TrackChanged();
      }
      throw error;
    }
  }

  private async isTombstone(innovationId: string): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: trackKey(innovationId), ConsistentRead: true }),
    );
    return result.Item?.tombstone === true;
  }

  async getProfile(innovationId: string): Promise<GateProjection | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: profileKey(innovationId), ConsistentRead: true }),
    );
    return result.Item ? withoutStorage<GateProjection>(result.Item) : undefined;
  }

  async getRequest(innovationId: string, requestId: string): Promise<AdvanceRequest | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: requestKey(innovationId, requestId), ConsistentRead: true }),
    );
    return result.Item ? withoutStorage<AdvanceRequest>(result.Item) : undefined;
  }

  /** The transaction item that puts an advance request for the record. */
  requestPut(innovationId: string, request: AdvanceRequest): TransactItems[number] {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...request, ...requestKey(innovationId, request.requestId) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** The transaction item that records a decision on a request still pending. */
  requestDecision(innovationId: string, decided: AdvanceRequest): TransactItems[number] {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...decided, ...requestKey(innovationId, decided.requestId) },
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      },
    };
  }

  /** The transaction item that files a monev report, once per period. */
  monevPut(innovationId: string, period: number, report: Record<string, unknown>): TransactItems[number] {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...report, ...monevKey(innovationId, period) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /**
   * Writes a track's next state if and only if it is still at `expectedVersion` (a new track: if none exists),
   * with its history entry, extra items, events and counters. A lost race is a 409: exactly one of two concurrent
   * decisions wins. With `processing`, the processed-event record comes first and a redelivery is `duplicate`.
   */
  async change(
    next: Track,
    expectedVersion: number | 'new',
    options: {
      history?: TrackHistoryEntry;
      extra?: readonly ExtraItem[];
      events?: readonly AnyEvent[];
      /** Board counter updates (BoardStore.counterItems), written in the same transaction. */
      counters?: TransactItems;
      processing?: Processing;
      now: Date;
    },
  ): Promise<Applied> {
    const items: TransactItems = [];
    if (options.processing) {
      items.push(
        processedEventPut(this.tableName, options.processing.consumer, options.processing.eventId, options.now),
      );
    }
    const trackIndex = items.length;
    items.push({
      Put: {
        TableName: this.tableName,
        Item: { ...next, ...trackKey(next.innovationId), ...trackIndexKeys(next) },
        ...(expectedVersion === 'new'
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
      },
    });
    if (options.history) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...options.history, ...historyKey(next.innovationId, options.history.version) },
        },
      });
    }
    const extraStart = items.length;
    for (const extra of options.extra ?? []) items.push(extra.item);
    for (const event of options.events ?? []) items.push(outboxPut(this.tableName, event, options.now));
    if (options.counters) items.push(...options.counters);
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'applied';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (options.processing && codes[0] === 'ConditionalCheckFailed') return 'duplicate';
      if (codes[trackIndex] === 'ConditionalCheckFailed') {
        // A track that exists already, for a registration: applied before, or overtaken by a withdrawal.
        if (options.processing && expectedVersion === 'new') return 'stale';
        throw new TrackChanged();
      }
      const failedExtra = (options.extra ?? []).find(
        (extra, index) => codes[extraStart + index] === 'ConditionalCheckFailed' && extra.onConflict,
      );
      if (failedExtra?.onConflict) throw failedExtra.onConflict;
      throw error;
    }
  }

  /**
   * Keeps the latest profile of an innovation for the gates (and, with `renamed`, the track's copy of its name).
   * Events may arrive out of order: an older version never overwrites a newer one (`stale`), and the same event
   * twice changes nothing (`duplicate`).
   */
  async saveProfile(
    projection: GateProjection,
    processing: Processing,
    now: Date,
    renamed?: { next: Track; expectedVersion: number; history: TrackHistoryEntry },
  ): Promise<Applied> {
    const items: TransactItems = [
      processedEventPut(this.tableName, processing.consumer, processing.eventId, now),
      {
        Put: {
          TableName: this.tableName,
          Item: { ...projection, ...profileKey(projection.innovationId) },
          ConditionExpression: 'attribute_not_exists(pk) OR profileVersion < :version',
          ExpressionAttributeValues: { ':version': projection.profileVersion },
        },
      },
    ];
    if (renamed) {
      // The track carries the innovation's name for the board; it follows the profile in the same transaction.
      items.push(
        {
          Put: {
            TableName: this.tableName,
            Item: { ...renamed.next, ...trackKey(renamed.next.innovationId), ...trackIndexKeys(renamed.next) },
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': renamed.expectedVersion },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...renamed.history, ...historyKey(renamed.next.innovationId, renamed.history.version) },
          },
        },
      );
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'applied';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') return 'duplicate';
      if (codes?.[1] === 'ConditionalCheckFailed') return 'stale';
      if (codes?.[2] === 'ConditionalCheckFailed') throw new TrackChanged();
      throw error;
    }
  }

  /** One page of a track's history, oldest first. */
  async history(innovationId: string, limit: number, cursor?: string): Promise<Page<TrackHistoryEntry>> {
    const partition = trackPartition(innovationId);
    const startKey = cursor
      ? decodeCursor(cursor, { attributes: ['pk', 'sk'], partition: { pk: partition } })
      : undefined;
    if (cursor && (!startKey || !String(startKey.sk).startsWith(HISTORY_PREFIX))) throw new Problem('invalid-cursor');
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': HISTORY_PREFIX },
        ConsistentRead: true,
        Limit: limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    return pageOf(result.Items ?? [], limit, ['pk', 'sk'], (item) => {
      const { pk: _pk, sk: _sk, ...entry } = item;
      return entry as unknown as TrackHistoryEntry;
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

  private async indexPage(
    index: 'gsi1' | 'gsi3',
    partition: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<Track>> {
    const attributes = ['pk', 'sk', `${index}pk`, `${index}sk`];
    const startKey = cursor
      ? decodeCursor(cursor, { attributes, partition: { [`${index}pk`]: partition } })
      : undefined;
    if (cursor && !startKey) throw new Problem('invalid-cursor');
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}pk` },
        ExpressionAttributeValues: { ':pk': partition },
        Limit: limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    return pageOf(result.Items ?? [], limit, attributes, (item) => withoutStorage<Track>(item));
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
      tracks: (result.Items ?? []).map((item) => withoutStorage<Track>(item)),
      ...(result.LastEvaluatedKey ? { nextKey: result.LastEvaluatedKey } : {}),
    };
  }
}
