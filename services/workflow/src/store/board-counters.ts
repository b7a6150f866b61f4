import { STAGES, type Stage } from '@inovda/contracts';
import type { BoardChange, BoardCounts } from '../domain/board';

/**
 * Counter attribute names: top-level, so `ADD` works on an item that does not exist yet. Only this module names
 * them: the board store writes counts through `deltasOf`, the list store reads them through `countsOf`.
 */
const COUNTER = {
  registered: 'registered',
  withdrawn: 'withdrawn',
  held: 'held',
  stage: (stage: Stage) => `stage_${stage}`,
} as const;

/** The attribute deltas of a board change. */
export function deltasOf(change: BoardChange): Record<string, number> {
  const deltas: Record<string, number> = {};
  if (change.registered) deltas[COUNTER.registered] = change.registered;
  if (change.withdrawn) deltas[COUNTER.withdrawn] = change.withdrawn;
  if (change.held) deltas[COUNTER.held] = change.held;
  for (const [stage, delta] of Object.entries(change.stages ?? {}) as Array<[Stage, number]>) {
    if (delta) deltas[COUNTER.stage(stage)] = delta;
  }
  return deltas;
}

function count(row: Record<string, unknown>, name: string): number {
  const value = row[name];
  return typeof value === 'number' ? value : 0;
}

/** The counts a funnel or OPD row holds (zero for what was never counted). */
export function countsOf(row: Record<string, unknown>): BoardCounts {
  return {
    registered: count(row, COUNTER.registered),
    withdrawn: count(row, COUNTER.withdrawn),
    held: count(row, COUNTER.held),
    stages: Object.fromEntries(STAGES.map((stage) => [stage, count(row, COUNTER.stage(stage))])) as Record<
      Stage,
      number
    >,
  };
}
