import type { Evaluation, Evaluator } from '../domain/model';
import type { EvaluationView } from './evaluations';

/** An assignment as the API lists it. */
export function assignmentView(evaluation: Evaluation) {
  return {
    innovationId: evaluation.innovationId,
    opdId: evaluation.opdId,
    cycleId: evaluation.cycleId,
    name: evaluation.name,
    evaluator: { ...evaluation.evaluator },
    how: evaluation.how,
    assignedAt: evaluation.assignedAt,
    status: evaluation.status,
    ...(evaluation.submittedAt ? { submittedAt: evaluation.submittedAt } : {}),
  };
}

/** An evaluation as the API shows it: the decisions and the claims they verify. */
export function evaluationView(evaluation: EvaluationView) {
  return {
    innovationId: evaluation.innovationId,
    evaluator: { ...evaluation.evaluator },
    status: evaluation.status === 'submitted' ? ('submitted' as const) : ('draft' as const),
    decisions: evaluation.decisions.map((decision) => ({ ...decision })),
    claims: evaluation.claims.map((claim) => ({ ...claim, evidence: claim.evidence.map((link) => ({ ...link })) })),
    version: evaluation.version,
    ...(evaluation.updatedAt ? { updatedAt: evaluation.updatedAt } : {}),
    ...(evaluation.submittedAt ? { submittedAt: evaluation.submittedAt } : {}),
  };
}

/** An evaluator as the coordinator sees them. */
export function evaluatorView(evaluator: Evaluator) {
  return {
    sub: evaluator.sub,
    username: evaluator.username,
    ...(evaluator.opdId ? { opdId: evaluator.opdId } : {}),
    conflicts: { opdIds: [...evaluator.conflicts.opdIds], innovationIds: [...evaluator.conflicts.innovationIds] },
    assigned: evaluator.assigned,
    updatedAt: evaluator.updatedAt,
  };
}
