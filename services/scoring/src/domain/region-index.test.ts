import { GOVERNMENT_AFFAIRS } from '@inovda/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IID_2026 } from '../editions/iid-2026';
import { IID_LEGACY_150 } from '../editions/iid-legacy-150';
import type { Level } from './levels';
import { roundHundredths } from './numbers';
import { divisorFloorFor, type RegionIndexInput, regionIndex } from './region-index';

/** The 2026 readiness weights, typed again from DOMAIN.md's list (the older edition reuses them). */
const SPD_WEIGHTS: Record<string, number> = {
  'vision-mission': 1,
  'budget-law-timeliness': 1,
  'mandatory-spending': 1,
  'licensing-quality': 1,
  'income-per-capita-growth': 1,
  'unemployment-trend': 0.75,
  'unemployment-rate': 0.75,
  'investment-growth': 1.5,
  'own-source-revenue-growth': 1.5,
  'audit-opinion': 1.5,
  'performance-accountability': 1,
  'poverty-trend': 0.75,
  'poverty-rate': 0.75,
  'hdi-gain': 0.75,
  'hdi-level': 0.75,
  'innovator-awards': 2,
  'policy-recommendations': 1,
  'policy-quality-index': 1,
  'science-technology-master-plan': 1,
  'intellectual-property-help': 1,
};
const SIX: readonly string[] = [
  'education',
  'health',
  'public-works-spatial-planning',
  'housing-settlements',
  'public-order-protection',
  'social',
];

/** DOMAIN.md's index, written again from its words: (SPD + SID) ÷ maxTotal × 100, with its predicate. */
const documented = {
  'iid-2026': {
    edition: IID_2026,
    k: (year: number) => (year >= 2029 ? 18 : year === 2028 ? 16 : 14),
    maxScore: 111,
    maxTotal: 250,
    thresholds: [65.01, 40.01, 0.01],
  },
  'iid-legacy-150': {
    edition: IID_LEGACY_150,
    k: () => 10,
    maxScore: 150,
    maxTotal: 63 + 150 + 76,
    thresholds: [60.01, 35.0, 0.01],
  },
};
const NAMES = ['Sangat Inovatif', 'Inovatif', 'Kurang Inovatif'];

function indexAsDocumented(which: keyof typeof documented, input: RegionIndexInput) {
  const { k, maxTotal, thresholds } = documented[which];
  let spd = 0;
  for (const [code, level] of Object.entries(input.readinessLevels))
    spd += (SPD_WEIGHTS[code] ?? Number.NaN) * (level ?? 0);
  const n = input.count;
  const covered = SIX.every((affair) => input.coveredAffairs.includes(affair));
  const sid = input.sumScores / Math.max(k(input.year), n) + (covered ? 0.38 * Math.min(n, 200) : 0);
  const index = ((spd + sid) / maxTotal) * 100;
  const published = Math.round(Number((index * 100).toFixed(6))) / 100;
  const at = thresholds.findIndex((min) => published >= min);
  return { index, predicate: at === -1 ? 'Tidak Dapat Dinilai' : NAMES[at] };
}

const levels = fc.dictionary(fc.constantFrom(...Object.keys(SPD_WEIGHTS)), fc.constantFrom<Level>(1, 2, 3));
const affairs = fc.oneof(
  fc.subarray([...GOVERNMENT_AFFAIRS]),
  fc.subarray([...GOVERNMENT_AFFAIRS]).map((some) => [...new Set([...SIX, ...some])]),
);
const input = (maxScore: number) =>
  fc
    .record({
      year: fc.integer({ min: 2024, max: 2032 }),
      readinessLevels: levels,
      count: fc.integer({ min: 0, max: 260 }),
      coveredAffairs: affairs,
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ share, ...rest }) => ({ ...rest, sumScores: Math.round(share * rest.count * maxScore * 4) / 4 }));

describe('regionIndex', () => {
  it('a worked example: 2028 (k = 16), readiness all at level 2, ten innovations scoring 600, all six affairs', () => {
    const result = regionIndex(IID_2026, {
      year: 2028,
      readinessLevels: Object.fromEntries(IID_2026.readiness.rows.map((row) => [row.code, 2])),
      sumScores: 600,
      count: 10,
      coveredAffairs: [...SIX, 'tourism'],
    });
    expect(result.k).toBe(16);
    expect(result.spd).toBe(42);
    expect(result.sidScores).toBe(37.5); // 600 ÷ MAX(16, 10)
    expect(result.countBonus).toBeCloseTo(3.8, 12); // 0.38 × 10
    expect(roundHundredths(result.index)).toBe(33.32); // (42 + 41.3) ÷ 250 × 100
    expect(result.predicate).toBe('Kurang Inovatif');
    // One more at the mean (60): 660 ÷ 16 + 0.38 × 11 = 45.43, so SID gains 4.13 and the index 1.652.
    expect(result.gainOfOneMore).toBeCloseTo(1.652, 9);
  });

  it('reaches 100 with everything at its maximum, in both editions', () => {
    for (const edition of [IID_2026, IID_LEGACY_150]) {
      const result = regionIndex(edition, {
        year: 2029,
        readinessLevels: Object.fromEntries(edition.readiness.rows.map((row) => [row.code, 3])),
        sumScores: 200 * edition.innovation.maxScore,
        count: 200,
        coveredAffairs: SIX,
      });
      expect(roundHundredths(result.index)).toBe(100);
      expect(result.predicate).toBe('Sangat Inovatif');
    }
  });

  it('is "Tidak Dapat Dinilai" when nothing is reported', () => {
    const result = regionIndex(IID_2026, {
      year: 2027,
      readinessLevels: {},
      sumScores: 0,
      count: 0,
      coveredAffairs: [],
    });
    expect(result).toMatchObject({ index: 0, predicate: 'Tidak Dapat Dinilai', gainOfOneMore: 0 });
  });

  it('refuses input no region can have', () => {
    const ok = { year: 2027, readinessLevels: {}, sumScores: 10, count: 1, coveredAffairs: [] };
    expect(() => regionIndex(IID_2026, { ...ok, count: -1 })).toThrow(/count/);
    expect(() => regionIndex(IID_2026, { ...ok, sumScores: 112 })).toThrow(/sumScores/);
    expect(() => regionIndex(IID_2026, { ...ok, readinessLevels: { 'gdp-growth': 2 } })).toThrow(/gdp-growth/);
  });

  it.each(['iid-2026', 'iid-legacy-150'] as const)('%s: agrees with DOMAIN.md’s formula on random regions', (which) => {
    const { edition, maxScore } = documented[which];
    fc.assert(
      fc.property(input(maxScore), (region) => {
        const ours = regionIndex(edition, region);
        const theirs = indexAsDocumented(which, region);
        expect(Math.abs(ours.index - theirs.index)).toBeLessThan(1e-9);
        expect(roundHundredths(ours.index)).toBe(roundHundredths(theirs.index));
        expect(ours.predicate).toBe(theirs.predicate);
        expect(ours.k).toBe(documented[which].k(region.year));
      }),
      { numRuns: 300 },
    );
  });

  it('pays the count bonus only when all six basic-service affairs are covered, and at most 76', () => {
    fc.assert(
      fc.property(input(111), (region) => {
        const result = regionIndex(IID_2026, region);
        const covered = SIX.every((affair) => (region.coveredAffairs as readonly string[]).includes(affair));
        expect(result.allBasicAffairsCovered).toBe(covered);
        expect(result.countBonus).toBeCloseTo(covered ? 0.38 * Math.min(region.count, 200) : 0, 9);
        expect(result.countBonus).toBeLessThanOrEqual(76 + 1e-9);
        expect(result.sid).toBeCloseTo(result.sidScores + result.countBonus, 9);
      }),
    );
  });

  it('gains from one more innovation while count < k; past k, only the count bonus grows', () => {
    fc.assert(
      fc.property(input(111), (region) => {
        const result = regionIndex(IID_2026, region);
        const k = divisorFloorFor(IID_2026, region.year);
        const bonus = result.allBasicAffairsCovered && region.count < 200 ? 0.38 : 0;
        if (region.count < k) {
          const mean = region.count === 0 ? 0 : region.sumScores / region.count;
          expect(result.gainOfOneMore).toBeCloseTo(((mean / k + bonus) / 250) * 100, 9);
          if (mean > 0 || bonus > 0) expect(result.gainOfOneMore).toBeGreaterThan(0);
        } else {
          // One more at the mean leaves sum ÷ n where it was.
          expect(result.gainOfOneMore).toBeCloseTo((bonus / 250) * 100, 9);
        }
      }),
    );
  });
});

describe('divisorFloorFor', () => {
  it('takes the last floor from the year or before, else the first', () => {
    expect([2025, 2027, 2028, 2029, 2035].map((year) => divisorFloorFor(IID_2026, year))).toEqual([14, 14, 16, 18, 18]);
    expect(divisorFloorFor(IID_LEGACY_150, 2023)).toBe(10);
    expect(divisorFloorFor(IID_LEGACY_150, 2010)).toBe(10);
  });
});
