import { CycleClosed, CycleOpened, STAGES, type Stage } from '@inovda/contracts';
import { Problem, parseOrProblem } from '@inovda/lambda-kit';
import { assertMayCommitFor } from '../domain/access';
import { assertCycleAllows, type Cycle, type StageWindows } from '../domain/cycle';
import { type CreateCycleInput, mergedWindows, type UpdateCycleInput } from '../domain/cycle-input';
import type { Page } from '../store/common';
import { COUNTER } from '../store/keys';
import { type Acting, actorRef, type Deps, eventContext } from './context';

/** Creates a planned cycle. */
export async function createCycle(deps: Deps, actor: Acting, input: CreateCycleInput): Promise<Cycle> {
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
  await deps.cycles.create(cycle);
  return cycle;
}

/** Reads a cycle; every role may (a cycle is the programme's public plan). */
export async function getCycle(deps: Deps, id: string): Promise<Cycle> {
  const cycle = await deps.cycles.get(id);
  if (!cycle) throw new Problem('not-found');
  return cycle;
}

export async function listCycles(deps: Deps, query: { limit: number; cursor?: string }): Promise<Page<Cycle>> {
  return deps.cycles.list(query.limit, query.cursor);
}

function assertVersion(cycle: Cycle, expected: number): void {
  if (expected !== cycle.version) {
    throw new Problem(
      'version-mismatch',
      { detail: `Siklus berada pada versi ${cycle.version}.`, currentVersion: cycle.version },
      { etag: `"${cycle.version}"` },
    );
  }
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
  if (expectedVersion !== undefined) assertVersion(current, expectedVersion);
  assertCycleAllows(action, current.status);
  const now = deps.now();
  const at = now.toISOString();
  const ref = { cycleId: id, name: current.name, year: current.year };
  const context = eventContext(deps, actor, now);
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

/** Records how many innovations an OPD pledges in a cycle (Drum up). */
export async function setCommitment(
  deps: Deps,
  actor: Acting,
  cycleId: string,
  opdId: string,
  pledged: number,
): Promise<{ cycleId: string; opdId: string; pledged: number }> {
  assertMayCommitFor(actor.caller, opdId, deps.regionOpdIds);
  const cycle = await getCycle(deps, cycleId);
  assertCycleAllows('commit', cycle.status);
  const accepted = await deps.cycles.setCommitment(cycleId, opdId, pledged, deps.now().toISOString());
  // The cycle closed between the read and the write: the same answer as if it had been closed before.
  if (!accepted) assertCycleAllows('commit', 'closed');
  return { cycleId, opdId, pledged };
}

function count(row: Record<string, unknown>, name: string): number {
  const value = row[name];
  return typeof value === 'number' ? value : 0;
}

function stageCounts(row: Record<string, unknown>): Record<Stage, number> {
  return Object.fromEntries(STAGES.map((stage) => [stage, count(row, COUNTER.stage(stage))])) as Record<Stage, number>;
}

/** The coordinator's board: the funnel and, per OPD of the region, pledged vs registered vs in each stage. */
export async function getBoard(deps: Deps, cycleId: string) {
  const cycle = await getCycle(deps, cycleId);
  const [funnel, rows] = await Promise.all([
    deps.cycles.funnel(cycleId),
    deps.cycles.opdRows(cycleId, deps.regionOpdIds.size + 1),
  ]);
  const byOpd = new Map(rows.map((row) => [String(row.opdId), row]));
  const opds = [...deps.regionOpdIds].map((opdId) => {
    const row = byOpd.get(opdId) ?? {};
    return {
      opdId,
      pledged: typeof row.pledged === 'number' ? row.pledged : null,
      target: cycle.targetPerOpd,
      registered: count(row, COUNTER.registered),
      withdrawn: count(row, COUNTER.withdrawn),
      held: count(row, COUNTER.held),
      stages: stageCounts(row),
    };
  });
  return {
    cycle: { id: cycle.id, name: cycle.name, year: cycle.year, status: cycle.status },
    funnel: {
      stages: stageCounts(funnel),
      registered: count(funnel, COUNTER.registered),
      withdrawn: count(funnel, COUNTER.withdrawn),
      held: count(funnel, COUNTER.held),
    },
    opds,
  };
}

/** One page of the innovations in a stage of a cycle (staff only: the board's list). */
export async function listStage(deps: Deps, cycleId: string, stage: Stage, query: { limit: number; cursor?: string }) {
  await getCycle(deps, cycleId);
  const page = await deps.tracks.inStage(cycleId, stage, query.limit, query.cursor);
  return {
    items: page.items.map((track) => ({
      innovationId: track.innovationId,
      name: track.name,
      opdId: track.opdId,
      stage: track.stage,
      status: track.status,
      stageEnteredAt: track.stageEnteredAt,
      pendingRequest: track.pendingRequest ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}
