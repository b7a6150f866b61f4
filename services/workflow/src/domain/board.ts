import { STAGES, type Stage } from '@inovda/contracts';

/** What the board counts, for a whole cycle (the funnel) or one OPD of it. */
export interface BoardCounts {
  readonly registered: number;
  readonly withdrawn: number;
  readonly held: number;
  readonly stages: Readonly<Record<Stage, number>>;
}

/** How a change of a track moves the counts of its cycle and its OPD: each number is added (may be negative). */
export interface BoardChange {
  readonly registered?: number;
  readonly withdrawn?: number;
  readonly held?: number;
  readonly stages?: Readonly<Partial<Record<Stage, number>>>;
}

/** Counts of nothing yet. */
export const NO_COUNTS: BoardCounts = {
  registered: 0,
  withdrawn: 0,
  held: 0,
  stages: Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>,
};

/** The counts of `a` and `b` together (an OPD's shards, or the OPDs of a funnel). */
export function addCounts(a: BoardCounts, b: BoardCounts): BoardCounts {
  return {
    registered: a.registered + b.registered,
    withdrawn: a.withdrawn + b.withdrawn,
    held: a.held + b.held,
    stages: Object.fromEntries(STAGES.map((stage) => [stage, a.stages[stage] + b.stages[stage]])) as Record<
      Stage,
      number
    >,
  };
}
