import type { Stage } from '@inovda/contracts';
import type { Acting } from '@inovda/kernel';
import { assertMayCommitFor } from '../domain/access';
import { addCounts, NO_COUNTS } from '../domain/board';
import { assertCycleAllows } from '../domain/cycle';
import type { BoardDeps, ListDeps, RegionOpdDeps } from './context';
import { getCycle } from './cycles';

/** Records how many innovations an OPD pledges in a cycle (Drum up). */
export async function setCommitment(
  deps: BoardDeps & RegionOpdDeps,
  actor: Acting,
  cycleId: string,
  opdId: string,
  pledged: number,
): Promise<{ cycleId: string; opdId: string; pledged: number }> {
  assertMayCommitFor(actor.caller, opdId, deps.regionOpdIds);
  const cycle = await getCycle(deps, cycleId);
  assertCycleAllows('commit', cycle.status);
  const accepted = await deps.board.setCommitment(cycleId, opdId, pledged, deps.now().toISOString());
  // The cycle closed between the read and the write: the same answer as if it had been closed before.
  if (!accepted) assertCycleAllows('commit', 'closed');
  return { cycleId, opdId, pledged };
}

/** The coordinator's board: the funnel and, per OPD of the region, pledged vs registered vs in each stage. */
export async function getBoard(deps: ListDeps & RegionOpdDeps, cycleId: string) {
  const cycle = await getCycle(deps, cycleId);
  const rows = await deps.lists.opdRows(cycleId, deps.regionOpdIds.size + 1);
  // The funnel counts every track of the cycle: the sum of every OPD's row, those of OPDs since removed included.
  const funnel = rows.reduce((sum, row) => addCounts(sum, row.counts), NO_COUNTS);
  const byOpd = new Map(rows.map((row) => [row.opdId, row]));
  const opds = [...deps.regionOpdIds].map((opdId) => {
    const row = byOpd.get(opdId);
    const counts = row?.counts ?? NO_COUNTS;
    return {
      opdId,
      pledged: row?.pledged ?? null,
      target: cycle.targetPerOpd,
      registered: counts.registered,
      withdrawn: counts.withdrawn,
      held: counts.held,
      stages: counts.stages,
    };
  });
  return {
    cycle: { id: cycle.id, name: cycle.name, year: cycle.year, status: cycle.status },
    funnel: {
      stages: funnel.stages,
      registered: funnel.registered,
      withdrawn: funnel.withdrawn,
      held: funnel.held,
    },
    opds,
  };
}

/** One page of the innovations in a stage of a cycle (staff only: the board's list). */
export async function listStage(
  deps: ListDeps,
  cycleId: string,
  stage: Stage,
  query: { limit: number; cursor?: string },
) {
  await getCycle(deps, cycleId);
  const page = await deps.lists.inStage(cycleId, stage, query.limit, query.cursor);
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

/** One page of the coordinator's review queue: the innovations of a cycle with a request waiting, oldest first. */
export async function listPendingRequests(deps: ListDeps, cycleId: string, query: { limit: number; cursor?: string }) {
  await getCycle(deps, cycleId);
  const page = await deps.lists.pending(cycleId, query.limit, query.cursor);
  return {
    items: page.items.flatMap((track) =>
      track.pendingRequest
        ? [
            {
              innovationId: track.innovationId,
              name: track.name,
              opdId: track.opdId,
              stage: track.stage,
              status: track.status,
              request: track.pendingRequest,
            },
          ]
        : [],
    ),
    nextCursor: page.nextCursor,
  };
}
