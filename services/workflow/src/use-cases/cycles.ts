import {
  type CreateCycleInput,
  CycleClosed,
  CycleOpened,
  mergedWindows,
  STAGES,
  type Stage,
  type UpdateCycleInput,
} from '@inovda/contracts';
import { IdempotencyConflict, idempotencyClaim } from '@inovda/dynamo';
import { type Acting, actorRef, assertVersion, eventContext, type Page, Problem, parseOrProblem } from '@inovda/kernel';
import { assertCycleAllows, type Cycle, type StageWindows } from '../domain/cycle';
import type { Deps, ListDeps } from './context';

/**
 * Creates a planned cycle. With an idempotency key, the same request twice plans one cycle: the retry answers the
 * first (`replayed`); the key with another request is refused.
 */
export async function createCycle(
  deps: Deps,
  actor: Acting,
  input: CreateCycleInput,
  idempotencyKey?: string,
): Promise<{ cycle: Cycle; replayed: boolean }> {
  const at = deps.now().toISOString();
  const cycle: Cycle = {
    ...input,
    id: deps.newId(),
    status: 'planned',
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: actorRef(actor),
  };
  const claim = idempotencyKey ? idempotencyClaim(actor.caller.sub, idempotencyKey, input) : undefined;
  try {
    await deps.cycles.create(cycle, claim);
    return { cycle, replayed: false };
  } catch (error) {
    if (!(error instanceof IdempotencyConflict) || !claim) throw error;
    const first = error.requestHash === claim.requestHash ? await deps.cycles.get(error.resourceId) : undefined;
    if (!first) throw new Problem('idempotency-key-reused');
    return { cycle: first, replayed: true };
  }
}

/** Reads a cycle; every role may (a cycle is the programme's public plan). */
export async function getCycle(deps: Deps, id: string): Promise<Cycle> {
  const cycle = await deps.cycles.get(id);
  if (!cycle) throw new Problem('not-found');
  return cycle;
}

export async function listCycles(deps: ListDeps, query: { limit: number; cursor?: string }): Promise<Page<Cycle>> {
  return deps.lists.cycles(query.limit, query.cursor);
}

/** Moves some stage windows, while the cycle is planned or open; the whole plan must stay valid. */
export async function updateCycleWindows(
  deps: Deps,
  id: string,
  expectedVersion: number,
  patch: UpdateCycleInput,
): Promise<Cycle> {
  const current = await getCycle(deps, id);
  assertVersion(current, expectedVersion);
  assertCycleAllows('update-windows', current.status);
  const merged = Object.fromEntries(
    STAGES.map((stage) => [stage, patch.stageWindows[stage] ?? current.stageWindows[stage]]),
  ) as Record<Stage, StageWindows[Stage]>;
  const { stageWindows } = parseOrProblem(mergedWindows, { stageWindows: merged });
  if (JSON.stringify(stageWindows) === JSON.stringify(current.stageWindows)) return current;
  const next: Cycle = { ...current, stageWindows, version: current.version + 1, updatedAt: deps.now().toISOString() };
  await deps.cycles.save(next, current.version);
  return next;
}

/** Opens a planned cycle (registrations may start) or closes an open one; each announces itself on the bus. */
export async function changeCycleStatus(
  deps: Deps,
  actor: Acting,
  id: string,
  action: 'open' | 'close',
  expectedVersion?: number,
): Promise<Cycle> {
  const current = await getCycle(deps, id);
  assertVersion(current, expectedVersion);
  assertCycleAllows(action, current.status);
  const now = deps.now();
  const at = now.toISOString();
  const ref = { cycleId: id, name: current.name, year: current.year };
  const context = eventContext(deps.regionId, actor, now);
  const next: Cycle =
    action === 'open'
      ? { ...current, status: 'open', version: current.version + 1, updatedAt: at, openedAt: at }
      : { ...current, status: 'closed', version: current.version + 1, updatedAt: at, closedAt: at };
  const event =
    action === 'open'
      ? CycleOpened.create({ ...ref, openedAt: at, stageWindows: current.stageWindows }, context)
      : CycleClosed.create({ ...ref, closedAt: at }, context);
  await deps.cycles.save(next, current.version, event);
  return next;
}
