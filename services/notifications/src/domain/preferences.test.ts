import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestPeriod, periodEnd } from './preferences';

describe('digest periods', () => {
  it('name the UTC day and the ISO week an e-mail belongs to', () => {
    expect(digestPeriod('daily', new Date('2027-03-01T23:59:00Z'))).toBe('daily:2027-03-01');
    expect(digestPeriod('weekly', new Date('2027-01-01T10:00:00Z'))).toBe('weekly:2026-W53');
    expect(digestPeriod('weekly', new Date('2027-01-04T00:00:00Z'))).toBe('weekly:2027-W01');
    expect(periodEnd('daily:2027-03-01').toISOString()).toBe('2027-03-02T00:00:00.000Z');
    expect(periodEnd('weekly:2027-W01').toISOString()).toBe('2027-01-11T00:00:00.000Z');
  });

  it('close after every moment they contain, and no later than a day or a week after it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), (at) => {
        for (const [cadence, span] of [
          ['daily', 86_400_000],
          ['weekly', 7 * 86_400_000],
        ] as const) {
          const end = periodEnd(digestPeriod(cadence, at)).getTime();
          expect(end).toBeGreaterThan(at.getTime());
          expect(end - at.getTime()).toBeLessThanOrEqual(span);
        }
      }),
    );
  });
});
