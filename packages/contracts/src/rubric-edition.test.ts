import { describe, expect, it } from 'vitest';
import { type RubricEdition, rubricEditionSchema } from './rubric-edition';

const level = { description: 'Tingkat', evidence: 'Bukti' };
const edition: RubricEdition = {
  id: 'contoh-2026',
  name: 'Contoh',
  selfAssessmentStage: 'deliver',
  innovation: {
    maxScore: 3,
    indicators: [{ code: 'regulation', name: 'Regulasi', weight: 1, mandatory: true, levels: [level, level, level] }],
  },
  readiness: {
    maxScore: 2.25,
    rows: [
      {
        code: 'hdi-gain',
        indicator: 'IPM',
        name: 'Kenaikan IPM',
        weight: 0.75,
        mandatory: true,
        levels: ['a', 'b', 'c'],
      },
    ],
  },
  index: {
    maxTotal: 5.25,
    divisorFloor: [{ fromYear: 2027, k: 14 }],
    countBonus: { perInnovation: 0, cap: 0 },
    basicServiceAffairs: ['education'],
    predicates: [{ name: 'Inovatif', min: 0.01 }],
    fallbackPredicate: 'Tidak Dapat Dinilai',
  },
};

describe('the rubric edition schema', () => {
  it('accepts an edition of the documented shape', () => {
    expect(rubricEditionSchema.parse(edition)).toEqual(edition);
  });

  it.each([
    ['an id that is not a kebab slug', { ...edition, id: 'IID 2026' }],
    ['a stage that is not a 5D stage', { ...edition, selfAssessmentStage: 'launch' }],
    [
      'an indicator with two levels',
      {
        ...edition,
        innovation: { maxScore: 3, indicators: [{ ...edition.innovation.indicators[0], levels: [level, level] }] },
      },
    ],
    [
      'a weight of 0',
      { ...edition, innovation: { maxScore: 3, indicators: [{ ...edition.innovation.indicators[0], weight: 0 }] } },
    ],
    [
      'an affair the profile does not know',
      { ...edition, index: { ...edition.index, basicServiceAffairs: ['roads'] } },
    ],
    ['a field the shape does not have', { ...edition, version: 2 }],
  ])('refuses %s', (_what, input) => {
    expect(rubricEditionSchema.safeParse(input).success).toBe(false);
  });
});
