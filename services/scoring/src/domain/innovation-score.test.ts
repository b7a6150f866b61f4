import { describe, expect, it } from 'vitest';
import { IID_2026 } from '../editions/iid-2026';
import { IID_LEGACY_150 } from '../editions/iid-legacy-150';
import { innovationScore } from './innovation-score';
import type { Level } from './levels';

const allAt = (level: Level) =>
  Object.fromEntries(IID_2026.innovation.indicators.map((spec) => [spec.code, level])) as Record<string, Level>;

describe('innovationScore', () => {
  it('is Σ weight × level: 111 at the top of the 2026 edition, 150 in the older one', () => {
    expect(innovationScore(IID_2026, allAt(3)).total).toBe(111);
    expect(innovationScore(IID_2026, allAt(1)).total).toBe(37);
    expect(innovationScore(IID_LEGACY_150, allAt(3)).total).toBe(150);
  });

  it('scores an indicator without a level 0, and lists every indicator in the edition’s order', () => {
    const result = innovationScore(IID_2026, { regulation: 3, 'quality-video': 2 });
    expect(result.total).toBe(3 * 3 + 4 * 2);
    expect(result.indicators).toHaveLength(20);
    expect(result.indicators[0]).toEqual({ code: 'regulation', level: 3, weight: 3, score: 9 });
    expect(result.indicators[1]).toEqual({ code: 'human-resources', level: 0, weight: 2, score: 0 });
  });

  it('refuses a level for an indicator the edition does not have', () => {
    expect(() => innovationScore(IID_2026, { regulation: 3, 'it-use': 2 })).toThrow(/iid-2026 has no indicator it-use/);
  });
});
