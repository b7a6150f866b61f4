import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { testEventPattern, validateEventPattern } from '../event-pattern';
import { archiveArn } from '../naming';
import type { EventBridgeEvent } from './put-events';

/** An event as the archive keeps it: the full event and when it arrived (what retention counts from). */
export interface ArchivedEvent {
  readonly archivedAt: string;
  readonly event: EventBridgeEvent;
}

/** How an archive is set up (as `CreateArchive` takes it). */
export interface EventArchiveOptions {
  readonly name: string;
  readonly awsRegion: string;
  /** The ARN of the bus it archives. */
  readonly sourceArn: string;
  readonly pattern: Readonly<Record<string, unknown>>;
  /** 0 keeps events indefinitely, as in EventBridge. */
  readonly retentionDays: number;
  readonly description?: string;
  /** Where it persists (JSON lines); omit to keep it in memory only. */
  readonly file?: string;
}

/** The archive as `DescribeArchive` answers (times as Dates; the endpoint writes them as epoch seconds). */
export interface ArchiveDescription {
  readonly ArchiveArn: string;
  readonly ArchiveName: string;
  readonly EventSourceArn: string;
  readonly Description?: string;
  readonly EventPattern: string;
  readonly State: 'ENABLED';
  readonly RetentionDays: number;
  readonly SizeBytes: number;
  readonly EventCount: number;
  readonly CreationTime: Date;
}

const DAY_MS = 86_400_000;

function isArchivedEvent(value: unknown): value is ArchivedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.archivedAt === 'string' && typeof record.event === 'object' && record.event !== null;
}

/**
 * An EventBridge archive of one bus: every event the bus accepted that matches the archive's pattern, whole and in
 * arrival order, kept `retentionDays`. Persisted as an append-only JSON-lines file when the platform has a data dir
 * (read back on start, so a replay after a restart still finds the history), in memory otherwise.
 *
 * Unlike AWS, an event is archived the moment PutEvents accepts it: AWS may take minutes (its guide asks to wait
 * 10 minutes before replaying) and reconciles `EventCount`/`SizeBytes` within 24 hours; locally both are exact.
 */
export class EventArchive {
  readonly arn: string;
  readonly creationTime = new Date();
  private readonly records: ArchivedEvent[] = [];
  private sizeBytes = 0;

  constructor(private readonly options: EventArchiveOptions) {
    validateEventPattern(options.pattern);
    this.arn = archiveArn(options.awsRegion, options.name);
    if (options.file && existsSync(options.file)) this.load(options.file);
  }

  get name(): string {
    return this.options.name;
  }

  get sourceArn(): string {
    return this.options.sourceArn;
  }

  /**
   * Keeps `event` if it matches the pattern. Never a replayed one: AWS gives every archive a managed rule that
   * keeps replayed events (those with `replay-name`) out, so replaying cannot grow the archive.
   */
  record(event: EventBridgeEvent, now = new Date()): boolean {
    if (event['replay-name'] !== undefined || !testEventPattern(event, this.options.pattern)) return false;
    const record: ArchivedEvent = { archivedAt: now.toISOString(), event };
    this.add(record, now);
    if (this.options.file) {
      mkdirSync(dirname(this.options.file), { recursive: true });
      appendFileSync(this.options.file, `${JSON.stringify(record)}\n`);
    }
    return true;
  }

  /** The archived events still within retention, oldest arrival first. */
  events(now = new Date()): readonly EventBridgeEvent[] {
    this.expire(now);
    return this.records.map((record) => record.event);
  }

  /** What `DescribeArchive` answers. */
  describe(now = new Date()): ArchiveDescription {
    this.expire(now);
    return {
      ArchiveArn: this.arn,
      ArchiveName: this.name,
      EventSourceArn: this.sourceArn,
      ...(this.options.description ? { Description: this.options.description } : {}),
      EventPattern: JSON.stringify(this.options.pattern),
      State: 'ENABLED',
      RetentionDays: this.options.retentionDays,
      SizeBytes: this.sizeBytes,
      EventCount: this.records.length,
      CreationTime: this.creationTime,
    };
  }

  private add(record: ArchivedEvent, now: Date): void {
    this.records.push(record);
    this.sizeBytes += Buffer.byteLength(JSON.stringify(record.event), 'utf8');
    this.expire(now);
  }

  /** Drops what is past retention; arrival order is archive order, so expired events are always at the front. */
  private expire(now: Date): void {
    if (this.options.retentionDays <= 0) return;
    const cutoff = now.getTime() - this.options.retentionDays * DAY_MS;
    while (this.records.length > 0 && Date.parse(this.records[0]?.archivedAt ?? '') < cutoff) {
      const expired = this.records.shift();
      if (expired) this.sizeBytes -= Buffer.byteLength(JSON.stringify(expired.event), 'utf8');
    }
  }

  private load(file: string): void {
    const now = new Date();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isArchivedEvent(parsed)) this.add(parsed, now);
      } catch {
        // A torn last line (crash mid-write) is skipped rather than failing the start.
      }
    }
  }
}
