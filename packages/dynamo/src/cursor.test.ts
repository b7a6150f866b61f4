import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

const expected = { attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'], partition: { gsi1pk: 'OPD#dinkes' } };

describe('pagination cursors', () => {
  it('round-trips a LastEvaluatedKey of the expected partition', () => {
    const key = { pk: 'INNOVATION#1', sk: 'PROFILE', gsi1pk: 'OPD#dinkes', gsi1sk: '2026#1' };
    const cursor = encodeCursor(key);
    expect(cursor).not.toBeNull();
    expect(decodeCursor(cursor as string, expected)).toEqual(key);
    expect(encodeCursor(undefined)).toBeNull();
  });

  it("refuses a cursor of another partition (another OPD's list)", () => {
    const key = { pk: 'INNOVATION#1', sk: 'PROFILE', gsi1pk: 'OPD#disdukcapil', gsi1sk: '2026#1' };
    expect(decodeCursor(encodeCursor(key) as string, expected)).toBeUndefined();
  });

  it('refuses cursors with missing or extra attributes or non-string values', () => {
    expect(decodeCursor(encodeCursor({ pk: 'a', sk: 'b' }) as string, expected)).toBeUndefined();
    const extra = { pk: 'a', sk: 'b', gsi1pk: 'OPD#dinkes', gsi1sk: 'c', more: 'd' };
    expect(decodeCursor(encodeCursor(extra) as string, expected)).toBeUndefined();
    const numeric = { pk: 'a', sk: 1, gsi1pk: 'OPD#dinkes', gsi1sk: 'c' };
    expect(decodeCursor(encodeCursor(numeric) as string, expected)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        expect(() => decodeCursor(text, expected)).not.toThrow();
      }),
    );
  });
});
