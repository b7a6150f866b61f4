import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotonicUlids, ulid, ulidTime } from './ids';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('ULIDs', () => {
  it('are 26 Crockford base32 characters that carry their time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        const id = ulid(ms);
        expect(id).toMatch(ULID);
        expect(ulidTime(id)).toBe(ms);
      }),
    );
  });

  it('sort by time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 1_000_000 }), (ms, later) => {
        fc.pre(ms + later <= 2 ** 48 - 1);
        expect(ulid(ms) < ulid(ms + later)).toBe(true);
      }),
    );
  });

  it('made by a monotonic factory strictly increase, within one millisecond too', () => {
    const next = monotonicUlids();
    const ids = Array.from({ length: 2_000 }, (_, index) => next(1_700_000_000_000 + Math.floor(index / 500)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(ULID);
    // A clock that steps back still gets ids after the last one.
    const before = next(1_600_000_000_000);
    expect(before > (ids.at(-1) as string)).toBe(true);
  });

  it('refuse a time ULIDs cannot hold', () => {
    expect(() => ulid(-1)).toThrow();
    expect(() => ulid(2 ** 48)).toThrow();
  });
});
