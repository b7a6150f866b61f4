import { innovationScore } from './innovation-score';
import { needsCalibration, type VerificationRule, verifiedLevel } from './levels';
import type { Claim, Evaluation, Score, ScoredIndicator, VerifiedLevel } from './model';
import type { ScoringEdition } from './scoring-edition';

/**
 * Settles every indicator of the edition from the submitted evaluations: an unclaimed indicator scores 0; a
 * claimed one gets the evaluators' median (or minimum) level, flagged for calibration when they are more than one
 * level apart. A level the coordinator already settled (calibration, correction) is kept.
 */
export function settleIndicators(
  edition: ScoringEdition,
  claims: readonly Claim[],
  evaluations: readonly Evaluation[],
  rule: VerificationRule,
  settledBefore: readonly ScoredIndicator[] = [],
): ScoredIndicator[] {
  return edition.innovation.indicators.map((spec): ScoredIndicator => {
    const kept = settledBefore.find(
      (indicator) => indicator.indicator === spec.code && indicator.decidedBy !== 'evaluators',
    );
    if (kept) return kept;
    const claim = claims.find((candidate) => candidate.indicator === spec.code);
    if (!claim) return { indicator: spec.code, level: 0, decidedBy: 'evaluators', flagged: false, evaluators: [] };
    const byEvaluator = evaluations.map((evaluation) => ({
      evaluator: evaluation.evaluator,
      level: (evaluation.decisions.find((decision) => decision.indicator === spec.code)?.level ?? 0) as VerifiedLevel,
    }));
    const levels = byEvaluator.map((entry) => entry.level);
    return {
      indicator: spec.code,
      claimedLevel: claim.level,
      level: verifiedLevel(levels, rule),
      decidedBy: 'evaluators',
      flagged: needsCalibration(levels),
      evaluators: byEvaluator,
    };
  });
}

/** Σ weight × level over the settled indicators. */
export function totalOf(edition: ScoringEdition, indicators: readonly ScoredIndicator[]): number {
  const levels = Object.fromEntries(
    indicators.filter((indicator) => indicator.level > 0).map((indicator) => [indicator.indicator, indicator.level]),
  );
  return innovationScore(edition, levels as Parameters<typeof innovationScore>[1]).total;
}

/** The status a score is in: flagged while any indicator awaits calibration, else scored. */
export function statusOf(indicators: readonly ScoredIndicator[]): Score['status'] {
  return indicators.some((indicator) => indicator.flagged) ? 'flagged' : 'scored';
}

/** Settles one indicator by the coordinator (a calibration, or a correction after publication), with the reason. */
export function settleOne(
  indicators: readonly ScoredIndicator[],
  code: string,
  level: VerifiedLevel,
  decidedBy: 'calibration' | 'correction',
  reason: string,
): ScoredIndicator[] {
  return indicators.map((indicator) =>
    indicator.indicator === code ? { ...indicator, level, decidedBy, flagged: false, reason } : indicator,
  );
}
