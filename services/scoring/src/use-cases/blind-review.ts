import { type Acting, hasAnyRole, Problem } from '@inovda/kernel';
import type { Deps } from './context';

/**
 * Blind review: an evaluator assigned to an innovation sees nothing of the other evaluators' verdicts (their
 * evaluations, or the score settled from them) until their own is submitted. Programme staff who do not evaluate
 * (coordinators, admins) see everything at any time.
 */
export async function assertNotBlind(deps: Deps, actor: Acting, id: string): Promise<void> {
  if (actor.role !== 'evaluator' || hasAnyRole(actor.caller, ['coordinator', 'admin'])) return;
  const own = (await deps.reads.evaluations(id)).find((evaluation) => evaluation.evaluator.sub === actor.caller.sub);
  if (own?.status !== 'submitted') {
    throw new Problem('forbidden', {
      detail: 'Penilaian penilai lain baru dapat dilihat setelah Anda mengirim penilaian Anda sendiri.',
    });
  }
}
