import { MonevDue, StageOverdue } from '@inovda/contracts';
import type { Cycle } from '../domain/cycle';
import { type Track, type TrackDue, trackRef } from '../domain/track';
import { addDays, periodLabel } from '../domain/transitions';
import type { Deps } from './context';
import { systemEventContext } from './context';

/** A page of the due index; the run stops after this many pages and the next run carries on (bounded work). */
const PAGE_SIZE = 100;
const MAX_PAGES = 50;

/** What one run of the deadline schedule did. */
export interface DeadlineRun {
  stageOverdue: number;
  monevDue: number;
  postponed: number;
}

/**
 * Finds, through the sparse due index, the tracks whose stage window or monev period has passed, and announces
 * each once: `StageOverdue` once per track and stage, `MonevDue` once per period. Moving the track's due entry and
 * writing the event are one transaction conditional on the entry read, so overlapping runs announce nothing twice.
 */
export async function checkDeadlines(deps: Deps, correlationId: string): Promise<DeadlineRun> {
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  const cycles = new Map<string, Promise<Cycle | undefined>>();
  const cycleOf = (id: string) => {
    const cached = cycles.get(id) ?? deps.cycles.get(id);
    cycles.set(id, cached);
    return cached;
  };
  const run: DeadlineRun = { stageOverdue: 0, monevDue: 0, postponed: 0 };
  let startKey: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const page = await deps.tracks.dueBefore(today, PAGE_SIZE, startKey);
    for (const track of page.tracks) {
      if (!track.due || track.status === 'withdrawn') continue;
      if (track.due.kind === 'stage') await stageDeadline(deps, track, track.due, await cycleOf(track.cycleId));
      else await monevDeadline(deps, track, track.due);
    }
    startKey = page.nextKey;
    pages += 1;
  } while (startKey && pages < MAX_PAGES);
  return run;

  async function stageDeadline(deps: Deps, track: Track, due: Extract<TrackDue, { kind: 'stage' }>, cycle?: Cycle) {
    // The coordinator may have extended the window since the track entered the stage: follow the current plan.
    const planned = cycle?.stageWindows[due.stage].due;
    if (planned && planned >= today) {
      if (await deps.tracks.moveDue(track, { ...due, date: planned }, undefined, now)) run.postponed += 1;
      return;
    }
    // A held track is paused by the coordinator: it is not late while held, so its entry waits.
    if (track.status === 'held') return;
    const event = StageOverdue.create(
      { ...trackRef(track), stage: due.stage, due: due.date },
      systemEventContext(deps, correlationId, now),
    );
    if (await deps.tracks.moveDue(track, undefined, event, now)) run.stageOverdue += 1;
  }

  async function monevDeadline(deps: Deps, track: Track, due: Extract<TrackDue, { kind: 'monev' }>) {
    const interval = track.monevIntervalDays ?? 0;
    const next: TrackDue | undefined =
      interval > 0 ? { kind: 'monev', period: due.period + 1, date: addDays(due.date, interval) } : undefined;
    // Reported already (early): nothing to remind, the next period is what is due now.
    const reported = (track.monevLastReported ?? 0) >= due.period;
    const event = reported
      ? undefined
      : MonevDue.create(
          { ...trackRef(track), period: periodLabel(due.period), due: due.date },
          systemEventContext(deps, correlationId, now),
        );
    if ((await deps.tracks.moveDue(track, next, event, now)) && event) run.monevDue += 1;
  }
}
