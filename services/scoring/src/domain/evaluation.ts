import { type FieldError, Problem } from '@inovda/kernel';
import type { Claim, Decision, Evaluation, Evaluator, InnovationFacts } from './model';

/** A decision as the evaluator sends it. */
export type DecisionInput =
  | { readonly indicator: string; readonly decision: 'accept' }
  | { readonly indicator: string; readonly decision: 'lower'; readonly level: 1 | 2 | 3; readonly reason: string }
  | { readonly indicator: string; readonly decision: 'reject'; readonly reason: string };

/**
 * Turns decisions into levels against the claims: accept keeps the claimed level, lower must go below it (never
 * above: an evaluator verifies a claim, they do not raise it), reject leaves 0 (the evidence is missing).
 */
export function resolveDecisions(claims: readonly Claim[], decisions: readonly DecisionInput[]): Decision[] {
  const errors: FieldError[] = [];
  const resolved = decisions.flatMap((input, index): Decision[] => {
    const claim = claims.find((candidate) => candidate.indicator === input.indicator);
    if (!claim) {
      errors.push({
        path: `decisions/${index}/indicator`,
        code: 'not_claimed',
        message: `indikator ${input.indicator} tidak diklaim dalam penilaian mandiri`,
      });
      return [];
    }
    if (input.decision === 'accept') {
      return [{ indicator: input.indicator, decision: 'accept', claimedLevel: claim.level, level: claim.level }];
    }
    if (input.decision === 'reject') {
      return [
        { indicator: input.indicator, decision: 'reject', claimedLevel: claim.level, level: 0, reason: input.reason },
      ];
    }
    if (input.level >= claim.level) {
      errors.push({
        path: `decisions/${index}/level`,
        code: 'not_lower',
        message: `tingkat harus di bawah klaim (${claim.level}); penilai tidak menaikkan klaim`,
      });
      return [];
    }
    return [
      {
        indicator: input.indicator,
        decision: 'lower',
        claimedLevel: claim.level,
        level: input.level,
        reason: input.reason,
      },
    ];
  });
  if (errors.length > 0) throw new Problem('validation-failed', { errors });
  return resolved;
}

/** What a verification still lacks before it can be submitted: a decision on every claimed indicator. */
export function undecided(claims: readonly Claim[], decisions: readonly Decision[]): string[] {
  return claims
    .filter((claim) => !decisions.some((decision) => decision.indicator === claim.indicator))
    .map((claim) => `Indikator ${claim.indicator} belum diputuskan.`);
}

/**
 * The conflict-of-interest rule for an evaluator on an innovation, checked when assigned and again whenever they
 * score (an assignment can go stale: the evaluator moved OPD or declared a conflict since). Their own OPD (from
 * their token when they act, from their declaration when assigned) and every declared OPD or innovation.
 */
export function evaluatorConflict(
  evaluator: Pick<Evaluator, 'conflicts'> & { readonly opdId?: string | undefined },
  innovation: Pick<InnovationFacts, 'innovationId' | 'opdId'>,
): string | undefined {
  if (evaluator.opdId !== undefined && evaluator.opdId === innovation.opdId) {
    return `Inovasi ini milik perangkat daerah Anda sendiri (${innovation.opdId}).`;
  }
  if (evaluator.conflicts.opdIds.includes(innovation.opdId)) {
    return `Anda menyatakan benturan kepentingan dengan perangkat daerah ${innovation.opdId}.`;
  }
  if (evaluator.conflicts.innovationIds.includes(innovation.innovationId)) {
    return 'Anda menyatakan benturan kepentingan dengan inovasi ini.';
  }
  return undefined;
}

/** Refuses an evaluator in conflict with 403 `conflict-of-interest`. */
export function assertNoConflict(
  evaluator: Parameters<typeof evaluatorConflict>[0],
  innovation: Parameters<typeof evaluatorConflict>[1],
): void {
  const conflict = evaluatorConflict(evaluator, innovation);
  if (conflict) throw new Problem('conflict-of-interest', { detail: conflict });
}

/** Whether every evaluation of an innovation is submitted (and there is at least one). */
export function allSubmitted(evaluations: readonly Evaluation[]): boolean {
  return evaluations.length > 0 && evaluations.every((evaluation) => evaluation.status === 'submitted');
}
