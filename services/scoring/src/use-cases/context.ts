import type { RubricEdition } from '@inovda/contracts';
import { type Acting, type Clock, canSee, hasAnyRole, Problem, systemActor } from '@inovda/kernel';
import type { VerificationRule } from '../domain/levels';
import type { Evaluation, InnovationFacts, ScoringCycle } from '../domain/model';
import type { ScoringReads } from '../store/scoring-reads';
import type { ScoringWrite } from '../store/scoring-write';

/** What the use cases depend on; functions build it once per cold start (deps.ts), tests build their own. */
export interface Deps extends Clock {
  readonly reads: ScoringReads;
  /** A new transaction. */
  readonly write: () => ScoringWrite;
  readonly regionId: string;
  /** The rubric editions this platform ships, by id. */
  readonly editions: (id: string) => RubricEdition | undefined;
}

/** What settling scores needs besides: the region's rule for the evaluators' levels (region setting). */
export interface ScoringDeps extends Deps {
  readonly aggregation: VerificationRule;
}

/** This service acting on its own (consumers), as recorded in events. */
export const SYSTEM_ACTOR = systemActor('scoring');

/** The edition a cycle was opened under; an unknown id is a deployment error, not the caller's. */
export function editionOf(deps: Deps, cycle: Pick<ScoringCycle, 'editionId'>): RubricEdition {
  const edition = deps.editions(cycle.editionId);
  if (!edition) throw new Error(`rubric edition ${cycle.editionId} is not shipped with this platform`);
  return edition;
}

/** An innovation the caller may see (staff: any; an OPD: its own), else 404: a caller learns nothing of the rest. */
export async function visibleInnovation(deps: Deps, actor: Acting, id: string): Promise<InnovationFacts> {
  const facts = await deps.reads.facts(id);
  if (!facts || !canSee(actor.caller, facts)) throw new Problem('not-found');
  return facts;
}

/**
 * An evaluator sees only the innovations assigned to them (404 for the rest: they learn nothing of them), and,
 * blind review, what other evaluators decided only once their own verification is submitted (403 before). Nothing
 * to check for anyone else (programme staff who also evaluate act as staff). `blind: false` for what carries no
 * other evaluator's decision (the self-assessment they verify).
 */
export async function assertEvaluatorMay(
  deps: Deps,
  actor: Acting,
  id: string,
  options: { readonly blind: boolean },
): Promise<readonly Evaluation[]> {
  const evaluations = await deps.reads.evaluations(id);
  if (actor.role !== 'evaluator' || hasAnyRole(actor.caller, ['coordinator', 'admin'])) return evaluations;
  const own = evaluations.find((evaluation) => evaluation.evaluator.sub === actor.caller.sub);
  if (!own) throw new Problem('not-found', { detail: 'Inovasi ini tidak ditugaskan kepada Anda.' });
  if (options.blind && own.status !== 'submitted') {
    throw new Problem('forbidden', {
      detail: 'Penilaian penilai lain baru dapat dilihat setelah Anda mengirim penilaian Anda sendiri.',
    });
  }
  return evaluations;
}

/** The cycle an innovation is registered in; 404 when it is in none (not registered, or reverted). */
export async function cycleOfInnovation(deps: Deps, facts: InnovationFacts): Promise<ScoringCycle> {
  const cycle = facts.cycleId ? await deps.reads.cycle(facts.cycleId) : undefined;
  if (!cycle) throw new Problem('not-found', { detail: 'Inovasi ini belum terdaftar dalam siklus penilaian.' });
  return cycle;
}

/** A cycle by id, else 404. */
export async function knownCycle(deps: Deps, id: string): Promise<ScoringCycle> {
  const cycle = await deps.reads.cycle(id);
  if (!cycle) throw new Problem('not-found');
  return cycle;
}
