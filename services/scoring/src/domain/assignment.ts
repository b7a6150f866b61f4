import { evaluatorConflict } from './evaluation';
import type { Evaluator, InnovationFacts } from './model';

/** What the balanced rule needs of an innovation. */
export interface ToStaff {
  readonly innovation: Pick<InnovationFacts, 'innovationId' | 'opdId'>;
  /** Evaluators already assigned to it. */
  readonly assigned: ReadonlySet<string>;
  readonly needed: number;
}

/**
 * The balanced rule: each innovation (in the order given: oldest registration first) gets the eligible evaluators
 * with the fewest assignments so far, ties by username so the outcome does not depend on storage order. Eligible:
 * not already assigned to it, no conflict (own OPD, declared OPD or innovation). The load counts what this run
 * assigns too, so one run spreads the work. Pure: the use case writes what it returns.
 */
export function balancedAssignments(
  evaluators: readonly Evaluator[],
  innovations: readonly ToStaff[],
): Array<{ innovationId: string; evaluators: Evaluator[]; missing: number }> {
  const load = new Map(evaluators.map((evaluator) => [evaluator.sub, evaluator.assigned]));
  return innovations.map(({ innovation, assigned, needed }) => {
    const chosen = evaluators
      .filter((evaluator) => !assigned.has(evaluator.sub) && evaluatorConflict(evaluator, innovation) === undefined)
      .sort((a, b) => (load.get(a.sub) ?? 0) - (load.get(b.sub) ?? 0) || a.username.localeCompare(b.username))
      .slice(0, Math.max(0, needed));
    for (const evaluator of chosen) load.set(evaluator.sub, (load.get(evaluator.sub) ?? 0) + 1);
    return { innovationId: innovation.innovationId, evaluators: chosen, missing: Math.max(0, needed) - chosen.length };
  });
}
