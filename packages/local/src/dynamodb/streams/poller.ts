import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { errorMessage } from '../../errors';
import { testEventPattern } from '../../event-pattern';
import type { InvokeResult } from '../../lambda/invocation';
import type { LocalLogger } from '../../log';
import { type BackoffOptions, backoffDelay, sleep } from '../../retry';
import type { DeadLetterStore } from '../../sqs/dead-letters';
import { latestStreamArn } from '../tables';
import type { CheckpointStore, StreamCheckpoint } from './checkpoints';
import { toLambdaRecord } from './records';

/** An event source mapping from a table's stream to a function, as the stack configures it. */
export interface StreamPollerOptions {
  /** Name in logs and dead letters (`<service> stream`). */
  readonly name: string;
  readonly tableName: string;
  readonly dynamo: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  /** Invokes the function synchronously (stream mappings invoke RequestResponse). */
  readonly invoke: (event: DynamoDBStreamEvent) => Promise<InvokeResult>;
  readonly targetArn: string;
  /** Filter criteria (EventBridge pattern syntax, as Lambda filters use); records not matching are skipped. */
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly batchSize: number;
  readonly maximumRetryAttempts: number;
  readonly bisectBatchOnError: boolean;
  readonly awsRegion: string;
  readonly checkpoints: CheckpointStore;
  readonly deadLetters: DeadLetterStore;
  readonly log: LocalLogger;
  /** Pause between polls when the stream has nothing new (short, so end-to-end tests are quick). */
  readonly pollIntervalMs?: number;
  readonly backoff?: Partial<BackoffOptions>;
}

/** Counters for `/health`. */
export interface StreamPollerStats {
  readonly name: string;
  readonly running: boolean;
  readonly lastPollAt: string | undefined;
  readonly recordsDelivered: number;
  readonly batchesDeadLettered: number;
  readonly lastError: string | undefined;
}

type BatchOutcome =
  | { kind: 'ok' }
  | { kind: 'partial'; index: number }
  | { kind: 'error'; code: string; message: string };

function sequenceOf(record: DynamoDBRecord | undefined): string {
  return record?.dynamodb?.SequenceNumber ?? '';
}

function compareSequence(a: string | undefined, b: string | undefined): number {
  const left = BigInt(a ?? '0');
  const right = BigInt(b ?? '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

function isBatchResponse(value: unknown): value is DynamoDBBatchResponse {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>).batchItemFailures)
  );
}

/**
 * The local event source mapping of a table stream: polls DynamoDB Local's stream (DescribeStream,
 * GetShardIterator, GetRecords), reads parent shards before their children, applies the filter, invokes the
 * function with a real `DynamoDBStreamEvent` and honours `batchItemFailures` (resuming from the first failed
 * record), bisects failing batches, retries up to `maximumRetryAttempts`, then dead-letters the batch and moves on.
 * The position is checkpointed per shard after every handled batch.
 */
export class StreamPoller {
  private streamArn: string | undefined;
  private checkpoint: StreamCheckpoint | undefined;
  private readonly iterators = new Map<string, string>();
  private abort = new AbortController();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly backoff: BackoffOptions;
  private lastPollAt: string | undefined;
  private lastError: string | undefined;
  private recordsDelivered = 0;
  private batchesDeadLettered = 0;

  constructor(private readonly options: StreamPollerOptions) {
    this.backoff = { baseDelayMs: 200, maxDelayMs: 5_000, ...options.backoff };
  }

  /** Starts polling in the background (again, after {@link pause}); does nothing once stopped. */
  start(): void {
    if (this.stopped || this.loop) return;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.loop = this.run();
  }

  /** Stops polling and waits for the batch in progress (whose retries are abandoned, not checkpointed). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  /**
   * Stops polling as a crashed or redeployed mapping does: the batch in progress is abandoned (not checkpointed,
   * so it is read again), and everything held in memory is forgotten. {@link start} then resumes from the
   * persisted checkpoint, as a new poller would (the `stream-poller-stopped` fault).
   */
  async pause(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.loop = undefined;
    this.streamArn = undefined;
    this.checkpoint = undefined;
    this.iterators.clear();
  }

  /** Counters. */
  stats(): StreamPollerStats {
    return {
      name: this.options.name,
      running: this.loop !== undefined && !this.abort.signal.aborted,
      lastPollAt: this.lastPollAt,
      recordsDelivered: this.recordsDelivered,
      batchesDeadLettered: this.batchesDeadLettered,
      lastError: this.lastError,
    };
  }

  /** Reads every shard once up to its current end; resolves how many records reached the function. */
  async pollOnce(): Promise<number> {
    this.streamArn ??= await latestStreamArn(this.options.dynamo, this.options.tableName);
    this.checkpoint ??= this.options.checkpoints.load(this.streamArn);
    const shards = await this.describeShards(this.streamArn);
    const known = new Set(shards.map((shard) => shard.ShardId));
    this.forgetTrimmedShards(known);
    let delivered = 0;
    for (const shard of shards) {
      if (this.abort.signal.aborted) break;
      const shardId = shard.ShardId;
      if (!shardId || this.checkpoint.shards[shardId]?.finished) continue;
      // Parents first, so records of one item arrive in order across a shard rollover.
      const parent = shard.ParentShardId;
      if (parent && known.has(parent) && !this.checkpoint.shards[parent]?.finished) continue;
      delivered += await this.readShard(this.streamArn, shardId);
    }
    this.lastPollAt = new Date().toISOString();
    return delivered;
  }

  private async run(): Promise<void> {
    const interval = this.options.pollIntervalMs ?? 200;
    while (!this.abort.signal.aborted) {
      try {
        await this.pollOnce();
        this.lastError = undefined;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) {
          // The table (or stream) was deleted, perhaps recreated: look the stream up again next time.
          this.streamArn = undefined;
          this.checkpoint = undefined;
          this.iterators.clear();
        }
        const message = errorMessage(error);
        if (message !== this.lastError) this.options.log.warn(`${this.options.name}: poll failed: ${message}`);
        this.lastError = message;
      }
      await sleep(interval, this.abort.signal);
    }
  }

  private async describeShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards.sort((a, b) =>
      compareSequence(a.SequenceNumberRange?.StartingSequenceNumber, b.SequenceNumberRange?.StartingSequenceNumber),
    );
  }

  private async iteratorFor(streamArn: string, shardId: string): Promise<string | undefined> {
    const cached = this.iterators.get(shardId);
    if (cached) return cached;
    const after = this.checkpoint?.shards[shardId]?.sequenceNumber;
    const result = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        // The stack starts at TRIM_HORIZON: no outbox row written before the mapping existed is lost.
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return result.ShardIterator;
  }

  private async readShard(streamArn: string, shardId: string): Promise<number> {
    let delivered = 0;
    let iterator = await this.iteratorFor(streamArn, shardId);
    while (iterator && !this.abort.signal.aborted) {
      let page: GetRecordsCommandOutput;
      try {
        page = await this.options.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize }),
        );
      } catch (error) {
        // A stale iterator (15 minutes) or a trimmed position: start over from the checkpoint.
        this.iterators.delete(shardId);
        if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) return delivered;
        throw error;
      }
      const raw = page.Records ?? [];
      if (raw.length > 0) {
        const records = raw.map((record) => toLambdaRecord(record, streamArn, this.options.awsRegion));
        const handled = await this.handle(shardId, records);
        if (!handled) {
          // Stopped mid-batch: forget the iterator; the next start resumes from the checkpoint.
          this.iterators.delete(shardId);
          return delivered;
        }
        delivered += records.length;
      }
      iterator = page.NextShardIterator;
      if (!iterator) {
        this.iterators.delete(shardId);
        this.markShard(shardId, { finished: true });
        return delivered;
      }
      this.iterators.set(shardId, iterator);
      if (raw.length === 0) return delivered;
    }
    return delivered;
  }

  /** Handles the records of one GetRecords page; resolves false when stopped before finishing. */
  private async handle(shardId: string, page: DynamoDBRecord[]): Promise<boolean> {
    const lastOfPage = sequenceOf(page[page.length - 1]);
    const filter = this.options.filter;
    const matching = filter ? page.filter((record) => testEventPattern(record, filter)) : page;
    const queue: DynamoDBRecord[][] = matching.length > 0 ? [matching] : [];
    const failures = new Map<string, number>();
    while (queue.length > 0) {
      const batch = queue[0] ?? [];
      const outcome = await this.invoke(batch);
      if (outcome.kind === 'ok') {
        queue.shift();
        this.recordsDelivered += batch.length;
        this.markShard(shardId, { sequenceNumber: sequenceOf(batch[batch.length - 1]) });
        continue;
      }
      let failing = batch;
      if (outcome.kind === 'partial' && outcome.index > 0) {
        // Lambda checkpoints before the first reported failure and retries from it.
        this.recordsDelivered += outcome.index;
        this.markShard(shardId, { sequenceNumber: sequenceOf(batch[outcome.index - 1]) });
        failing = batch.slice(outcome.index);
        queue[0] = failing;
      } else if (outcome.kind === 'error' && this.options.bisectBatchOnError && batch.length > 1) {
        // Splitting a failed batch does not count against the retry quota.
        const middle = Math.ceil(batch.length / 2);
        queue.splice(0, 1, batch.slice(0, middle), batch.slice(middle));
        continue;
      }
      const head = sequenceOf(failing[0]);
      const failedAttempts = (failures.get(head) ?? 0) + 1;
      failures.set(head, failedAttempts);
      if (failedAttempts > this.options.maximumRetryAttempts) {
        this.deadLetter(shardId, failing, failedAttempts, outcome);
        queue.shift();
        this.markShard(shardId, { sequenceNumber: sequenceOf(failing[failing.length - 1]) });
        continue;
      }
      if (!(await sleep(backoffDelay(failedAttempts, this.backoff), this.abort.signal))) return false;
    }
    // Records the filter dropped count as handled, as with Lambda filter criteria.
    if (lastOfPage) this.markShard(shardId, { sequenceNumber: lastOfPage });
    return true;
  }

  private async invoke(batch: DynamoDBRecord[]): Promise<BatchOutcome> {
    let result: InvokeResult;
    try {
      result = await this.options.invoke({ Records: batch });
    } catch (error) {
      return { kind: 'error', code: 'InvokeError', message: errorMessage(error) };
    }
    if (!result.ok) return { kind: 'error', code: result.error.errorType, message: result.error.errorMessage };
    if (!isBatchResponse(result.payload) || result.payload.batchItemFailures.length === 0) return { kind: 'ok' };
    const positions = result.payload.batchItemFailures.map((failure) =>
      batch.findIndex((record) => sequenceOf(record) === failure.itemIdentifier),
    );
    // An identifier that names no record of the batch makes Lambda treat the whole batch as failed.
    if (positions.some((position) => position < 0)) {
      return {
        kind: 'error',
        code: 'InvalidBatchItemFailures',
        message: 'batchItemFailures names no record of the batch',
      };
    }
    return { kind: 'partial', index: Math.min(...positions) };
  }

  private deadLetter(shardId: string, batch: DynamoDBRecord[], attempts: number, outcome: BatchOutcome): void {
    this.batchesDeadLettered++;
    const first = batch[0]?.dynamodb;
    const last = batch[batch.length - 1]?.dynamodb;
    this.options.deadLetters.add({
      source: 'table-stream',
      name: this.options.name,
      targetArn: this.options.targetArn,
      reason: 'RetryAttemptsExhausted',
      attempts,
      errorCode: outcome.kind === 'error' ? outcome.code : 'PartialBatchFailure',
      errorMessage: outcome.kind === 'error' ? outcome.message : 'the function reported batchItemFailures',
      // What Lambda sends to an on-failure destination (batch info), plus the records themselves for reading.
      payload: {
        DDBStreamBatchInfo: {
          shardId,
          startSequenceNumber: first?.SequenceNumber,
          endSequenceNumber: last?.SequenceNumber,
          batchSize: batch.length,
          streamArn: batch[0]?.eventSourceARN,
        },
        records: batch,
      },
    });
    this.options.log.warn(
      `${this.options.name}: ${batch.length} record(s) from ${first?.SequenceNumber ?? '?'} dead-lettered after ${attempts} attempt(s)`,
    );
  }

  /** Drops checkpoints of shards the stream no longer lists (trimmed after 24 hours), so the file stays small. */
  private forgetTrimmedShards(known: ReadonlySet<string | undefined>): void {
    const checkpoint = this.checkpoint;
    if (!checkpoint) return;
    const kept = Object.entries(checkpoint.shards).filter(([shardId]) => known.has(shardId));
    if (kept.length === Object.keys(checkpoint.shards).length) return;
    this.checkpoint = { ...checkpoint, shards: Object.fromEntries(kept) };
    this.options.checkpoints.save(this.checkpoint);
  }

  private markShard(shardId: string, position: { sequenceNumber?: string; finished?: boolean }): void {
    const checkpoint = this.checkpoint ?? { streamArn: this.streamArn ?? '', shards: {} };
    const previous = checkpoint.shards[shardId] ?? {};
    if (
      position.sequenceNumber &&
      previous.sequenceNumber &&
      compareSequence(position.sequenceNumber, previous.sequenceNumber) <= 0
    ) {
      if (!position.finished) return;
    }
    this.checkpoint = { ...checkpoint, shards: { ...checkpoint.shards, [shardId]: { ...previous, ...position } } };
    this.options.checkpoints.save(this.checkpoint);
  }
}
