import type { BenefitBasis, IndicatorSpec, ReadinessRow, RubricEdition } from '@inovda/contracts';

/**
 * A rubric edition as scoring computes with it: its numbers (weights, maxima, index parameters), the codes and names
 * of its indicators (a score shows them), the codes of its readiness rows and benefit bases, and none of the texts
 * written for people to read while filling in or checking a form (what each level means and its evidence, the
 * benefit bands, the readiness rows' names, groups and levels). Only the routes that show an edition or the region
 * index need those (`editions/published.ts` adds them back; the names are in `iid-2026-readiness-names.ts`), so every
 * other scoring function's bundle goes without them. A whole `RubricEdition` is one too: anything that scores takes
 * either.
 */
export type IndicatorNumbers = Omit<IndicatorSpec, 'levels' | 'benefitBases'> & {
  /** Only on the indicator coded `benefit`: the bases an OPD may pick, by code. */
  readonly benefitBases?: readonly Pick<BenefitBasis, 'code'>[];
};
export type ReadinessRowNumbers = Omit<ReadinessRow, 'indicator' | 'name' | 'levels'>;

export type ScoringEdition = Omit<RubricEdition, 'innovation' | 'readiness'> & {
  readonly innovation: { readonly maxScore: number; readonly indicators: readonly IndicatorNumbers[] };
  readonly readiness: { readonly maxScore: number; readonly rows: readonly ReadinessRowNumbers[] };
};

/** What an indicator's texts add to its numbers. */
export type IndicatorTexts = Pick<IndicatorSpec, 'levels' | 'benefitBases'>;
/** What a readiness row's texts add to its numbers. */
export type ReadinessRowTexts = Pick<ReadinessRow, 'indicator' | 'levels'>;
