import { type Acting, hasAnyRole, Problem } from '@inovda/kernel';
import type { Evaluation } from '../domain/model';
import type { Deps } from './context';

/**
 * An evaluator sees only the innovations assigned to them: for any other, 404 (they learn nothing of it). Returns
 * their own evaluation; nothing to check for anyone else (programme staff who also evaluate act as staff).
 */
export async function assertAssignedIfEvaluator(
  deps: Deps,
  actor: Acting,
  id: string,
): Promise<Evaluation | undefined> {
  if (actor.role !== 'evaluator' || hasAnyRole(actor.caller, ['coordinator', 'admin'])) return undefined;
  const own = (await deps.reads.evaluations(id)).find((evaluation) => evaluation.evaluator.sub === actor.caller.sub);
  if (!own) throw new Problem('not-found', { detail: 'Inovasi ini tidak ditugaskan kepada Anda.' });
  return own;
}

/**
 * Blind review: an evaluator assigned to an innovation sees nothing of the other evaluators' verdicts (their
 * evaluations, or the score settled from them) until their own is submitted. Programme staff who do not evaluate
 * (coordinators, admins) see everything at any time. An evaluator not assigned to it: 404.
 */
export async function assertNotBlind(deps: Deps, actor: Acting, id: string): Promise<void> {
  const own = await assertAssignedIfEvaluator(deps, actor, id);
  if (own && own.status !== 'submitted') {
    throw new Problem('forbidden', {
      detail: 'Penilaian penilai lain baru dapat dilihat setelah Anda mengirim penilaian Anda sendiri.',
    });
  }
}
