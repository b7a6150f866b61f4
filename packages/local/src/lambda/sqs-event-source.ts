import { createHash } from 'node:crypto';
import { testEventPattern } from '../event-pattern';
import type { ConsumerFailsFault } from '../faults/switches';
import type { LocalLogger } from '../log';
import type { LocalQueue, ReceivedMessage } from '../sqs/queue';
import type { InvokeResult } from './invocation';

/** How a queue feeds a function. */
export interface SqsEventSourceOptions {
  /** `<service>/<function>`. */
  readonly functionId: string;
  readonly queue: LocalQueue;
  readonly invoke: (event: unknown) => Promise<InvokeResult>;
  readonly batchSize: number;
  /** Batches in flight at once (the mapping's `ScalingConfig.MaximumConcurrency`). */
  readonly maximumConcurrency: number;
  readonly awsRegion: string;
  readonly log: LocalLogger;
  /** The `consumer-fails` fault, read per batch. */
  readonly fault: () => ConsumerFailsFault | undefined;
  /** Told each time the fault fails a batch or records of it. */
  readonly faultActed?: () => void;
}

function isBatchResponse(value: unknown): value is { batchItemFailures: Array<{ itemIdentifier?: unknown }> } {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>).batchItemFailures)
  );
}

/** What the function did with a batch: which messages are done (deleted) and why the others are not. */
type BatchOutcome =
  | { readonly kind: 'done'; readonly failed: ReadonlySet<string> }
  | { readonly kind: 'error'; readonly message: string };

/**
 * A Lambda event source mapping on an SQS queue, as AWS runs one: it receives up to `batchSize` messages, invokes
 * the function with a real `SQSEvent`, and deletes the messages the function took: all of them on success, all but
 * those named in `batchItemFailures` (`ReportBatchItemFailures`), none on a function error or on a response naming
 * a message that is not in the batch (Lambda then counts the whole batch failed). Messages not deleted come back
 * after the queue's visibility timeout, until the redrive policy moves them to the DLQ. At most
 * `maximumConcurrency` batches are in flight, so a burst queues up instead of running all at once.
 */
export class SqsEventSource {
  private inFlight = 0;
  private stopped = false;
  private scheduled = false;
  private outlivedVisibility = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly options: SqsEventSourceOptions) {
    this.unsubscribe = options.queue.onChange(() => this.schedule());
    this.schedule();
  }

  /** Resolves once the queue is empty and no batch is in flight (failed messages waiting to be retried count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  isIdle(): boolean {
    return this.stopped || (this.inFlight === 0 && this.options.queue.size === 0);
  }

  /** Stops polling; batches in flight finish (their messages stay in the queue if not deleted). */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.timer);
    this.settleIdle();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.poll();
    });
  }

  private poll(): void {
    if (this.stopped) return;
    const { queue, batchSize, maximumConcurrency } = this.options;
    while (this.inFlight < maximumConcurrency) {
      const messages = queue.receive(batchSize);
      if (messages.length === 0) break;
      this.inFlight += 1;
      void this.process(messages).finally(() => {
        this.inFlight -= 1;
        this.schedule();
        this.settleIdle();
      });
    }
    // Wake up when the next failed message becomes visible again.
    clearTimeout(this.timer);
    const next = queue.nextVisibleAt();
    if (next !== undefined && this.inFlight < maximumConcurrency) {
      this.timer = setTimeout(() => this.schedule(), Math.max(1, next - Date.now()));
    }
    this.settleIdle();
  }

  private async process(messages: ReceivedMessage[]): Promise<void> {
    const started = Date.now();
    const outcome = await this.invoke(messages);
    this.noteIfOutlivedVisibility(Date.now() - started);
    const failed = outcome.kind === 'done' ? outcome.failed : new Set(messages.map((message) => message.messageId));
    for (const message of messages) {
      if (!failed.has(message.messageId)) this.options.queue.delete(message.messageId, message.receiptHandle);
    }
    if (failed.size > 0) {
      const why = outcome.kind === 'error' ? outcome.message : 'the function reported batchItemFailures';
      this.options.log.debug(
        `${this.options.functionId}: ${failed.size} of ${messages.length} message(s) not done (${why}); SQS redelivers them after the visibility timeout`,
      );
    }
  }

  /**
   * A batch that runs longer than the queue's visibility timeout has its messages handed out again while it still
   * runs (as SQS does: why AWS asks for six function timeouts); said once per mapping, as it is a setting to fix.
   */
  private noteIfOutlivedVisibility(tookMs: number): void {
    const { visibilityTimeoutMs } = this.options.queue.options;
    if (this.outlivedVisibility || tookMs <= visibilityTimeoutMs) return;
    this.outlivedVisibility = true;
    this.options.log.warn(
      `${this.options.functionId}: a batch ran ${tookMs} ms, longer than its queue's visibility timeout (${visibilityTimeoutMs} ms): its messages were received again while it ran`,
    );
  }

  private async invoke(messages: ReceivedMessage[]): Promise<BatchOutcome> {
    const fault = this.options.fault();
    if (fault && !fault.pattern) {
      this.options.faultActed?.();
      return { kind: 'error', message: 'consumer-fails fault: the function threw' };
    }
    const faulted = new Set<string>();
    if (fault?.pattern) {
      for (const message of messages) {
        try {
          if (testEventPattern(JSON.parse(message.body), fault.pattern)) faulted.add(message.messageId);
        } catch {
          // A body that is no event is the function's to refuse.
        }
      }
    }
    if (faulted.size > 0) this.options.faultActed?.();
    const passed = messages.filter((message) => !faulted.has(message.messageId));
    if (passed.length === 0) return { kind: 'done', failed: faulted };
    let result: InvokeResult;
    try {
      result = await this.options.invoke({ Records: passed.map((message) => this.record(message)) });
    } catch (error) {
      return { kind: 'error', message: (error as Error).message };
    }
    if (!result.ok) return { kind: 'error', message: `${result.error.errorType}: ${result.error.errorMessage}` };
    if (!isBatchResponse(result.payload)) return { kind: 'done', failed: faulted };
    const ids = new Set(passed.map((message) => message.messageId));
    const reported = result.payload.batchItemFailures.map((failure) => failure.itemIdentifier);
    // As Lambda: a failure naming no message of the batch makes the whole batch failed.
    if (reported.some((id) => typeof id !== 'string' || !ids.has(id))) {
      return { kind: 'error', message: 'batchItemFailures names no message of the batch' };
    }
    return { kind: 'done', failed: new Set([...faulted, ...(reported as string[])]) };
  }

  private record(message: ReceivedMessage) {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'AIDAEVENTBRIDGE',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queue.arn,
      awsRegion: this.options.awsRegion,
    };
  }

  private settleIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
