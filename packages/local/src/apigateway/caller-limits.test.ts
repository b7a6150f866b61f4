import { describe, expect, it } from 'vitest';
import { CallerLimiter } from './caller-limits';

/** A limiter on a clock the test moves. */
function limiterAt(requests: number, windowSeconds: number) {
  let nowMs = 0;
  const limiter = new CallerLimiter({ requests, windowSeconds }, () => nowMs);
  return {
    limiter,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

describe('CallerLimiter', () => {
  it('serves a whole budget at once, then refuses until the window has refilled one request', () => {
    const { limiter, advance } = limiterAt(600, 300);
    for (let index = 0; index < 600; index++) expect(limiter.take('a').ok).toBe(true);
    // 600 per 300 s refills one request every 500 ms: Retry-After rounds that up to whole seconds.
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    advance(499);
    expect(limiter.take('a').ok).toBe(false);
    advance(1);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('never serves more than the budget in any window to a caller that keeps trying', () => {
    const { limiter, advance } = limiterAt(10, 60);
    let served = 0;
    // One attempt every 100 ms for two windows (the last at 119.9 s): the budget at once, then one request each
    // time 6 s have refilled one (19 times by 119.9 s), as WAF would let through over a sliding window.
    for (let step = 0; step < 1200; step++) {
      if (limiter.take('a').ok) served++;
      advance(100);
    }
    expect(served).toBe(10 + 19);
  });

  it('says how long until the next request is served, not less', () => {
    const { limiter, advance } = limiterAt(10, 300);
    for (let index = 0; index < 10; index++) limiter.take('a');
    const refused = limiter.take('a');
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.retryAfterSeconds).toBe(30);
    advance(refused.retryAfterSeconds * 1000 - 1);
    expect(limiter.take('a').ok).toBe(false);
    advance(1);
    expect(limiter.take('a').ok).toBe(true);
  });

  it('keeps one budget per caller', () => {
    const { limiter } = limiterAt(2, 60);
    expect([limiter.take('a').ok, limiter.take('a').ok, limiter.take('a').ok]).toEqual([true, true, false]);
    expect([limiter.take('b').ok, limiter.take('b').ok]).toEqual([true, true]);
  });

  it('refuses a limit it cannot enforce', () => {
    expect(() => new CallerLimiter({ requests: 0, windowSeconds: 60 })).toThrow(/requests/);
    expect(() => new CallerLimiter({ requests: 1, windowSeconds: 0 })).toThrow(/windowSeconds/);
  });
});
