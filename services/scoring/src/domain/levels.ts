/** A level of an indicator or readiness row: 1, 2 or 3 (score = weight × level). */
export type Level = 1 | 2 | 3;

/** A level as verified: a level, or 0 for an indicator rejected (its evidence missing) or not claimed. */
export type VerifiedLevel = 0 | Level;

/** The levels, lowest first. */
export const LEVELS: readonly Level[] = [1, 2, 3];

/**
 * How the levels of several evaluators become the verified level: their median, or (stricter) their minimum.
 */
export type VerificationRule = 'median' | 'minimum';

/**
 * The verified level of one indicator from the levels its evaluators gave (0 for an evaluator who rejected it). For an even count the median is the
 * LOWER of the two middle levels, which is conservative: the level granted is the highest that a strict majority
 * of evaluators gave or exceeded (evaluators verify an OPD's claim and may only lower it, so a tie between 2 and 3
 * does not earn 3), and it is always a level someone actually gave, never 2.5.
 */
export function verifiedLevel<L extends VerifiedLevel>(levels: readonly L[], rule: VerificationRule): L {
  if (levels.length === 0) throw new RangeError('a verified level needs at least one evaluator level');
  const sorted = [...levels].sort((a, b) => a - b);
  const index = rule === 'minimum' ? 0 : Math.ceil(sorted.length / 2) - 1;
  return sorted[index] as L;
}

/**
 * Whether evaluators disagree enough to meet and calibrate before the level is verified: their levels are more
 * than one apart (one says 1, another 3). Neighbouring levels are ordinary judgement and the rule settles them.
 */
export function needsCalibration(levels: readonly VerifiedLevel[]): boolean {
  if (levels.length === 0) return false;
  return Math.max(...levels) - Math.min(...levels) > 1;
}
