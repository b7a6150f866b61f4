import { EvaluatorAssigned } from '@inovda/contracts';
import { type Acting, assertImpartial, eventContext, OPD_BOUND_DECIDERS, Problem } from '@inovda/kernel';
import { balancedAssignments } from '../domain/assignment';
import { assertNoConflict } from '../domain/evaluation';
import type { Evaluation, Evaluator, InnovationFacts, ScoringCycle } from '../domain/model';
import type { ScoringWrite } from '../store/scoring-write';
import { cycleOfInnovation, type Deps, knownCycle, visibleInnovation } from './context';
import { retryingConflicts } from './retry';

/** An evaluator declares their conflicts of interest; this also makes them assignable. */
export function declareConflicts(
  deps: Deps,
  actor: Acting,
  conflicts: { opdIds: readonly string[]; innovationIds: readonly string[] },
): Promise<Evaluator> {
  return retryingConflicts(async () => {
    const current = await deps.reads.evaluator(actor.caller.sub);
    const next: Evaluator = {
      sub: actor.caller.sub,
      username: actor.caller.username,
      ...(actor.caller.opdId ? { opdId: actor.caller.opdId } : {}),
      conflicts: { opdIds: [...new Set(conflicts.opdIds)], innovationIds: [...new Set(conflicts.innovationIds)] },
      assigned: current?.assigned ?? 0,
      updatedAt: new Date(deps.now()).toISOString(),
      version: (current?.version ?? 0) + 1,
    };
    await deps
      .write()
      .evaluator(next, current?.version ?? 0)
      .commit();
    return next;
  });
}

/** The evaluator's own declaration, to be read back before it is replaced (a new one replaces it whole). */
export async function myConflicts(deps: Deps, actor: Acting): Promise<Evaluator> {
  const evaluator = await deps.reads.evaluator(actor.caller.sub);
  if (!evaluator) throw new Problem('not-found', { detail: 'Anda belum menyatakan benturan kepentingan.' });
  return evaluator;
}

export async function listEvaluators(deps: Deps): Promise<Evaluator[]> {
  return deps.reads.evaluators();
}

/** Innovations are staffed once their self-assessment is submitted, while their cycle's results are unpublished. */
async function assertStaffable(deps: Deps, facts: InnovationFacts, cycle: ScoringCycle): Promise<void> {
  if (facts.withdrawn) throw new Problem('invalid-state', { detail: 'Inovasi ini sudah ditarik.' });
  if (cycle.published) throw new Problem('invalid-state', { detail: 'Hasil siklus ini sudah diumumkan.' });
  const selfAssessment = await deps.reads.selfAssessment(facts.innovationId);
  if (selfAssessment?.status !== 'submitted') {
    throw new Problem('invalid-state', { detail: 'Penilaian mandiri inovasi ini belum dikirim.' });
  }
}

/** Adds one assignment (its evaluation item, the evaluator's load, the event) to `write`. */
function assign(
  deps: Deps,
  write: ScoringWrite,
  actor: Acting,
  facts: InnovationFacts,
  cycle: ScoringCycle,
  evaluator: Evaluator,
  how: 'manual' | 'automatic',
  now: Date,
): Evaluation {
  const evaluation: Evaluation = {
    innovationId: facts.innovationId,
    opdId: facts.opdId,
    cycleId: cycle.id,
    name: facts.name,
    evaluator: { sub: evaluator.sub, username: evaluator.username },
    how,
    assignedAt: now.toISOString(),
    status: 'assigned',
    decisions: [],
    version: 1,
  };
  write
    .evaluation(evaluation, 0)
    .evaluator({ ...evaluator, assigned: evaluator.assigned + 1, version: evaluator.version + 1 }, evaluator.version)
    .events(
      [
        EvaluatorAssigned.create(
          {
            innovationId: facts.innovationId,
            opdId: facts.opdId,
            cycleId: cycle.id,
            name: facts.name,
            evaluator: evaluation.evaluator,
            how,
            assignedAt: evaluation.assignedAt,
          },
          eventContext(deps.regionId, actor, now),
        ),
      ],
      now,
    );
  return evaluation;
}

/**
 * Sets an innovation's evaluators by hand: adds the ones not yet assigned (each checked for conflicts: their OPD,
 * their declared OPDs and innovations). An evaluator already assigned stays; removing one is not offered, because
 * a verification once started is on record.
 */
export function assignEvaluators(
  deps: Deps,
  actor: Acting,
  id: string,
  subs: readonly string[],
): Promise<Evaluation[]> {
  return retryingConflicts(async () => {
    const facts = await visibleInnovation(deps, actor, id);
    assertImpartial(actor, facts);
    const cycle = await cycleOfInnovation(deps, facts);
    await assertStaffable(deps, facts, cycle);
    const existing = await deps.reads.evaluations(id);
    const now = new Date(deps.now());
    const write = deps.write();
    const added: Evaluation[] = [];
    for (const sub of subs.filter(
      (candidate) => !existing.some((evaluation) => evaluation.evaluator.sub === candidate),
    )) {
      const evaluator = await deps.reads.evaluator(sub);
      if (!evaluator)
        throw new Problem('unknown-evaluator', { detail: `Penilai ${sub} belum terdaftar sebagai penilai.` });
      assertNoConflict(evaluator, facts);
      added.push(assign(deps, write, actor, facts, cycle, evaluator, 'manual', now));
    }
    await write.commit();
    return [...existing, ...added];
  });
}

/**
 * The balanced rule over a cycle: every innovation with a submitted self-assessment and fewer than `perInnovation`
 * evaluators gets the eligible evaluators with the lightest load. The evaluators are read once and their loads kept
 * up to date as the run assigns; one transaction per innovation, so a large cycle never meets the transaction
 * limit, and a conflict (a coordinator assigning by hand meanwhile) costs one innovation a fresh read and a retry.
 * Assigning is a decision like any other: a coordinator whose token names no OPD may not run it (403), and the
 * innovations of the caller's own OPD are left unstaffed (reported), for a coordinator of another OPD to staff.
 */
export async function autoAssign(deps: Deps, actor: Acting, cycleId: string, perInnovation: number) {
  if (actor.caller.opdId === undefined && OPD_BOUND_DECIDERS.includes(actor.role)) {
    // Such a caller is refused whatever the innovation: once, before anything is read.
    assertImpartial(actor, { opdId: '' });
  }
  const cycle = await knownCycle(deps, cycleId);
  if (cycle.published) throw new Problem('invalid-state', { detail: 'Hasil siklus ini sudah diumumkan.' });
  const assigned: Array<{ innovationId: string; evaluator: { sub: string; username: string } }> = [];
  const unstaffed: Array<{ innovationId: string; missing: number }> = [];
  let evaluators = await deps.reads.evaluators();
  for (const facts of await deps.reads.cycleInnovations(cycleId)) {
    if (facts.withdrawn || facts.cycleId !== cycleId) continue;
    if ((await deps.reads.selfAssessment(facts.innovationId))?.status !== 'submitted') continue;
    await retryingConflicts(
      async () => {
        const existing = await deps.reads.evaluations(facts.innovationId);
        const needed = perInnovation - existing.length;
        if (needed <= 0) return;
        if (actor.caller.opdId !== undefined && actor.caller.opdId === facts.opdId) {
          unstaffed.push({ innovationId: facts.innovationId, missing: needed });
          return;
        }
        const [plan] = balancedAssignments(evaluators, [
          { innovation: facts, assigned: new Set(existing.map((evaluation) => evaluation.evaluator.sub)), needed },
        ]);
        if (!plan) return;
        const now = new Date(deps.now());
        const write = deps.write();
        const made = plan.evaluators.map((evaluator) =>
          assign(deps, write, actor, facts, cycle, evaluator, 'automatic', now),
        );
        await write.commit();
        const chosen = new Set(plan.evaluators.map((evaluator) => evaluator.sub));
        evaluators = evaluators.map((evaluator) =>
          chosen.has(evaluator.sub)
            ? { ...evaluator, assigned: evaluator.assigned + 1, version: evaluator.version + 1 }
            : evaluator,
        );
        assigned.push(
          ...made.map((evaluation) => ({ innovationId: facts.innovationId, evaluator: evaluation.evaluator })),
        );
        if (plan.missing > 0) unstaffed.push({ innovationId: facts.innovationId, missing: plan.missing });
      },
      async () => {
        // Someone else changed an evaluator's load meanwhile: read them again before the retry.
        evaluators = await deps.reads.evaluators();
      },
    );
  }
  return { assigned, unstaffed };
}
