import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How far a stream has been read: per shard, the last sequence number handled, or that the shard is done. */
export interface StreamCheckpoint {
  readonly streamArn: string;
  readonly shards: Readonly<Record<string, { readonly sequenceNumber?: string; readonly finished?: boolean }>>;
}

function isCheckpoint(value: unknown): value is StreamCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.streamArn === 'string' && typeof record.shards === 'object' && record.shards !== null;
}

/**
 * Where a stream poller keeps its position, as Lambda's event source mapping does: a JSON file in the data dir
 * (written atomically), or memory only. A restart resumes after the last handled record: no replay, no loss.
 */
export class CheckpointStore {
  private current: StreamCheckpoint | undefined;

  /** `file` is where to persist; omit to keep the position in memory only. */
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
        if (isCheckpoint(parsed)) this.current = parsed;
      } catch {
        // An unreadable checkpoint means starting from the trim horizon: at-least-once, consumers are idempotent.
      }
    }
  }

  /** The checkpoint of `streamArn`, empty when none is kept or it belongs to another (recreated) stream. */
  load(streamArn: string): StreamCheckpoint {
    return this.current?.streamArn === streamArn ? this.current : { streamArn, shards: {} };
  }

  /** Replaces the checkpoint. */
  save(checkpoint: StreamCheckpoint): void {
    this.current = checkpoint;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(checkpoint, null, 2));
    renameSync(temporary, this.file);
  }
}
