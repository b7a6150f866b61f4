import { MATURITIES, nextStage, type Stage } from '@inovda/contracts';
import type { Acting, ActorRef } from '@inovda/kernel';
import { assertImpartial, hasAnyRole, Problem } from '@inovda/kernel';
import type { StageWindows } from './cycle';
import type { Maturity, PendingRequest, Track, TrackDue } from './track';

/**
 * The rules of the 5D track, as pure functions from a track to its next state. Every illegal transition is a
 * 409 `invalid-state` problem thrown before anything is written, so a refusal changes nothing.
 */

function refuse(detail: string, track: Track): never {
  throw new Problem('invalid-state', { detail, stage: track.stage, trackStatus: track.status });
}

function assertNotWithdrawn(track: Track): void {
  if (track.status === 'withdrawn') refuse('Inovasi sudah ditarik; tahapannya tidak dapat diubah.', track);
}

function assertActive(track: Track): void {
  assertNotWithdrawn(track);
  if (track.status === 'held') refuse('Tahapan inovasi sedang ditangguhkan koordinator.', track);
}

/** The owner OPD asks to leave the current stage for the next one (never further: no skipping). */
export function requestAdvance(
  track: Track,
  request: { requestId: string; note?: string; at: string; by: ActorRef },
): { track: Track; pending: PendingRequest } {
  assertActive(track);
  const to = nextStage(track.stage);
  if (!to) refuse('Inovasi sudah berada di tahapan terakhir (Display).', track);
  if (track.pendingRequest) refuse('Masih ada permintaan naik tahapan yang menunggu keputusan.', track);
  const pending: PendingRequest = {
    requestId: request.requestId,
    from: track.stage,
    to,
    ...(request.note ? { note: request.note } : {}),
    requestedAt: request.at,
    requestedBy: request.by,
  };
  return { track: { ...track, version: track.version + 1, pendingRequest: pending }, pending };
}

/**
 * Whether `reviewer` may decide on the track's pending request `requestId`. Approving twice, deciding a request
 * that is not the one waiting, deciding on a held or withdrawn track and deciding one's own request are refused.
 * An OPD never reviews (only the coordinator does); whoever made the request may not review it, and a coordinator
 * whose own unit owns the innovation (or whose token names no unit) is refused by the platform's
 * conflict-of-interest rule (`assertImpartial`, a 403): no one approves their own work.
 */
export function assertMayReview(track: Track, requestId: string, reviewer: Acting): PendingRequest {
  assertActive(track);
  const pending = track.pendingRequest;
  if (!pending || pending.requestId !== requestId) {
    refuse('Permintaan ini tidak sedang menunggu keputusan (sudah diputuskan atau bukan yang terbaru).', track);
  }
  if (pending.from !== track.stage) refuse('Permintaan ini bukan untuk tahapan saat ini.', track);
  const staff = hasAnyRole(reviewer.caller, ['coordinator', 'admin']);
  if (!staff)
    refuse('Perangkat daerah tidak dapat memutuskan permintaannya sendiri; keputusan ada pada koordinator.', track);
  if (reviewer.caller.sub === pending.requestedBy.sub) {
    refuse('Permintaan tidak dapat diputuskan oleh pihak yang mengajukannya.', track);
  }
  assertImpartial(reviewer, track);
  return pending;
}

/** The track after its pending request is approved: in the next stage, entered now. */
export function approve(track: Track, pending: PendingRequest, at: string, windows: StageWindows | undefined): Track {
  const { pendingRequest: _decided, due: _previousDue, ...rest } = track;
  const launched = pending.to === 'display';
  const due = launched ? firstMonevDue(at, track.monevIntervalDays) : stageDue(windows, pending.to);
  return {
    ...rest,
    version: track.version + 1,
    stage: pending.to,
    stageEnteredAt: at,
    ...(launched ? { launchedAt: at, monevLastReported: 0 } : {}),
    ...(due ? { due } : {}),
  };
}

/** The track after its pending request is returned: it stays where it is, free to ask again. */
export function returnRequest(track: Track): Track {
  const { pendingRequest: _decided, ...rest } = track;
  return { ...rest, version: track.version + 1 };
}

/**
 * A coordinator puts an active track on hold (a pending request stays pending). Holding is a decision on the
 * OPD's work: the conflict-of-interest rule applies, before anything about the track is told.
 */
export function hold(track: Track, decider: Acting): Track {
  assertImpartial(decider, track);
  assertActive(track);
  return { ...track, version: track.version + 1, status: 'held' };
}

/** A coordinator resumes a held track (a decision too: the conflict-of-interest rule applies). */
export function resume(track: Track, decider: Acting): Track {
  assertImpartial(decider, track);
  assertNotWithdrawn(track);
  if (track.status !== 'held') refuse('Tahapan inovasi tidak sedang ditangguhkan.', track);
  return { ...track, version: track.version + 1, status: 'active' };
}

/**
 * Maturity (PP 38/2017) is recorded during Deliver, forward only, each with its date, never before the date of the
 * maturity before it: an innovation is tried out before (or when) it is implemented, not after.
 */
export function recordMaturity(track: Track, maturity: Maturity, date: string): Track {
  assertActive(track);
  if (track.stage !== 'deliver')
    refuse('Tahapan inovasi (inisiatif, uji coba, penerapan) dicatat pada tahap Deliver.', track);
  const current = track.maturity ? MATURITIES.indexOf(track.maturity) : -1;
  if (MATURITIES.indexOf(maturity) <= current) refuse('Tahapan inovasi hanya dapat maju.', track);
  const dates = track.maturityDates ?? {};
  const latest = Object.values(dates).sort().at(-1);
  if (latest && date < latest) refuse('Tanggal tidak boleh sebelum tanggal tahapan inovasi sebelumnya.', track);
  return { ...track, version: track.version + 1, maturity, maturityDates: { ...dates, [maturity]: date } };
}

/** The track after its innovation was withdrawn: closed, off the board and off the deadline index. */
export function withdraw(track: Track, at: string): Track {
  const { pendingRequest: _dropped, due: _none, ...rest } = track;
  return { ...rest, version: track.version + 1, status: 'withdrawn', withdrawnAt: at };
}

/** What the deadline schedule watches while a track is in `stage`: the window's due date (Display has none). */
export function stageDue(windows: StageWindows | undefined, stage: Stage): TrackDue | undefined {
  if (!windows || stage === 'display') return undefined;
  return { kind: 'stage', stage, date: windows[stage].due };
}

/** The first monev report falls due one interval after the launch. */
export function firstMonevDue(launchedAt: string, intervalDays: number | undefined): TrackDue | undefined {
  if (!intervalDays) return undefined;
  return { kind: 'monev', period: 1, date: addDays(launchedAt.slice(0, 10), intervalDays) };
}

/** `date` (YYYY-MM-DD) plus `days`, in UTC. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The label of a monev period in events and reports: `P1`, `P2`, … */
export function periodLabel(period: number): string {
  return `P${period}`;
}
