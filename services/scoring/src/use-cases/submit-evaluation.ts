import { ScoreSubmitted } from '@inovda/contracts';
import { type Acting, assertVersion, eventContext, Problem } from '@inovda/kernel';
import { undecided } from '../domain/evaluation';
import type { Evaluation } from '../domain/model';
import { editionOf, type ScoringDeps } from './context';
import { assertOpen, type EvaluationView, ifMatchLost, mine, view } from './evaluations';
import { retryingConflicts } from './retry';
import { settleAfterEvaluations } from './scores';

/**
 * Submits the evaluator's verification (every claimed indicator decided). The last evaluator to submit settles the
 * score in the same transaction; the others' evaluations are checked unchanged, so of two evaluators submitting at
 * once, one sees the other's submission and settles it.
 */
export function submitMyEvaluation(
  deps: ScoringDeps,
  actor: Acting,
  id: string,
  expectedVersion: number | undefined,
): Promise<EvaluationView> {
  return retryingConflicts(
    async () => {
      const { facts, evaluation, claims } = await mine(deps, actor, id);
      assertVersion(evaluation, expectedVersion);
      if (evaluation.status === 'submitted')
        throw new Problem('invalid-state', { detail: 'Penilaian Anda sudah dikirim.' });
      const missing = undecided(claims, evaluation.decisions);
      if (missing.length > 0) throw new Problem('incomplete-submission', { missing });
      const cycle = await assertOpen(deps, facts);
      const now = new Date(deps.now());
      const next: Evaluation = {
        ...evaluation,
        status: 'submitted',
        version: evaluation.version + 1,
        updatedAt: now.toISOString(),
        submittedAt: now.toISOString(),
      };
      const others = (await deps.reads.evaluations(id)).filter((other) => other.evaluator.sub !== actor.caller.sub);
      const write = deps.write().evaluation(next, evaluation.version).checkCycle(cycle);
      for (const other of others) write.checkEvaluation(other);
      write.events(
        [
          ScoreSubmitted.create(
            {
              innovationId: id,
              opdId: facts.opdId,
              cycleId: cycle.id,
              evaluator: next.evaluator,
              submittedAt: now.toISOString(),
            },
            eventContext(deps.regionId, actor, now),
          ),
        ],
        now,
      );
      const selfAssessment = await deps.reads.selfAssessment(id);
      if (selfAssessment) {
        await settleAfterEvaluations(deps, write, actor, {
          facts,
          edition: editionOf(deps, cycle),
          selfAssessment,
          evaluations: [...others, next],
          previous: await deps.reads.score(id),
        });
      }
      await write.commit();
      return view(next, claims);
    },
    expectedVersion === undefined ? undefined : ifMatchLost(id, deps, actor.caller.sub),
  );
}
