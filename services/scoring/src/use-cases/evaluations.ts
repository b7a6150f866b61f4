import { type Acting, assertVersion, type Page, Problem, versionMismatch } from '@inovda/kernel';
import { assertNoConflict, type DecisionInput, resolveDecisions } from '../domain/evaluation';
import type { Claim, Evaluation, InnovationFacts } from '../domain/model';
import { assertNotBlind } from './blind-review';
import { cycleOfInnovation, type Deps, visibleInnovation } from './context';
import { retryingConflicts } from './retry';

/** An evaluation as the API shows it: with the claims it verifies. */
export type EvaluationView = Evaluation & { readonly claims: readonly Claim[] };

export function view(evaluation: Evaluation, claims: readonly Claim[]): EvaluationView {
  return { ...evaluation, claims };
}

/**
 * The caller's own evaluation of an innovation, with the conflict rule checked again (an assignment can go stale:
 * the evaluator's OPD in their token now, their declared conflicts now). Not assigned: 404.
 */
export async function mine(deps: Deps, actor: Acting, id: string) {
  const facts = await visibleInnovation(deps, actor, id);
  const evaluation = (await deps.reads.evaluations(id)).find(
    (candidate) => candidate.evaluator.sub === actor.caller.sub,
  );
  if (!evaluation) throw new Problem('not-found', { detail: 'Inovasi ini tidak ditugaskan kepada Anda.' });
  const profile = await deps.reads.evaluator(actor.caller.sub);
  assertNoConflict(
    { opdId: actor.caller.opdId, conflicts: profile?.conflicts ?? { opdIds: [], innovationIds: [] } },
    facts,
  );
  const claims = (await deps.reads.selfAssessment(id))?.claims ?? [];
  return { facts, evaluation, claims };
}

export async function getMyEvaluation(deps: Deps, actor: Acting, id: string): Promise<EvaluationView> {
  const { evaluation, claims } = await mine(deps, actor, id);
  return view(evaluation, claims);
}

export function ifMatchLost(id: string, deps: Deps, sub: string) {
  return async (error: { failed(name: string): boolean }) => {
    if (!error.failed(`evaluation:${sub}`)) return;
    const current = (await deps.reads.evaluations(id)).find((candidate) => candidate.evaluator.sub === sub);
    throw versionMismatch(current?.version);
  };
}

export async function assertOpen(deps: Deps, facts: InnovationFacts) {
  const cycle = await cycleOfInnovation(deps, facts);
  if (cycle.published) {
    throw new Problem('invalid-state', { detail: 'Hasil siklus ini sudah diumumkan; penilaian tidak dapat diubah.' });
  }
  return cycle;
}

/** Saves the evaluator's decisions so far (a draft, replaced whole); final once submitted. */
export function saveMyEvaluation(
  deps: Deps,
  actor: Acting,
  id: string,
  decisions: readonly DecisionInput[],
  expectedVersion: number | undefined,
): Promise<EvaluationView> {
  return retryingConflicts(
    async () => {
      const { facts, evaluation, claims } = await mine(deps, actor, id);
      assertVersion(evaluation, expectedVersion);
      if (evaluation.status === 'submitted') {
        throw new Problem('invalid-state', { detail: 'Penilaian Anda sudah dikirim dan tidak dapat diubah.' });
      }
      await assertOpen(deps, facts);
      const next: Evaluation = {
        ...evaluation,
        decisions: resolveDecisions(claims, decisions),
        version: evaluation.version + 1,
        updatedAt: new Date(deps.now()).toISOString(),
      };
      await deps.write().evaluation(next, evaluation.version).commit();
      return view(next, claims);
    },
    expectedVersion === undefined ? undefined : ifMatchLost(id, deps, actor.caller.sub),
  );
}

/** Every evaluation of an innovation (blind review: see {@link assertNotBlind}). */
export async function listEvaluations(deps: Deps, actor: Acting, id: string): Promise<EvaluationView[]> {
  await visibleInnovation(deps, actor, id);
  await assertNotBlind(deps, actor, id);
  const evaluations = await deps.reads.evaluations(id);
  const claims = (await deps.reads.selfAssessment(id))?.claims ?? [];
  return evaluations.map((evaluation) => view(evaluation, claims));
}

/** A page of the caller's assignments, newest first. */
export function listMyAssignments(
  deps: Deps,
  actor: Acting,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<Evaluation>> {
  return deps.reads.myAssignments(actor.caller.sub, query.limit, query.cursor);
}
