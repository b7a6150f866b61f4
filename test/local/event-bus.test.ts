import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidEventPatternError } from '../../packages/local/src/event-pattern';
import { EventBus } from '../../packages/local/src/eventbridge/bus';
import { silentLogger } from '../../packages/local/src/log';
import { DeadLetterStore } from '../../packages/local/src/sqs/dead-letters';

const BUS = 'inovda-kota-uji';

function entry(detail: Record<string, unknown> = {}) {
  return {
    EventBusName: BUS,
    Source: 'inovda.scoring',
    DetailType: 'EvaluationSubmitted',
    Detail: JSON.stringify(detail),
  };
}

describe('event bus retries and dead letters', () => {
  const buses: EventBus[] = [];
  const directories: string[] = [];

  function newBus(deadLetters = new DeadLetterStore()): EventBus {
    // Retry delays of a few milliseconds: the policy is what is under test, not the clock.
    const bus = new EventBus({
      name: BUS,
      awsRegion: 'ap-southeast-3',
      deadLetters,
      log: silentLogger,
      backoff: { baseDelayMs: 2, maxDelayMs: 10 },
    });
    buses.push(bus);
    return bus;
  }

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.stop()));
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('retries a failing target and stops retrying once it succeeds', async () => {
    const bus = newBus();
    let attempts = 0;
    bus.subscribe(
      'flaky',
      { source: ['inovda.scoring'] },
      () => {
        attempts++;
        if (attempts < 3) throw new Error(`attempt ${attempts} fails`);
      },
      { maximumRetryAttempts: 5, maximumEventAgeSeconds: 60 },
    );
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(attempts).toBe(3);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters an event after maximumRetryAttempts retries, with what failed', async () => {
    const bus = newBus();
    let attempts = 0;
    bus.subscribe(
      'broken',
      { source: ['inovda.scoring'] },
      () => {
        attempts++;
        throw new Error('always fails');
      },
      { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 },
    );
    const result = bus.putEvents([entry({ evaluationId: 'e1' })]);
    await bus.whenIdle();
    expect(attempts).toBe(3);
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({
        source: 'event-rule',
        name: 'local-subscription-broken',
        reason: 'RetryAttemptsExhausted',
        attempts: 3,
        errorCode: 'SubscriberError',
        errorMessage: 'always fails',
        payload: expect.objectContaining({
          id: 'EventId' in (result.Entries[0] ?? {}) ? (result.Entries[0] as { EventId: string }).EventId : '',
          detail: { evaluationId: 'e1' },
        }),
      }),
    ]);
  });

  it('gives up once the next retry would exceed maximumEventAgeSeconds', async () => {
    const bus = newBus();
    let attempts = 0;
    bus.subscribe(
      'expiring',
      { source: ['inovda.scoring'] },
      () => {
        attempts++;
        throw new Error('fails');
      },
      { maximumRetryAttempts: 185, maximumEventAgeSeconds: 0 },
    );
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(attempts).toBe(1);
    expect(bus.deadLetters()[0]).toMatchObject({ reason: 'MaximumEventAgeExceeded', attempts: 1 });
  });

  it('delivers after PutEvents has returned, never inside the call', async () => {
    const bus = newBus();
    let delivered = 0;
    bus.subscribe('later', { source: ['inovda.scoring'] }, () => {
      delivered++;
    });
    const result = bus.putEvents([entry()]);
    expect(result.FailedEntryCount).toBe(0);
    expect(delivered).toBe(0);
    await bus.whenIdle();
    expect(delivered).toBe(1);
  });

  it('delivers only to rules whose pattern matches, and to every one of them', async () => {
    const bus = newBus();
    const seen: string[] = [];
    bus.subscribe('a', { detail: { kind: ['x'] } }, () => {
      seen.push('a');
    });
    bus.subscribe('b', { source: ['inovda.scoring'] }, () => {
      seen.push('b');
    });
    bus.subscribe('c', { source: ['inovda.workflow'] }, () => {
      seen.push('c');
    });
    bus.putEvents([entry({ kind: 'x' }), entry({ kind: 'y' })]);
    await bus.whenIdle();
    expect(seen.sort()).toEqual(['a', 'b', 'b']);
  });

  it('refuses an invalid pattern when the rule is added, as PutRule does', () => {
    const bus = newBus();
    expect(() => bus.subscribe('bad', { source: 'inovda.scoring' }, () => {})).toThrow(InvalidEventPatternError);
  });

  it('keeps dead letters in a JSON-lines file that a restart reads back', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'inovda-dead-letters-'));
    directories.push(directory);
    const file = join(directory, 'dead-letters.jsonl');
    const bus = newBus(new DeadLetterStore(file));
    bus.subscribe(
      'broken',
      { source: ['inovda.scoring'] },
      () => {
        throw new Error('nope');
      },
      { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
    );
    bus.putEvents([entry({ n: 1 }), entry({ n: 2 })]);
    await bus.whenIdle();
    const reopened = new DeadLetterStore(file);
    expect(
      reopened
        .list()
        .map((letter) => (letter.payload as { detail: { n: number } }).detail.n)
        .sort(),
    ).toEqual([1, 2]);
  });
});
