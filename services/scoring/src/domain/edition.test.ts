import { INDICATORS, type RubricEdition } from '@inovda/contracts';
import { describe, expect, it } from 'vitest';
import { EDITION_IDS, EDITIONS, editionById } from '../editions';
import { IID_2026 } from '../editions/iid-2026';
import { IID_LEGACY_150 } from '../editions/iid-legacy-150';
import { PUBLISHED_EDITIONS, publishedEditionById } from '../editions/published';
import { EditionError, loadEdition } from './edition';

/** The whole 2026 edition (numbers and texts) with `change` applied to a deep copy. */
function broken(change: (edition: RubricEdition) => void): RubricEdition {
  const copy = structuredClone(publishedEditionById('iid-2026') as RubricEdition);
  change(copy);
  return copy;
}

/** The message `loadEdition` throws for `input`. */
function failure(input: unknown): string {
  try {
    loadEdition(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EditionError);
    return (error as EditionError).message;
  }
  throw new Error('the edition loaded');
}

describe('the shipped editions', () => {
  it.each(PUBLISHED_EDITIONS)('$id loads whole, numbers and texts', (whole) => {
    expect(loadEdition(whole)).toEqual(whole);
  });

  it.each(PUBLISHED_EDITIONS)(
    '$id: the texts describe exactly the indicators, rows and benefit bases it scores',
    (whole) => {
      const numbers = editionById(whole.id);
      expect(whole.innovation.indicators.map((spec) => spec.code)).toEqual(
        numbers?.innovation.indicators.map((spec) => spec.code),
      );
      expect(whole.readiness.rows.map((row) => row.code)).toEqual(numbers?.readiness.rows.map((row) => row.code));
      const basesOf = (edition: typeof numbers | RubricEdition) =>
        edition?.innovation.indicators.map((spec) => spec.benefitBases?.map((basis) => basis.code));
      expect(basesOf(whole)).toEqual(basesOf(numbers));
      // Scoring computes with what the edition shows: the whole edition, less its texts, is the scoring one.
      expect(whole).toMatchObject({ ...numbers, innovation: { maxScore: numbers?.innovation.maxScore } });
    },
  );

  it('are listed by id, newest first', () => {
    expect(EDITION_IDS).toEqual(['iid-2026', 'iid-legacy-150']);
    expect(editionById('iid-2026')).toBe(EDITIONS['iid-2026']);
    expect(editionById('iid-2019')).toBeUndefined();
    expect(editionById('toString')).toBeUndefined();
  });

  it.each(EDITION_IDS)('%s scores the contracts’ indicators, so evidence attached per indicator lines up', (id) => {
    expect(editionById(id)?.innovation.indicators.map((spec) => spec.code)).toEqual([...INDICATORS]);
  });

  it('2026: 20 indicators to 111, 20 readiness rows to 63, index over 250 with k 14/16/18', () => {
    const edition = IID_2026;
    expect(edition.innovation.indicators).toHaveLength(20);
    expect(edition.innovation.maxScore).toBe(111);
    expect(edition.readiness.rows).toHaveLength(20);
    expect(edition.readiness.maxScore).toBe(63);
    expect(edition.index.maxTotal).toBe(250);
    expect(edition.innovation.indicators.filter((spec) => spec.mandatory).map((spec) => spec.code)).toEqual([
      'regulation',
      'human-resources',
      'speed-of-creation',
      'benefit',
      'quality-video',
    ]);
    expect(edition.innovation.indicators.find((spec) => spec.code === 'benefit')?.benefitBases).toHaveLength(6);
    expect(
      publishedEditionById('iid-2026')?.innovation.indicators.find((spec) => spec.code === 'benefit')?.benefitBases,
    ).toHaveLength(6);
  });

  it('the older edition: weights to 150 and an index over 63 + 150 + 76 = 289', () => {
    expect(IID_LEGACY_150.innovation.maxScore).toBe(150);
    expect(IID_LEGACY_150.index.maxTotal).toBe(289);
    expect(IID_LEGACY_150.index.divisorFloor).toEqual([{ fromYear: 2018, k: 10 }]);
  });
});

describe('a broken edition', () => {
  it('fails the schema with the edition named and every problem listed', () => {
    const message = failure(
      broken((edition) => {
        (edition.innovation.indicators[0] as { weight: number }).weight = 0;
        (edition.innovation.indicators[1] as { levels: unknown[] }).levels.pop();
      }),
    );
    expect(message).toMatch(/^invalid rubric edition iid-2026:\n/);
    expect(message).toContain('innovation.indicators.0.weight');
    expect(message).toContain('innovation.indicators.1.levels');
  });

  it('without an id is still reported', () => {
    expect(failure({})).toMatch(/^invalid rubric edition \(no id\):/);
  });

  it.each<[string, (edition: RubricEdition) => void, string]>([
    [
      'a maximum that is not 3 × Σ weights',
      (edition) => {
        edition.innovation.maxScore = 110;
      },
      'innovation.maxScore is 110 but 3 × Σ indicator weights is 111',
    ],
    [
      'a readiness maximum that is not 3 × Σ weights',
      (edition) => {
        edition.readiness.rows.pop();
      },
      'readiness.maxScore is 63 but 3 × Σ row weights is 60',
    ],
    [
      'a total that is not SPD + SID + the bonus at its cap',
      (edition) => {
        edition.index.countBonus.cap = 100;
      },
      'index.maxTotal is 250 but readiness.maxScore + innovation.maxScore + count bonus at its cap is 63 + 111 + 38 = 212',
    ],
    [
      'a repeated indicator code',
      (edition) => {
        edition.innovation.indicators[1] = { ...edition.innovation.indicators[1], code: 'regulation' } as never;
        edition.innovation.maxScore = 108;
        edition.index.maxTotal = 247;
      },
      'duplicate innovation indicator code regulation',
    ],
    [
      'a repeated readiness row code',
      (edition) => {
        edition.readiness.rows[1] = { ...edition.readiness.rows[1], code: 'vision-mission' } as never;
      },
      'duplicate readiness row code vision-mission',
    ],
    [
      'thresholds not strictly descending',
      (edition) => {
        edition.index.predicates[1] = { name: 'Inovatif', min: 65.01 };
      },
      "predicate Inovatif: threshold 65.01 must be below Sangat Inovatif's 65.01",
    ],
    [
      'a threshold finer than hundredths',
      (edition) => {
        edition.index.predicates[1] = { name: 'Inovatif', min: 40.005 };
      },
      'predicate Inovatif: threshold 40.005 is not in hundredths',
    ],
    [
      'divisor floor years out of order',
      (edition) => {
        edition.index.divisorFloor = [
          { fromYear: 2028, k: 16 },
          { fromYear: 2027, k: 14 },
        ];
      },
      'index.divisorFloor.1: fromYear 2027 must be after 2028',
    ],
    [
      'a divisor floor below 1',
      (edition) => {
        edition.index.divisorFloor = [{ fromYear: 2027, k: 0.5 }];
      },
      'index.divisorFloor.0: k must be at least 1, got 0.5',
    ],
    [
      'benefit bases on another indicator',
      (edition) => {
        const regulation = edition.innovation.indicators[0] as RubricEdition['innovation']['indicators'][number];
        regulation.benefitBases = [{ code: 'people-served', name: 'Orang', bands: ['1', '2', '3'] }];
      },
      "indicator regulation: only the indicator 'benefit' has benefitBases",
    ],
    [
      'a repeated basic-service affair',
      (edition) => {
        edition.index.basicServiceAffairs = ['education', 'education'];
      },
      'duplicate basic-service affair education',
    ],
  ])('with %s fails naming it', (_what, change, problem) => {
    const message = failure(broken(change));
    expect(message).toMatch(/^invalid rubric edition iid-2026:\n/);
    expect(message.split('\n')).toContain(`  - ${problem}`);
  });

  it('a benefit basis with two bands fails the schema', () => {
    const message = failure(
      broken((edition) => {
        const bases = edition.innovation.indicators.find((spec) => spec.code === 'benefit')?.benefitBases ?? [];
        (bases[0]?.bands as string[] | undefined)?.pop();
      }),
    );
    expect(message).toContain('benefitBases.0.bands');
  });

  it('accepts maxima that differ from the sum only by floating-point noise (weights 0.1 × 3)', () => {
    const edition = broken((copy) => {
      copy.readiness.rows = copy.readiness.rows.slice(0, 3).map((row) => ({ ...row, weight: 0.1 }));
      copy.readiness.maxScore = 0.9; // 3 × (0.1 + 0.1 + 0.1) = 0.9000000000000001
      copy.index.maxTotal = 0.9 + 111 + 76;
    });
    expect(loadEdition(edition).readiness.maxScore).toBe(0.9);
  });

  it('lists several problems at once', () => {
    const message = failure(
      broken((edition) => {
        edition.innovation.maxScore = 100;
        edition.index.predicates.reverse();
      }),
    );
    expect(message.split('\n').length).toBeGreaterThanOrEqual(4);
  });
});
