import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearlyEqual, roundHundredths } from './numbers';

describe('roundHundredths', () => {
  it.each([
    [1.005, 1.01],
    [1.015, 1.02],
    [2.675, 2.68],
    [8.345, 8.35],
    [65.005, 65.01],
    [65.0049, 65],
    [0.125, 0.13],
    [33.32, 33.32],
    [1.004999, 1],
    [-1.005, -1.01],
    [-2.5, -2.5],
    [-0.004, 0],
    [0, 0],
    [100, 100],
  ])('rounds %d to %d, half away from zero', (x, rounded) => {
    expect(roundHundredths(x)).toBe(rounded);
  });

  it('never answers −0', () => {
    expect(Object.is(roundHundredths(-0.001), 0)).toBe(true);
  });

  it('leaves hundredths as they are and moves nothing by more than half a hundredth', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (hundredths) => {
        expect(roundHundredths(hundredths / 100)).toBe(hundredths / 100);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -100_000, max: 100_000, noNaN: true }), (x) => {
        expect(Math.abs(roundHundredths(x) - x)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});

describe('nearlyEqual', () => {
  it('ignores floating-point noise but not real differences', () => {
    expect(nearlyEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(nearlyEqual(3 * (0.1 + 0.1 + 0.1), 0.9)).toBe(true);
    expect(nearlyEqual(111, 110.99)).toBe(false);
  });
});
