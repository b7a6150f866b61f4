import { type MonevInput, type MonevReport, MonevReported } from '@inovda/contracts';
import { type Acting, actorRef, eventContext, type Page, Problem } from '@inovda/kernel';
import { assertCanSee, assertIsOwner, assertIsOwnerOrCoordinator } from '../domain/access';
import { type Maturity, type Track, type TrackAction, type TrackHistoryEntry, trackRef } from '../domain/track';
import { recordMaturity as nextMaturity, periodLabel } from '../domain/transitions';
import type { Deps, ListDeps } from './context';

/** Reads the track of an innovation the caller may see; anything else is a 404. */
export async function getTrack(deps: Deps, actor: Acting, innovationId: string): Promise<Track> {
  const track = await deps.tracks.get(innovationId);
  if (!track) throw new Problem('not-found');
  assertCanSee(actor.caller, track);
  return track;
}

export async function getTrackHistory(
  deps: ListDeps,
  actor: Acting,
  innovationId: string,
  query: { limit: number; cursor?: string },
): Promise<Page<TrackHistoryEntry>> {
  await getTrack(deps, actor, innovationId);
  return deps.lists.history(innovationId, query.limit, query.cursor);
}

/** One page of an innovation's monev reports, for whoever may see its track. */
export async function listMonevReports(
  deps: ListDeps,
  actor: Acting,
  innovationId: string,
  query: { limit: number; cursor?: string },
): Promise<Page<MonevReport>> {
  await getTrack(deps, actor, innovationId);
  return deps.lists.monev(innovationId, query.limit, query.cursor);
}

export function historyEntry(
  track: Track,
  action: TrackAction,
  actor: Acting,
  at: string,
  extra: { from?: Track['stage']; to?: Track['stage']; note?: string } = {},
): TrackHistoryEntry {
  return {
    version: track.version,
    action,
    at,
    actor: actorRef(actor),
    stage: track.stage,
    ...(extra.from ? { from: extra.from } : {}),
    ...(extra.to ? { to: extra.to } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

/** Records the innovation's maturity (initiative → trial → implemented) with its date, during Deliver. */
export async function recordMaturity(
  deps: Deps,
  actor: Acting,
  innovationId: string,
  input: { maturity: Maturity; date: string },
): Promise<Track> {
  const current = await getTrack(deps, actor, innovationId);
  assertIsOwnerOrCoordinator(actor.caller, current);
  const next = nextMaturity(current, input.maturity, input.date);
  const now = deps.now();
  await deps.tracks.change(next, current.version, {
    history: historyEntry(next, 'maturity-recorded', actor, now.toISOString(), {
      note: `${input.maturity} ${input.date}`,
    }),
    now,
  });
  return next;
}

/**
 * The owner OPD files the monev report of a period, once per period, after launch (Display). A report may come
 * early for the period about to fall due, never for a later one.
 */
export async function reportMonev(deps: Deps, actor: Acting, innovationId: string, input: MonevInput) {
  const current = await getTrack(deps, actor, innovationId);
  assertIsOwner(actor.caller, current);
  if (current.status === 'withdrawn' || current.stage !== 'display') {
    throw new Problem('invalid-state', {
      detail: 'Laporan monev diisi setelah inovasi diluncurkan (tahap Display).',
      stage: current.stage,
      trackStatus: current.status,
    });
  }
  const period = Number(input.period.slice(1));
  const upcoming = current.due?.kind === 'monev' ? current.due.period : (current.monevLastReported ?? 0) + 1;
  if (period > upcoming) {
    throw new Problem('invalid-state', { detail: `Periode monev berikutnya adalah ${periodLabel(upcoming)}.` });
  }
  const now = deps.now();
  const at = now.toISOString();
  const next: Track = {
    ...current,
    version: current.version + 1,
    monevLastReported: Math.max(current.monevLastReported ?? 0, period),
  };
  const report = { ...input, innovationId, reportedAt: at, reportedBy: actorRef(actor) };
  await deps.tracks.change(next, current.version, {
    history: historyEntry(next, 'monev-reported', actor, at, { note: input.period }),
    monev: {
      period,
      report,
      alreadyFiled: new Problem('invalid-state', { detail: `Laporan monev ${input.period} sudah diisi.` }),
    },
    events: [
      MonevReported.create(
        { ...trackRef(next), period: input.period, reportedAt: at },
        eventContext(deps.regionId, actor, now),
      ),
    ],
    now,
  });
  return report;
}
