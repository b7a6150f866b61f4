import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidEventPatternError } from '../event-pattern';
import { EventArchive, type EventArchiveOptions } from './event-archive';
import type { EventBridgeEvent } from './put-events';

const OPTIONS: EventArchiveOptions = {
  name: 'inovda-kota-uji-archive',
  awsRegion: 'ap-southeast-3',
  sourceArn: 'arn:aws:events:ap-southeast-3:000000000000:event-bus/inovda-kota-uji',
  pattern: { account: ['000000000000'] },
  retentionDays: 365,
};

function event(id: string, extra: Partial<EventBridgeEvent> = {}): EventBridgeEvent {
  return {
    version: '0',
    id,
    'detail-type': 'EvaluationSubmitted',
    source: 'inovda.scoring',
    account: '000000000000',
    time: '2024-05-01T10:00:00Z',
    region: 'ap-southeast-3',
    resources: [],
    detail: { id },
    ...extra,
  };
}

describe('EventArchive', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('keeps matching events whole, in arrival order, and never a replayed one', () => {
    const archive = new EventArchive(OPTIONS);
    expect(archive.record(event('a'))).toBe(true);
    expect(archive.record(event('other-account', { account: '111111111111' }))).toBe(false);
    expect(archive.record(event('replayed', { 'replay-name': 'r1' }))).toBe(false);
    expect(archive.record(event('b', { time: '2024-04-01T00:00:00Z' }))).toBe(true);
    expect(archive.events()).toEqual([event('a'), event('b', { time: '2024-04-01T00:00:00Z' })]);
  });

  it('describes itself as DescribeArchive does, counting events and their bytes', () => {
    const archive = new EventArchive({ ...OPTIONS, description: 'every event' });
    archive.record(event('a'));
    archive.record(event('b'));
    expect(archive.describe()).toEqual({
      ArchiveArn: 'arn:aws:events:ap-southeast-3:000000000000:archive/inovda-kota-uji-archive',
      ArchiveName: 'inovda-kota-uji-archive',
      EventSourceArn: OPTIONS.sourceArn,
      Description: 'every event',
      EventPattern: '{"account":["000000000000"]}',
      State: 'ENABLED',
      RetentionDays: 365,
      SizeBytes: 2 * Buffer.byteLength(JSON.stringify(event('a'))),
      EventCount: 2,
      CreationTime: archive.creationTime,
    });
  });

  it('lets events go once they are older than the retention', () => {
    const archive = new EventArchive({ ...OPTIONS, retentionDays: 1 });
    archive.record(event('old'), new Date('2024-05-01T00:00:00Z'));
    archive.record(event('new'), new Date('2024-05-02T12:00:00Z'));
    expect(archive.events(new Date('2024-05-02T12:00:00Z')).map((each) => each.id)).toEqual(['new']);
    expect(archive.describe(new Date('2024-05-02T12:00:00Z')).EventCount).toBe(1);
  });

  it('persists to a JSON-lines file that a new archive reads back, skipping a torn line', () => {
    const directory = mkdtempSync(join(tmpdir(), 'inovda-archive-'));
    directories.push(directory);
    const file = join(directory, 'archive.jsonl');
    const first = new EventArchive({ ...OPTIONS, file });
    first.record(event('a'));
    first.record(event('b'));
    appendFileSync(file, '{"archivedAt":"2024-');
    const reopened = new EventArchive({ ...OPTIONS, file });
    expect(reopened.events().map((each) => each.id)).toEqual(['a', 'b']);
    expect(reopened.describe().SizeBytes).toBe(first.describe().SizeBytes);
  });

  it('refuses an invalid pattern, as CreateArchive does', () => {
    expect(() => new EventArchive({ ...OPTIONS, pattern: { account: '000000000000' } })).toThrow(
      InvalidEventPatternError,
    );
  });
});
