import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A message as the queue keeps it. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  /** Epoch ms it was first sent (SQS's `SentTimestamp`; a redriven message keeps its original one, as DLQ expiry does). */
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Epoch ms from which it may be received again (0: visible now). */
  visibleAt: number;
  /** The handle of its latest receive: only that one deletes it, as in SQS. */
  receiptHandle?: string;
  /** In a DLQ: the ARN of the queue it was moved from (where a redrive without destination returns it). */
  deadLetterSourceArn?: string;
}

/** A received message, as `ReceiveMessage` returns it. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: number;
  readonly firstReceivedAt: number;
}

/** How a queue is set up (SQS's attributes, in milliseconds locally so tests can shorten them). */
export interface LocalQueueOptions {
  readonly name: string;
  readonly arn: string;
  readonly visibilityTimeoutMs: number;
  /** Its redrive policy: the DLQ and after how many receives a message goes there. */
  readonly redrive?: { readonly deadLetterQueue: LocalQueue; readonly maxReceiveCount: number };
  /** Where its messages persist (a JSON file); none in memory. */
  readonly file?: string;
}

/** What `GET /local/queues` shows of a queue. */
export interface QueueView {
  readonly name: string;
  readonly arn: string;
  /** `ApproximateNumberOfMessages`: ready to be received. */
  readonly visible: number;
  /** `ApproximateNumberOfMessagesNotVisible`: received and not yet deleted (in flight, or failed and waiting). */
  readonly notVisible: number;
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount?: number;
  readonly deadLetterQueue?: string;
  /** Age of the oldest message in ms (`ApproximateAgeOfOldestMessage`), 0 when empty. */
  readonly oldestMessageAgeMs: number;
  /** The most receives of a message in the queue (local only: how long its consumer has been failing on it). */
  readonly highestReceiveCount: number;
}

/**
 * A local SQS standard queue, with the semantics consumers depend on: a received message stays in the queue,
 * invisible for the visibility timeout, until it is deleted with its latest receipt handle; otherwise it becomes
 * visible again and its receive count grows. A message whose next receive would exceed the redrive policy's
 * `maxReceiveCount` is moved to the dead-letter queue instead of being returned. Messages survive restarts in the
 * data dir (in-flight ones come back visible, their receipts gone with the process that held them).
 */
export class LocalQueue {
  private readonly messages = new Map<string, QueuedMessage>();
  private readonly listeners = new Set<() => void>();

  constructor(readonly options: LocalQueueOptions) {
    if (options.file && existsSync(options.file)) {
      try {
        const saved = JSON.parse(readFileSync(options.file, 'utf8')) as QueuedMessage[];
        for (const message of saved) {
          this.messages.set(message.messageId, { ...message, visibleAt: 0, receiptHandle: undefined });
        }
      } catch {
        // A torn file (crash mid-write, though writes are atomic renames) starts the queue empty rather than failing.
      }
    }
  }

  get name(): string {
    return this.options.name;
  }

  get arn(): string {
    return this.options.arn;
  }

  /** `SendMessage`. */
  send(body: string, moved?: { sentAt: number; deadLetterSourceArn?: string }): string {
    const messageId = randomUUID();
    this.messages.set(messageId, {
      messageId,
      body,
      sentAt: moved?.sentAt ?? Date.now(),
      receiveCount: 0,
      visibleAt: 0,
      ...(moved?.deadLetterSourceArn ? { deadLetterSourceArn: moved.deadLetterSourceArn } : {}),
    });
    this.changed();
    return messageId;
  }

  /** `ReceiveMessage` of up to `max` visible messages, oldest first; moves the exhausted ones to the DLQ. */
  receive(max: number, now = Date.now()): ReceivedMessage[] {
    const received: ReceivedMessage[] = [];
    let moved = false;
    for (const message of [...this.messages.values()].sort((a, b) => a.sentAt - b.sentAt)) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      const redrive = this.options.redrive;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount) {
        this.messages.delete(message.messageId);
        redrive.deadLetterQueue.send(message.body, { sentAt: message.sentAt, deadLetterSourceArn: this.arn });
        moved = true;
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + this.options.visibilityTimeoutMs;
      message.receiptHandle = randomUUID();
      received.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        receiveCount: message.receiveCount,
        sentAt: message.sentAt,
        firstReceivedAt: message.firstReceivedAt,
      });
    }
    if (received.length > 0 || moved) this.changed();
    return received;
  }

  /** `DeleteMessage`: only with the message's latest receipt handle (an older one no longer deletes it). */
  delete(messageId: string, receiptHandle: string): boolean {
    const message = this.messages.get(messageId);
    if (!message || message.receiptHandle !== receiptHandle) return false;
    this.messages.delete(messageId);
    this.changed();
    return true;
  }

  /** Epoch ms at which the next message becomes visible, or undefined when the queue is empty. */
  nextVisibleAt(): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) next = Math.min(next ?? message.visibleAt, message.visibleAt);
    return next;
  }

  get size(): number {
    return this.messages.size;
  }

  /** The messages queued, oldest first, with how often each was received (`GET /local/queues/{name}`). */
  peek(): Array<{ readonly messageId: string; readonly receiveCount: number; readonly body: string }> {
    return [...this.messages.values()]
      .sort((a, b) => a.sentAt - b.sentAt)
      .map(({ messageId, receiveCount, body }) => ({ messageId, receiveCount, body }));
  }

  /**
   * `StartMessageMoveTask` run to completion: every message of this (dead-letter) queue goes back to the queue it
   * was moved from, or to `destination`, as a new message received zero times. Returns how many moved.
   */
  redrive(resolve: (sourceArn: string) => LocalQueue | undefined, destination?: LocalQueue): number {
    let moved = 0;
    for (const message of [...this.messages.values()].sort((a, b) => a.sentAt - b.sentAt)) {
      const target = destination ?? (message.deadLetterSourceArn ? resolve(message.deadLetterSourceArn) : undefined);
      if (!target) continue;
      this.messages.delete(message.messageId);
      target.send(message.body, { sentAt: message.sentAt });
      moved += 1;
    }
    if (moved > 0) this.changed();
    return moved;
  }

  view(now = Date.now()): QueueView {
    let visible = 0;
    let oldest = now;
    let highestReceiveCount = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible += 1;
      oldest = Math.min(oldest, message.sentAt);
      highestReceiveCount = Math.max(highestReceiveCount, message.receiveCount);
    }
    return {
      name: this.name,
      arn: this.arn,
      visible,
      notVisible: this.messages.size - visible,
      visibilityTimeoutMs: this.options.visibilityTimeoutMs,
      ...(this.options.redrive
        ? {
            maxReceiveCount: this.options.redrive.maxReceiveCount,
            deadLetterQueue: this.options.redrive.deadLetterQueue.name,
          }
        : {}),
      oldestMessageAgeMs: now - oldest,
      highestReceiveCount,
    };
  }

  /** Calls `listener` whenever a message arrives or changes (the event source mapping wakes up on it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.options.file) {
      mkdirSync(dirname(this.options.file), { recursive: true });
      const temporary = `${this.options.file}.tmp`;
      writeFileSync(temporary, JSON.stringify([...this.messages.values()]));
      renameSync(temporary, this.options.file);
    }
    for (const listener of this.listeners) listener();
  }
}
