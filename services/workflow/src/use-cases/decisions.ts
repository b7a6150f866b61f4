import type { AnyOutgoingEvent } from '@inovda/contracts';
import { InnovationLaunched, StageAdvanced, StageReturned, TrackHeld, TrackResumed } from '@inovda/contracts';
import { type Acting, actorRef, eventContext, Problem } from '@inovda/kernel';
import { type AdvanceRequest, type Track, trackRef } from '../domain/track';
import { approve, assertMayReview, hold, resume, returnRequest } from '../domain/transitions';
import type { BoardDeps, GateDeps } from './context';
import { assertGateMet } from './request-advance';
import { getTrack, historyEntry } from './tracks';

// Coordinator decisions on a track move the board counters, hence BoardDeps (see deps.ts); an approval
// checks the gate again, hence GateDeps.

/**
 * A coordinator approves (the track enters the next stage; entering Display launches the innovation) or returns
 * the pending request with reasons. Exactly one of two concurrent decisions wins (the track version).
 */
export async function reviewAdvance(
  deps: BoardDeps & GateDeps,
  actor: Acting,
  innovationId: string,
  requestId: string,
  decision: { kind: 'approve'; note?: string } | { kind: 'return'; reasons: string },
): Promise<{ track: Track; request: AdvanceRequest }> {
  const current = await getTrack(deps, actor, innovationId);
  const pending = assertMayReview(current, requestId, actor);
  const now = deps.now();
  const at = now.toISOString();
  const context = eventContext(deps.regionId, actor, now);
  const reviewed = { reviewedAt: at, reviewedBy: actorRef(actor) };
  if (decision.kind === 'return') {
    const next = returnRequest(current);
    const request: AdvanceRequest = { ...pending, status: 'returned', ...reviewed, reasons: decision.reasons };
    await deps.tracks.change(next, current.version, {
      history: historyEntry(next, 'returned', actor, at, {
        from: pending.from,
        to: pending.to,
        note: decision.reasons,
      }),
      request: { kind: 'decision', record: request, alreadyDecided: alreadyDecided() },
      events: [
        StageReturned.create({ ...trackRef(next), requestId, stage: next.stage, reasons: decision.reasons }, context),
      ],
      now,
    });
    return { track: next, request };
  }
  await assertGateMet(deps, current);
  const cycle = await deps.cycles.get(current.cycleId);
  const next = approve(current, pending, at, cycle?.stageWindows);
  const note = decision.note;
  const request: AdvanceRequest = { ...pending, status: 'approved', ...reviewed };
  const events: AnyOutgoingEvent[] = [
    StageAdvanced.create(
      { ...trackRef(next), requestId, from: pending.from, to: pending.to, ...(note ? { note } : {}) },
      context,
    ),
  ];
  if (next.stage === 'display') {
    events.push(
      InnovationLaunched.create(
        { ...trackRef(next), launchedAt: at, ...(next.maturity ? { maturity: next.maturity } : {}) },
        eventContext(deps.regionId, actor, now),
      ),
    );
  }
  await deps.tracks.change(next, current.version, {
    history: historyEntry(next, 'advanced', actor, at, {
      from: pending.from,
      to: pending.to,
      ...(note ? { note } : {}),
    }),
    request: { kind: 'decision', record: request, alreadyDecided: alreadyDecided() },
    events,
    counters: deps.board.counters(next, { stages: { [pending.from]: -1, [pending.to]: 1 } }),
    now,
  });
  return { track: next, request };
}

function alreadyDecided(): Problem {
  return new Problem('invalid-state', { detail: 'Permintaan ini sudah diputuskan.' });
}

/** A coordinator puts a track on hold or resumes it. */
export async function holdOrResume(
  deps: BoardDeps,
  actor: Acting,
  innovationId: string,
  action: 'hold' | 'resume',
  note: string | undefined,
): Promise<Track> {
  const current = await getTrack(deps, actor, innovationId);
  const next = action === 'hold' ? hold(current, actor) : resume(current, actor);
  const now = deps.now();
  const at = now.toISOString();
  const data = { ...trackRef(next), stage: next.stage, ...(note ? { note } : {}) };
  const context = eventContext(deps.regionId, actor, now);
  await deps.tracks.change(next, current.version, {
    history: historyEntry(next, action === 'hold' ? 'held' : 'resumed', actor, at, note ? { note } : {}),
    events: [action === 'hold' ? TrackHeld.create(data, context) : TrackResumed.create(data, context)],
    counters: deps.board.counters(next, { held: action === 'hold' ? 1 : -1 }),
    now,
  });
  return next;
}
