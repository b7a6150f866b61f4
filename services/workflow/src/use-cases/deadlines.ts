import { type AnyOutgoingEvent, MonevDue, StageOverdue } from '@inovda/contracts';
import { eventContext } from '@inovda/kernel';
import type { Cycle } from '../domain/cycle';
import { type Track, type TrackDue, trackRef } from '../domain/track';
import { addDays, periodLabel } from '../domain/transitions';
import { TrackChanged } from '../store/track-store';
import { type ListDeps, SYSTEM_ACTOR } from './context';

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
 * each once: `StageOverdue` once per track and stage, `MonevDue` once per period. Each announcement moves the
 * track's due entry on in the same transaction, conditional on the track version read, so two overlapping runs
 * (or a run racing a coordinator's decision) never announce the same thing twice.
 */
export async function checkDeadlines(deps: ListDeps, correlationId: string): Promise<DeadlineRun> {
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  const cycles = new Map<string, Promise<Cycle | undefined>>();
  const cycleOf = (id: string) => {
    const cached = cycles.get(id) ?? deps.cycles.get(id);
    cycles.set(id, cached);
    return cached;
  };
  const run: DeadlineRun = { stageOverdue: 0, monevDue: 0, postponed: 0 };

  /** Moves the due entry of `track` to `due` (or off the index), announcing `event`; false if the track moved on. */
  async function moveDue(track: Track, due: TrackDue | undefined, event?: AnyOutgoingEvent): Promise<boolean> {
    const { due: _passed, ...rest } = track;
    const next: Track = { ...rest, version: track.version + 1, ...(due ? { due } : {}) };
    const passed = track.due;
    try {
      await deps.tracks.change(next, track.version, {
        ...(event && passed
          ? {
              history: {
                version: next.version,
                action: passed.kind === 'stage' ? 'stage-overdue' : 'monev-due',
                at: now.toISOString(),
                actor: SYSTEM_ACTOR,
                stage: track.stage,
                note: passed.kind === 'stage' ? passed.date : `${periodLabel(passed.period)} ${passed.date}`,
              },
              events: [event],
            }
          : {}),
        now,
      });
      return true;
    } catch (error) {
      // Someone changed the track since the index was read; the next run looks at it again.
      if (error instanceof TrackChanged) return false;
      throw error;
    }
  }

  async function stageDeadline(track: Track, due: Extract<TrackDue, { kind: 'stage' }>) {
    // The coordinator may have extended the window since the track entered the stage: follow the current plan.
    const planned = (await cycleOf(track.cycleId))?.stageWindows[due.stage].due;
    if (planned && planned >= today) {
      if (await moveDue(track, { ...due, date: planned })) run.postponed += 1;
      return;
    }
    // A held track is paused by the coordinator: it is not late while held, so its entry waits.
    if (track.status === 'held') return;
    const event = StageOverdue.create(
      { ...trackRef(track), trackVersion: track.version + 1, stage: due.stage, due: due.date },
      eventContext(deps.regionId, { actor: SYSTEM_ACTOR, correlationId }, now),
    );
    if (await moveDue(track, undefined, event)) run.stageOverdue += 1;
  }

  async function monevDeadline(track: Track, due: Extract<TrackDue, { kind: 'monev' }>) {
    const interval = track.monevIntervalDays ?? 0;
    const next: TrackDue | undefined =
      interval > 0 ? { kind: 'monev', period: due.period + 1, date: addDays(due.date, interval) } : undefined;
    // Reported already (early): nothing to remind, the next period is what is due now.
    if ((track.monevLastReported ?? 0) >= due.period) {
      await moveDue(track, next);
      return;
    }
    // As with stage deadlines, a track the coordinator holds is paused: its reminder waits for the resume.
    if (track.status === 'held') return;
    const event = MonevDue.create(
      { ...trackRef(track), trackVersion: track.version + 1, period: periodLabel(due.period), due: due.date },
      eventContext(deps.regionId, { actor: SYSTEM_ACTOR, correlationId }, now),
    );
    if (await moveDue(track, next, event)) run.monevDue += 1;
  }

  let startKey: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const page = await deps.lists.dueBefore(today, PAGE_SIZE, startKey);
    for (const track of page.tracks) {
      if (!track.due || track.status === 'withdrawn') continue;
      if (track.due.kind === 'stage') await stageDeadline(track, track.due);
      else await monevDeadline(track, track.due);
    }
    startKey = page.nextKey;
    pages += 1;
  } while (startKey && pages < MAX_PAGES);
  return run;
}
