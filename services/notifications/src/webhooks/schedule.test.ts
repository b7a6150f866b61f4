import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISABLE_AFTER,
  endpointVerdict,
  HEALTHY,
  MAX_ATTEMPTS,
  nextAttemptAt,
  RETRY_WAITS_MS,
  recordAttempt,
} from './schedule';

const HOUR = 3_600_000;
const firstAt = new Date('2026-03-02T08:00:00.000Z');

/** Every attempt's time for one delivery, the first included, with a given random source. */
function attemptTimes(random: () => number): Date[] {
  const times = [firstAt];
  for (let attempt = 1; ; attempt++) {
    const next = nextAttemptAt(attempt, firstAt, random);
    if (!next) return times;
    times.push(next);
  }
}

describe('nextAttemptAt', () => {
  it('without jitter follows the documented schedule: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h', () => {
    const times = attemptTimes(() => 0.5);
    const waits = times.slice(1).map((time, index) => time.getTime() - (times[index] as Date).getTime());
    expect(waits).toEqual([30_000, 120_000, 600_000, 1_800_000, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 12 * HOUR]);
    expect(times).toHaveLength(MAX_ATTEMPTS);
  });

  it('gives up after the last attempt', () => {
    expect(nextAttemptAt(MAX_ATTEMPTS, firstAt, () => 0.5)).toBeUndefined();
    expect(nextAttemptAt(MAX_ATTEMPTS + 3, firstAt, () => 0.5)).toBeUndefined();
  });

  it('refuses a nonsensical attempt number', () => {
    expect(() => nextAttemptAt(0, firstAt)).toThrow(RangeError);
    expect(() => nextAttemptAt(1.5, firstAt)).toThrow(RangeError);
  });

  it('for any jitter: attempts in strictly increasing order, waits growing, the last more than a day after the first', () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), (stream) => {
        const iterator = stream[Symbol.iterator]();
        const times = attemptTimes(() => iterator.next().value as number);
        expect(times).toHaveLength(MAX_ATTEMPTS);
        for (let index = 1; index < times.length; index++) {
          const wait = (times[index] as Date).getTime() - (times[index - 1] as Date).getTime();
          const nominal = RETRY_WAITS_MS[index - 1] as number;
          // Jitter of ±10 % of each wait, around times measured from the first attempt.
          expect(wait).toBeGreaterThan(0);
          expect(Math.abs(wait - nominal)).toBeLessThanOrEqual(
            0.1 * nominal + 0.1 * (RETRY_WAITS_MS[index - 2] ?? 0) + 1,
          );
        }
        const span = (times.at(-1) as Date).getTime() - firstAt.getTime();
        expect(span).toBeGreaterThanOrEqual(24 * HOUR);
      }),
    );
  });

  it('is pure: the same inputs give the same time', () => {
    expect(nextAttemptAt(4, firstAt, () => 0.25)).toEqual(nextAttemptAt(4, firstAt, () => 0.25));
  });
});

describe('endpoint health', () => {
  const at = (hours: number) => new Date(firstAt.getTime() + hours * HOUR);
  const fail = (hours: number, status = 500) => ({ ok: false, status, at: at(hours) });

  it('a success resets the counters', () => {
    const failing = recordAttempt(recordAttempt(HEALTHY, fail(0)), fail(1));
    expect(failing).toEqual({ consecutiveFailures: 2, failingSince: firstAt.toISOString() });
    expect(recordAttempt(failing, { ok: true, status: 200, at: at(2) })).toEqual(HEALTHY);
  });

  it('disables only after a day of failures AND enough failed attempts in a row', () => {
    // Many failures within an hour: not yet.
    let counters = HEALTHY;
    for (let index = 0; index < 50; index++) counters = recordAttempt(counters, fail(index / 60));
    expect(endpointVerdict(counters, at(1))).toEqual({ disable: false });
    // A day later, still failing: disabled.
    counters = recordAttempt(counters, fail(24));
    expect(endpointVerdict(counters, at(24))).toEqual({ disable: true, reason: 'sustained-failures' });
  });

  it('does not disable a quiet endpoint that failed a few times days apart', () => {
    let counters = HEALTHY;
    for (const hours of [0, 30, 60]) counters = recordAttempt(counters, fail(hours));
    expect(counters.consecutiveFailures).toBeLessThan(DISABLE_AFTER.consecutiveFailures);
    expect(endpointVerdict(counters, at(60))).toEqual({ disable: false });
  });

  it('disables an endpoint whose one delivery failed its whole schedule', () => {
    let counters = HEALTHY;
    for (const time of attemptTimes(() => 0.5)) counters = recordAttempt(counters, { ok: false, at: time });
    expect(endpointVerdict(counters, attemptTimes(() => 0.5).at(-1) as Date)).toEqual({
      disable: true,
      reason: 'sustained-failures',
    });
  });

  it('disables at once on 410 Gone', () => {
    const counters = recordAttempt(HEALTHY, fail(0, 410));
    expect(endpointVerdict(counters, at(0), 410)).toEqual({ disable: true, reason: 'gone' });
  });

  it('never disables a healthy endpoint', () => {
    expect(endpointVerdict(HEALTHY, at(1000))).toEqual({ disable: false });
  });
});
