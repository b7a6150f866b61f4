/**
 * How events reach a consumer function: EventBridge rule → the function's SQS queue → Lambda event source mapping.
 *
 * Why a queue: the rule target's retry policy (185 tries, 24 h) only covers failing to *invoke* a function; an error
 * the function throws got Lambda's two asynchronous retries and then the DLQ, so a burst of conflicting events was
 * set aside after three attempts. With a queue in between, a failed record is simply not deleted: SQS delivers it
 * again after the visibility timeout, `maxReceiveCount` times (≥ 24 h in all), and only then moves it to the
 * consumer's dead-letter queue, from where `npm run redrive` moves it back. The function reports failures per record
 * (`ReportBatchItemFailures`), so one poison event neither blocks nor re-runs the others, and the mapping's
 * `MaximumConcurrency` bounds how many batches run at once, so a burst cannot pile onto one hot row.
 *
 * Retry spacing is the visibility timeout, fixed per queue: backing off per message (`ChangeMessageVisibility`) would
 * put the SQS client and its permissions in every consumer bundle for a gain of minutes. The stack, the local runtime
 * and the redrive command all read the defaults and the queue names from here.
 */
import type { FunctionSpec } from './index';

/** What a function's manifest entry may set about its queue (the rest follows from its timeout). */
export interface ConsumerQueueSpec {
  /** Records per invocation (1–10, the SQS maximum without a batching window). */
  readonly batchSize?: number;
  /** Batches the event source mapping runs at once (2–1000, Lambda's range). */
  readonly maximumConcurrency?: number;
}

/** The defaults of every consumer queue, in one place. */
export const CONSUMER_QUEUE = {
  batchSize: 10,
  /**
   * Lambda's minimum: consumers write to rows many events share (the cycle's funnel row), so fewer concurrent
   * batches mean fewer transaction conflicts; records of one batch run one after another.
   */
  maximumConcurrency: 2,
  /** AWS asks for a visibility timeout of at least six times the function timeout (a batch retried in-flight). */
  visibilityTimeoutFactor: 6,
  /**
   * The shortest retry spacing: below ~87 s, a day of retries would need more than SQS's 1000 receives. Two minutes
   * also let a throttled table or a conflicting burst settle before the next try.
   */
  minimumVisibilityTimeoutSeconds: 120,
  /** How long a failing record is retried before it is set aside: a day, with an hour's margin. */
  retryWindowSeconds: 25 * 3600,
  /** SQS's own bounds on `maxReceiveCount`. */
  maximumReceiveCount: 1000,
  /** Longer than the retry window, so a record is never lost to expiry while it is still being retried. */
  retentionSeconds: 4 * 24 * 3600,
  /**
   * The SQS maximum. Expiry in a DLQ counts from the original enqueue time, so a record set aside after ~25 h of
   * retries has about 13 days left to be redriven.
   */
  deadLetterRetentionSeconds: 14 * 24 * 3600,
  /** The oldest message older than this means a consumer has been failing for an hour: alarmed. */
  oldestMessageAlarmSeconds: 3600,
} as const;

/** Everything the stack and the local runtime set on one consumer's queue, DLQ and event source mapping. */
export interface ConsumerQueuePolicy {
  readonly batchSize: number;
  readonly maximumConcurrency: number;
  readonly visibilityTimeoutSeconds: number;
  /** Receives before SQS moves a record to the DLQ. */
  readonly maxReceiveCount: number;
  readonly retentionSeconds: number;
  readonly deadLetterRetentionSeconds: number;
}

/**
 * The queue policy of a function with subscriptions, or undefined for one without. The visibility timeout is
 * `max(6 × timeout, 2 min)`; `maxReceiveCount` is what makes the receives span the retry window.
 */
export function consumerQueuePolicy(fn: FunctionSpec, functionTimeoutSeconds: number): ConsumerQueuePolicy | undefined {
  if ((fn.subscriptions ?? []).length === 0) return undefined;
  const batchSize = fn.consumerQueue?.batchSize ?? CONSUMER_QUEUE.batchSize;
  const maximumConcurrency = fn.consumerQueue?.maximumConcurrency ?? CONSUMER_QUEUE.maximumConcurrency;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) {
    throw new Error(`${fn.name}: consumerQueue.batchSize must be 1 to 10`);
  }
  if (!Number.isInteger(maximumConcurrency) || maximumConcurrency < 2 || maximumConcurrency > 1000) {
    throw new Error(`${fn.name}: consumerQueue.maximumConcurrency must be 2 to 1000`);
  }
  const visibilityTimeoutSeconds = Math.max(
    CONSUMER_QUEUE.visibilityTimeoutFactor * functionTimeoutSeconds,
    CONSUMER_QUEUE.minimumVisibilityTimeoutSeconds,
  );
  const maxReceiveCount = Math.min(
    CONSUMER_QUEUE.maximumReceiveCount,
    Math.ceil(CONSUMER_QUEUE.retryWindowSeconds / visibilityTimeoutSeconds),
  );
  return {
    batchSize,
    maximumConcurrency,
    visibilityTimeoutSeconds,
    maxReceiveCount,
    retentionSeconds: CONSUMER_QUEUE.retentionSeconds,
    deadLetterRetentionSeconds: CONSUMER_QUEUE.deadLetterRetentionSeconds,
  };
}

/**
 * Names of a consumer's queues, the same in AWS and locally (so `npm run redrive` and `/local/queues` speak of the
 * same queues): `inovda-<region>-<service>-<function>`, its DLQ `…-dlq`, and the rule targets' DLQ (events
 * EventBridge could not put into the queue) `…-undelivered`. SQS allows 80 characters.
 */
export function consumerQueueNames(regionId: string, service: string, fn: string) {
  const queue = `inovda-${regionId}-${service}-${fn}`;
  const names = { queue, deadLetterQueue: `${queue}-dlq`, undeliveredQueue: `${queue}-undelivered` };
  if (names.undeliveredQueue.length > 80) throw new Error(`queue name ${names.undeliveredQueue} is over 80 characters`);
  return names;
}
