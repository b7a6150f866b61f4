import {
  type CreateInnovationInput,
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  type InnovationStatus,
  InnovationWithdrawn,
  type UpdateInnovationInput,
} from '@inovda/contracts';
import { IdempotencyConflict, idempotencyClaim } from '@inovda/dynamo';
import { type Acting, actorRef, assertVersion, canSee, eventContext, type Page, Problem } from '@inovda/kernel';
import { assertCanCreateFor, assertCanWrite } from '../domain/access';
import type { HistoryEntry, Innovation } from '../domain/innovation';
import { assertAllowed, nextStatus } from '../domain/lifecycle';
import { applyProfilePatch, assertProfileWithinBudget, profileOf } from '../domain/profile-input';
import type { CreateDeps, Deps } from './context';

/** The result of a create: the innovation and whether it was replayed from an earlier request with the same key. */
export interface CreateResult {
  readonly innovation: Innovation;
  readonly replayed: boolean;
}

/** Creates a draft innovation for an OPD. With an idempotency key, the same request twice creates one innovation. */
export async function createInnovation(
  deps: CreateDeps,
  actor: Acting,
  input: CreateInnovationInput,
  idempotencyKey?: string,
): Promise<CreateResult> {
  assertCanCreateFor(actor.caller, input.opdId, deps.regionOpdIds);
  assertProfileWithinBudget(input);
  const now = deps.now();
  const at = now.toISOString();
  const innovation: Innovation = {
    ...input,
    id: deps.newId(),
    version: 1,
    status: 'draft',
    createdAt: at,
    updatedAt: at,
    createdBy: actorRef(actor),
  };
  const event = InnovationDrafted.create(
    { innovationId: innovation.id, opdId: innovation.opdId, version: 1, name: innovation.name, profile: input },
    eventContext(deps.regionId, actor, now),
  );
  // The hash tells a retry (same key, same body) from a reused key (same key, other body).
  const claim = idempotencyKey ? idempotencyClaim(actor.caller.sub, idempotencyKey, input) : undefined;
  try {
    await deps.store.create(
      innovation,
      { version: 1, action: 'created', at, actor: actorRef(actor), changedFields: Object.keys(input).sort() },
      event,
      claim,
    );
    return { innovation, replayed: false };
  } catch (error) {
    if (!(error instanceof IdempotencyConflict) || !claim) throw error;
    if (error.requestHash !== claim.requestHash) throw new Problem('idempotency-key-reused');
    const existing = await deps.store.get(error.resourceId);
    if (!existing) throw new Problem('idempotency-key-reused');
    return { innovation: existing, replayed: true };
  }
}

/** Reads an innovation the caller may see; anything else is a 404. */
export async function getInnovation(deps: Deps, actor: Acting, id: string): Promise<Innovation> {
  const innovation = await deps.store.get(id);
  if (!innovation || !canSee(actor.caller, innovation)) throw new Problem('not-found');
  return innovation;
}

/** Lists innovations; an OPD user's list is always confined to its own OPD. */
export async function listInnovations(
  deps: Deps,
  actor: Acting,
  query: { opdId?: string; status?: InnovationStatus; limit: number; cursor?: string },
): Promise<Page<Innovation>> {
  const staff = actor.role !== 'opd';
  const ownOpd = actor.caller.opdId;
  // Defence in depth: the HTTP stack already refuses OPD users without a unit; an unscoped OPD list must never run.
  if (!staff && !ownOpd) throw new Problem('forbidden');
  if (!staff && query.opdId && query.opdId !== ownOpd) return { items: [], nextCursor: null };
  const opdId = staff ? query.opdId : ownOpd;
  return deps.store.list(
    { ...(opdId ? { opdId } : {}), ...(query.status ? { status: query.status } : {}) },
    query.limit,
    query.cursor,
  );
}

/** Applies a partial update, if the caller still holds the current version. A no-op update changes nothing. */
export async function updateInnovation(
  deps: Deps,
  actor: Acting,
  id: string,
  expectedVersion: number,
  patch: UpdateInnovationInput,
): Promise<Innovation> {
  const current = await writable(deps, actor, id, expectedVersion);
  assertAllowed('update', current.status);

  const { profile, changedFields } = applyProfilePatch(profileOf(current), patch);
  if (changedFields.length === 0) return current;
  assertProfileWithinBudget(profile);
  const now = deps.now();
  const version = current.version + 1;
  const next: Innovation = {
    ...lifecycleOf(current),
    ...profile,
    version,
    updatedAt: now.toISOString(),
  };
  const event = InnovationProfileUpdated.create(
    { innovationId: id, opdId: current.opdId, version, changedFields, profile },
    eventContext(deps.regionId, actor, now),
  );
  await deps.store.save(
    next,
    current.version,
    { version, action: 'updated', at: next.updatedAt, actor: actorRef(actor), changedFields },
    event,
  );
  return next;
}

/** The non-profile part of an innovation (identity and lifecycle), so a patch cannot touch it. */
function lifecycleOf(innovation: Innovation) {
  const { id, version, status, createdAt, updatedAt, createdBy, registeredAt, cycleId, withdrawnAt, withdrawReason } =
    innovation;
  return {
    id,
    version,
    status,
    createdAt,
    updatedAt,
    createdBy,
    ...(registeredAt ? { registeredAt } : {}),
    ...(cycleId ? { cycleId } : {}),
    ...(withdrawnAt ? { withdrawnAt } : {}),
    ...(withdrawReason ? { withdrawReason } : {}),
  };
}

/** Reads an innovation the caller may change, at the version it expects (when it says one). */
async function writable(deps: Deps, actor: Acting, id: string, expectedVersion?: number): Promise<Innovation> {
  const current = await deps.store.get(id);
  if (!current) throw new Problem('not-found');
  assertCanWrite(actor.caller, current);
  assertVersion(current, expectedVersion);
  return current;
}

/**
 * The open cycle a registration goes into: the one named, or, when none is named, the only open one. Cycles are
 * known from the workflow service's events (our own projection), never from its table.
 */
async function cycleToRegisterInto(deps: Deps, cycleId: string | undefined): Promise<string> {
  if (cycleId) {
    const cycle = await deps.cycles.get(cycleId);
    if (!cycle) throw new Problem('unknown-cycle', { cycleId });
    if (cycle.status !== 'open') throw new Problem('cycle-closed', { cycleId });
    return cycle.cycleId;
  }
  const open = await deps.cycles.listOpen(2);
  const [only, another] = open;
  if (!only) throw new Problem('no-open-cycle');
  if (another) {
    throw new Problem('validation-failed', {
      errors: [{ path: '/cycleId', code: 'required', message: 'wajib dipilih: ada lebih dari satu siklus terbuka' }],
    });
  }
  return only.cycleId;
}

/**
 * Registers a draft into a programme cycle open as far as this service knows (its projection of the workflow's
 * cycles). The workflow is the authority: a registration that reaches it after the cycle closed is refused
 * (RegistrationRefused) and taken back here (registration-refusals.ts). No check on the cycle item in the
 * transaction: every registration of a cycle would then touch that one item, and on a deadline day concurrent
 * registrations would conflict on it.
 */
export async function registerInnovation(
  deps: Deps,
  actor: Acting,
  id: string,
  options: { expectedVersion?: number; cycleId?: string },
): Promise<Innovation> {
  const current = await writable(deps, actor, id, options.expectedVersion);
  assertAllowed('register', current.status);
  const cycleId = await cycleToRegisterInto(deps, options.cycleId);
  const now = deps.now();
  const at = now.toISOString();
  const version = current.version + 1;
  const next: Innovation = {
    ...current,
    version,
    status: nextStatus('register'),
    updatedAt: at,
    registeredAt: at,
    cycleId,
  };
  const event = InnovationRegistered.create(
    { innovationId: id, opdId: current.opdId, version, name: current.name, cycleId, registeredAt: at },
    eventContext(deps.regionId, actor, now),
  );
  await deps.store.save(
    next,
    current.version,
    { version, action: 'registered', at, actor: actorRef(actor), changedFields: ['status', 'cycleId'] },
    event,
  );
  return next;
}

/** Withdraws a draft or registered innovation, with an optional reason. */
export async function withdrawInnovation(
  deps: Deps,
  actor: Acting,
  id: string,
  options: { expectedVersion?: number; reason?: string },
): Promise<Innovation> {
  const current = await writable(deps, actor, id, options.expectedVersion);
  assertAllowed('withdraw', current.status);
  const now = deps.now();
  const at = now.toISOString();
  const version = current.version + 1;
  const reason = options.reason ? { withdrawReason: options.reason } : {};
  const next: Innovation = {
    ...current,
    version,
    status: nextStatus('withdraw'),
    updatedAt: at,
    withdrawnAt: at,
    ...reason,
  };
  const event = InnovationWithdrawn.create(
    {
      innovationId: id,
      opdId: current.opdId,
      version,
      withdrawnAt: at,
      ...(options.reason ? { reason: options.reason } : {}),
    },
    eventContext(deps.regionId, actor, now),
  );
  await deps.store.save(
    next,
    current.version,
    {
      version,
      action: 'withdrawn',
      at,
      actor: actorRef(actor),
      changedFields: ['status'],
      ...(options.reason ? { note: options.reason } : {}),
    },
    event,
  );
  return next;
}

/** The change history of an innovation the caller may see. */
export async function listVersions(
  deps: Deps,
  actor: Acting,
  id: string,
  query: { limit: number; cursor?: string },
): Promise<Page<HistoryEntry>> {
  await getInnovation(deps, actor, id);
  return deps.store.history(id, query.limit, query.cursor);
}
