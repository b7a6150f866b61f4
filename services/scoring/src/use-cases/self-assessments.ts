import { SelfAssessmentSubmitted } from '@inovda/contracts';
import { TransactionCancelled } from '@inovda/dynamo';
import {
  type Acting,
  actorRef,
  assertVersion,
  eventContext,
  isOwnerOpd,
  Problem,
  versionMismatch,
} from '@inovda/kernel';
import type { SelfAssessment } from '../domain/model';
import {
  assertSelfAssessable,
  type ClaimInput,
  claimedScore,
  missingForSubmission,
  resolveClaims,
} from '../domain/self-assessment';
import { assertAssignedIfEvaluator } from './blind-review';
import { cycleOfInnovation, type EditionDeps, editionOf, visibleInnovation } from './context';

/** The self-assessment of an innovation the caller may see (an evaluator: one assigned); 404 until saved. */
export async function getSelfAssessment(deps: EditionDeps, actor: Acting, id: string): Promise<SelfAssessment> {
  await visibleInnovation(deps, actor, id);
  await assertAssignedIfEvaluator(deps, actor, id);
  const selfAssessment = await deps.reads.selfAssessment(id);
  if (!selfAssessment) throw new Problem('not-found', { detail: 'Penilaian mandiri belum diisi.' });
  return selfAssessment;
}

/** The owner OPD (or an admin) acting on its innovation; another OPD learns nothing of it (404). */
async function ownInnovation(deps: EditionDeps, actor: Acting, id: string) {
  const facts = await visibleInnovation(deps, actor, id);
  if (actor.role === 'opd' && !isOwnerOpd(actor.caller, facts)) throw new Problem('not-found');
  const cycle = await cycleOfInnovation(deps, facts);
  const edition = editionOf(deps, cycle);
  assertSelfAssessable(facts, edition);
  return { facts, cycle, edition };
}

async function saveOrMismatch(deps: EditionDeps, id: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failed('self-assessment')) {
      throw versionMismatch((await deps.reads.selfAssessment(id))?.version);
    }
    throw error;
  }
}

/** Saves the draft: the claims replace the previous ones; evidence defaults to the profile's links per indicator. */
export async function saveSelfAssessment(
  deps: EditionDeps,
  actor: Acting,
  id: string,
  claims: readonly ClaimInput[],
  expectedVersion: number | undefined,
): Promise<SelfAssessment> {
  const { facts, cycle, edition } = await ownInnovation(deps, actor, id);
  const current = await deps.reads.selfAssessment(id);
  if (current) assertVersion(current, expectedVersion);
  else if (expectedVersion !== undefined) throw versionMismatch(undefined);
  if (current?.status === 'submitted') {
    throw new Problem('invalid-state', { detail: 'Penilaian mandiri sudah dikirim dan tidak dapat diubah lagi.' });
  }
  const resolved = resolveClaims(edition, facts, claims);
  const now = new Date(deps.now()).toISOString();
  const next: SelfAssessment = {
    innovationId: id,
    opdId: facts.opdId,
    cycleId: cycle.id,
    editionId: edition.id,
    status: 'draft',
    claims: resolved,
    claimedScore: claimedScore(edition, resolved),
    version: (current?.version ?? 0) + 1,
    updatedAt: now,
    updatedBy: actorRef(actor),
  };
  await saveOrMismatch(deps, id, () =>
    deps
      .write()
      .selfAssessment(next, current?.version ?? 0)
      .commit(),
  );
  return next;
}

/** Submits the self-assessment: complete (every mandatory indicator claimed with evidence), then final. */
export async function submitSelfAssessment(
  deps: EditionDeps,
  actor: Acting,
  id: string,
  expectedVersion: number | undefined,
): Promise<SelfAssessment> {
  const { edition } = await ownInnovation(deps, actor, id);
  const current = await deps.reads.selfAssessment(id);
  if (!current) throw new Problem('invalid-state', { detail: 'Simpan penilaian mandiri terlebih dahulu.' });
  assertVersion(current, expectedVersion);
  if (current.status === 'submitted') {
    throw new Problem('invalid-state', { detail: 'Penilaian mandiri sudah dikirim.' });
  }
  const missing = missingForSubmission(edition, current.claims);
  if (missing.length > 0) throw new Problem('incomplete-submission', { missing });
  const now = new Date(deps.now());
  const next: SelfAssessment = {
    ...current,
    status: 'submitted',
    version: current.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: actorRef(actor),
    submittedAt: now.toISOString(),
  };
  const event = SelfAssessmentSubmitted.create(
    {
      innovationId: id,
      opdId: current.opdId,
      cycleId: current.cycleId,
      editionId: current.editionId,
      claimedScore: current.claimedScore,
      indicators: current.claims.length,
      submittedAt: now.toISOString(),
    },
    eventContext(deps.regionId, actor, now),
  );
  await saveOrMismatch(deps, id, () =>
    deps.write().selfAssessment(next, current.version).events([event], now).commit(),
  );
  return next;
}
