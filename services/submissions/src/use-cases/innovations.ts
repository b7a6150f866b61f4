import { createHash } from 'node:crypto';
import {
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  type InnovationStatus,
  InnovationWithdrawn,
} from '@inovda/contracts';
import { Problem } from '@inovda/lambda-kit';
import { assertCanCreateFor, assertCanWrite, canRead } from '../domain/access';
import type { Innovation } from '../domain/innovation';
import { assertAllowed, nextStatus } from '../domain/lifecycle';
import {
  applyProfilePatch,
  type CreateInnovationInput,
  profileOf,
  type UpdateInnovationInput,
} from '../domain/profile-input';
import { IdempotencyConflict, type Page } from '../store/innovation-store';
import { type Acting, actorRef, type Deps, eventContext } from './context';

/** Hash of a create request, to tell a retry (same key, same body) from a reused key (same key, other body). */
function requestHash(input: CreateInnovationInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

/** The result of a create: the innovation and whether it was replayed from an earlier request with the same key. */
export interface CreateResult {
  readonly innovation: Innovation;
  readonly replayed: boolean;
}

/** Creates a draft innovation for an OPD. With an idempotency key, the same request twice creates one innovation. */
export async function createInnovation(
  deps: Deps,
  actor: Acting,
  input: CreateInnovationInput,
  idempotencyKey?: string,
): Promise<CreateResult> {
  assertCanCreateFor(actor.caller, input.opdId, deps.regionOpdIds);
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
    eventContext(deps, actor, now),
  );
  const claim = idempotencyKey
    ? { callerSub: actor.caller.sub, key: idempotencyKey, requestHash: requestHash(input) }
    : undefined;
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
    const existing = await deps.store.get(error.innovationId);
    if (!existing) throw new Problem('idempotency-key-reused');
    return { innovation: existing, replayed: true };
  }
}

/** Reads an innovation the caller may see; anything else is a 404. */
export async function getInnovation(deps: Deps, actor: Acting, id: string): Promise<Innovation> {
  const innovation = await deps.store.get(id);
  if (!innovation || !canRead(actor.caller, innovation)) throw new Problem('not-found');
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
  if (!staff && query.opdId && query.opdId !== ownOpd) return { items: [], nextCursor: null };
  const opdId = staff ? query.opdId : ownOpd;
  return deps.store.list(
    { ...(opdId ? { opdId } : {}), ...(query.status ? { status: query.status } : {}) },
    query.limit,
    query.cursor,
  );
}

function assertVersion(innovation: Innovation, expected: number | undefined): void {
  if (expected !== undefined && expected !== innovation.version) {
    throw new Problem(
      'version-mismatch',
      { detail: `The innovation is at version ${innovation.version}.`, currentVersion: innovation.version },
      { etag: `"${innovation.version}"` },
    );
  }
}

/** Applies a partial update, if the caller still holds the current version. A no-op update changes nothing. */
export async function updateInnovation(
  deps: Deps,
  actor: Acting,
  id: string,
  expectedVersion: number,
  patch: UpdateInnovationInput,
): Promise<Innovation> {
  const current = await deps.store.get(id);
  if (!current) throw new Problem('not-found');
  assertCanWrite(actor.caller, current);
  assertVersion(current, expectedVersion);
  assertAllowed('update', current.status);
  const { profile, changedFields } = applyProfilePatch(profileOf(current), patch);
  if (changedFields.length === 0) return current;
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
    eventContext(deps, actor, now),
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
  const { id, version, status, createdAt, updatedAt, createdBy, registeredAt, withdrawnAt, withdrawReason } =
    innovation;
  return {
    id,
    version,
    status,
    createdAt,
    updatedAt,
    createdBy,
    ...(registeredAt ? { registeredAt } : {}),
    ...(withdrawnAt ? { withdrawnAt } : {}),
    ...(withdrawReason ? { withdrawReason } : {}),
  };
}

/** Registers a draft into the programme, or withdraws an innovation. */
export async function changeStatus(
  deps: Deps,
  actor: Acting,
  id: string,
  action: 'register' | 'withdraw',
  options: { expectedVersion?: number; reason?: string },
): Promise<Innovation> {
  const current = await deps.store.get(id);
  if (!current) throw new Problem('not-found');
  assertCanWrite(actor.caller, current);
  assertVersion(current, options.expectedVersion);
  assertAllowed(action, current.status);
  const now = deps.now();
  const at = now.toISOString();
  const version = current.version + 1;
  const context = eventContext(deps, actor, now);
  const ref = { innovationId: id, opdId: current.opdId, version };
  const next: Innovation =
    action === 'register'
      ? { ...current, version, status: nextStatus(action), updatedAt: at, registeredAt: at }
      : {
          ...current,
          version,
          status: nextStatus(action),
          updatedAt: at,
          withdrawnAt: at,
          ...(options.reason ? { withdrawReason: options.reason } : {}),
        };
  const event =
    action === 'register'
      ? InnovationRegistered.create({ ...ref, name: current.name, registeredAt: at }, context)
      : InnovationWithdrawn.create(
          { ...ref, withdrawnAt: at, ...(options.reason ? { reason: options.reason } : {}) },
          context,
        );
  await deps.store.save(
    next,
    current.version,
    {
      version,
      action: action === 'register' ? 'registered' : 'withdrawn',
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
): Promise<Page<unknown>> {
  await getInnovation(deps, actor, id);
  return deps.store.history(id, query.limit, query.cursor);
}
