import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Level, needsCalibration, verifiedLevel } from './levels';

const levels = fc.array(fc.constantFrom<Level>(1, 2, 3), { minLength: 1, maxLength: 9 });

describe('verifiedLevel', () => {
  it.each<[Level[], Level, Level]>([
    [[3], 3, 3],
    [[2, 3], 2, 2],
    [[3, 1], 1, 1],
    [[1, 2, 3], 2, 1],
    [[3, 3, 1], 3, 1],
    [[1, 2, 3, 3], 2, 1],
    [[3, 3, 3, 2], 3, 2],
  ])('of %j is %d by median and %d by minimum', (given, median, minimum) => {
    expect(verifiedLevel(given, 'median')).toBe(median);
    expect(verifiedLevel(given, 'minimum')).toBe(minimum);
  });

  it('needs at least one level', () => {
    expect(() => verifiedLevel([], 'median')).toThrow(RangeError);
  });

  it('never exceeds the highest level given nor falls below the lowest', () => {
    fc.assert(
      fc.property(levels, fc.constantFrom('median' as const, 'minimum' as const), (given, rule) => {
        const verified = verifiedLevel(given, rule);
        expect(verified).toBeLessThanOrEqual(Math.max(...given));
        expect(verified).toBeGreaterThanOrEqual(Math.min(...given));
      }),
    );
  });

  it('by median, is the highest level a strict majority gave or exceeded; by minimum, the lowest', () => {
    fc.assert(
      fc.property(levels, (given) => {
        const backing = (level: number) => given.filter((l) => l >= level).length > given.length / 2;
        const majority = [3, 2, 1].find(backing);
        expect(verifiedLevel(given, 'median')).toBe(majority);
        expect(verifiedLevel(given, 'minimum')).toBe(Math.min(...given));
      }),
    );
  });

  it('does not depend on the order evaluators answered in', () => {
    fc.assert(
      fc.property(levels, (given) => {
        expect(verifiedLevel([...given].reverse(), 'median')).toBe(verifiedLevel(given, 'median'));
      }),
    );
  });
});

describe('needsCalibration', () => {
  it('when evaluators are more than one level apart', () => {
    expect(needsCalibration([1, 3])).toBe(true);
    expect(needsCalibration([2, 3, 3])).toBe(false);
    expect(needsCalibration([2])).toBe(false);
    expect(needsCalibration([])).toBe(false);
  });
});
