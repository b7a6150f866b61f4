import { type Acting, type Clock, canSee, Problem, systemActor } from '@inovda/kernel';
import type { VerificationRule } from '../domain/levels';
import type { InnovationFacts, ScoringCycle } from '../domain/model';
import type { ScoringEdition } from '../domain/scoring-edition';
import type { ScoringReads } from '../store/scoring-reads';
import type { ScoringWrite } from '../store/scoring-write';

/** What the use cases depend on; functions build it once per cold start (deps.ts), tests build their own. */
export interface Deps extends Clock {
  readonly reads: ScoringReads;
  /** A new transaction. */
  readonly write: () => ScoringWrite;
  readonly regionId: string;
}

/** What the use cases that read the rubric need besides: the editions this platform ships, by id. */
export interface EditionDeps extends Deps {
  readonly editions: (id: string) => ScoringEdition | undefined;
}

/** What settling scores needs besides: the region's rule for the evaluators' levels (region setting). */
export interface ScoringDeps extends EditionDeps {
  readonly aggregation: VerificationRule;
}

/** This service acting on its own (consumers), as recorded in events. */
export const SYSTEM_ACTOR = systemActor('scoring');

/** The edition a cycle was opened under; an unknown id is a deployment error, not the caller's. */
export function editionOf(deps: EditionDeps, cycle: Pick<ScoringCycle, 'editionId'>): ScoringEdition {
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
