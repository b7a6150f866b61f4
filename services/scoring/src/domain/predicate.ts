import { roundHundredths } from './numbers';
import type { ScoringEdition } from './scoring-edition';

/**
 * The predicate an index earns: the first of the edition's predicates (descending) whose threshold the index,
 * rounded to hundredths as it is published, reaches; below every threshold, the fallback. Rounding first makes
 * written thresholds exact: 65.01 earns "Sangat Inovatif", 65.00 does not, and 65.005 (published 65.01) does.
 */
export function predicate(edition: ScoringEdition, index: number): string {
  const published = roundHundredths(index);
  return edition.index.predicates.find(({ min }) => published >= min)?.name ?? edition.index.fallbackPredicate;
}
