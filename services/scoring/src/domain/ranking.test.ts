import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incentiveShortlist, type OpdTotals, rankOpds } from './ranking';

const at = (day: number) => `2027-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const opd = (opdId: string, sum: number, count: number, best: number, day = 1): OpdTotals => ({
  opdId,
  sum,
  count,
  best,
  firstRegisteredAt: at(day),
});

/**
 * Ranking as DOMAIN.md words it, written again here: Σ of an OPD's scores ÷ MAX(k, n_OPD), higher first; ties go to
 * the better best innovation, then the earlier first registration, then the OPD id; OPDs with nothing scored drop out.
 */
function rankAsDocumented(rows: OpdTotals[], k: number) {
  return rows
    .filter((row) => row.count > 0)
    .map((row) => ({ opdId: row.opdId, value: row.sum / Math.max(k, row.count), row }))
    .sort(
      (a, b) =>
        b.value - a.value ||
        b.row.best - a.row.best ||
        new Date(a.row.firstRegisteredAt).getTime() - new Date(b.row.firstRegisteredAt).getTime() ||
        (a.opdId < b.opdId ? -1 : 1),
    );
}

describe('rankOpds', () => {
  it('divides by MAX(k, n): one excellent innovation beats many weak ones, and many good ones count', () => {
    const ranked = rankOpds(
      [opd('dinsos', 8 * 15, 8, 20), opd('dinkes', 100, 1, 100), opd('dishub', 6 * 60, 6, 70), opd('bappeda', 0, 0, 0)],
      5,
    );
    expect(ranked.map(({ opdId, value, rank }) => ({ opdId, value, rank }))).toEqual([
      { opdId: 'dishub', value: 60, rank: 1 }, // 360 ÷ MAX(5, 6)
      { opdId: 'dinkes', value: 20, rank: 2 }, // 100 ÷ MAX(5, 1)
      { opdId: 'dinsos', value: 15, rank: 3 }, // 120 ÷ MAX(5, 8); bappeda scored nothing and is not ranked
    ]);
  });

  it('breaks ties by best innovation, then first registration, then id', () => {
    const ranked = rankOpds(
      [opd('d', 60, 2, 30, 1), opd('c', 60, 2, 30, 1), opd('b', 60, 2, 30, 2), opd('a', 60, 2, 40, 3)],
      2,
    );
    expect(ranked.map((row) => row.opdId)).toEqual(['a', 'c', 'd', 'b']);
    expect(ranked.map((row) => row.rank)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a divisor floor below 1 and a first registration that is not a date', () => {
    expect(() => rankOpds([opd('a', 1, 1, 1)], 0)).toThrow(RangeError);
    expect(() => rankOpds([{ ...opd('a', 1, 1, 1), firstRegisteredAt: 'kemarin' }], 3)).toThrow(/not a date/);
  });

  it('agrees with the documented ranking on random regions', () => {
    const row = fc.record({
      sum: fc.integer({ min: 0, max: 24 }).map((quarters) => quarters / 4),
      count: fc.integer({ min: 0, max: 6 }),
      best: fc.integer({ min: 0, max: 4 }),
      firstRegisteredAt: fc.integer({ min: 1, max: 3 }).map(at),
    });
    const region = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), row), {
      selector: ([id]) => id,
      maxLength: 12,
    });
    fc.assert(
      fc.property(region, fc.integer({ min: 1, max: 6 }), (entries, k) => {
        const rows = entries.map(([opdId, totals]) => ({ opdId, ...totals }));
        const ranked = rankOpds(rows, k);
        const expected = rankAsDocumented(rows, k);
        expect(ranked.map((r) => r.opdId)).toEqual(expected.map((r) => r.opdId));
        ranked.forEach((r, i) => {
          expect(r.rank).toBe(i + 1);
          expect(Math.abs(r.value - (expected[i]?.value ?? Number.NaN))).toBeLessThan(0.005);
        });
      }),
    );
  });
});

describe('incentiveShortlist', () => {
  it('takes the first three ranked OPDs that have a score', () => {
    const ranked = rankOpds([opd('a', 30, 1, 30), opd('b', 20, 1, 20), opd('c', 10, 1, 10), opd('d', 5, 1, 5)], 1);
    expect(incentiveShortlist(ranked).map((row) => row.opdId)).toEqual(['a', 'b', 'c']);
    expect(incentiveShortlist(ranked, 1).map((row) => row.opdId)).toEqual(['a']);
  });

  it('leaves out OPDs with a value of 0', () => {
    const ranked = rankOpds([opd('a', 30, 1, 30), opd('b', 0, 2, 0)], 1);
    expect(incentiveShortlist(ranked).map((row) => row.opdId)).toEqual(['a']);
  });
});
