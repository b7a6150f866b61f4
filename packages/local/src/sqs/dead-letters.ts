import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why something was dead-lettered (named after the conditions AWS reports on DLQ messages). */
export type DeadLetterReason = 'RetryAttemptsExhausted' | 'MaximumEventAgeExceeded';

/**
 * What gave up: an EventBridge rule or schedule target (failures to invoke), a function's own asynchronous
 * invocation retries (errors the function returned: its DLQ), or a stream event source mapping.
 */
export type DeadLetterSource = 'event-rule' | 'schedule' | 'async-invoke' | 'table-stream';

/** A delivery that kept failing, kept where a person can read it (`GET /local/dead-letters`). */
export interface DeadLetter {
  readonly id: string;
  readonly deadLetteredAt: string;
  readonly source: DeadLetterSource;
  /** Rule name, `<service>/<function>` for a function's async invocations, or `<service> stream` for a stream mapping. */
  readonly name: string;
  readonly targetArn: string;
  readonly reason: DeadLetterReason;
  /** Attempts made, the first included. */
  readonly attempts: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  /** The EventBridge event, or the stream records of the failed batch. */
  readonly payload: unknown;
}

/** The input of `DeadLetterStore.add`. */
export type NewDeadLetter = Omit<DeadLetter, 'id' | 'deadLetteredAt'>;

function isDeadLetter(value: unknown): value is DeadLetter {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === 'string' && typeof record.source === 'string' && typeof record.name === 'string';
}

/**
 * The local stand-in for the SQS dead-letter queues: an append-only JSON-lines file in the data dir (nothing on
 * disk in memory mode), read back on start so dead letters survive restarts.
 */
export class DeadLetterStore {
  private readonly records: DeadLetter[] = [];

  /** `file` is where to persist; omit to keep them in memory only. */
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          const parsed: unknown = JSON.parse(line);
          if (isDeadLetter(parsed)) this.records.push(parsed);
        } catch {
          // A torn last line (crash mid-write) is skipped rather than failing the start.
        }
      }
    }
  }

  /** Records a dead letter. */
  add(input: NewDeadLetter): DeadLetter {
    const record: DeadLetter = { id: randomUUID(), deadLetteredAt: new Date().toISOString(), ...input };
    this.records.push(record);
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(record)}\n`);
    }
    return record;
  }

  /** Every dead letter, oldest first. */
  list(): readonly DeadLetter[] {
    return [...this.records];
  }
}
