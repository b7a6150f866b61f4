import { type GateStatus, nextStage, STAGE_NAMES, StageAdvanceRequested } from '@inovda/contracts';
import { type Acting, actorRef, eventContext, Problem } from '@inovda/kernel';
import { assertIsOwner } from '../domain/access';
import { missingForGate } from '../domain/gates';
import { type AdvanceRequest, type Track, trackRef } from '../domain/track';
import { requestAdvance as nextRequested } from '../domain/transitions';
import type { GateDeps } from './context';
import { getTrack, historyEntry } from './tracks';

// Only this use case reads the gates, so only the request-advance function bundles their schema (GateDeps).

/**
 * What leaving the track's stage still needs, for whoever may read the track: the same check as below, told before
 * the OPD asks (so the page shows it beside the request, not only after a refusal).
 */
export async function gateStatus(deps: GateDeps, actor: Acting, innovationId: string): Promise<GateStatus> {
  const track = await getTrack(deps, actor, innovationId);
  const projection = await deps.projections.get(track.innovationId);
  const missing = missingForGate(deps.gates, track.stage, projection?.profile ?? {});
  return {
    innovationId: track.innovationId,
    stage: track.stage,
    next: nextStage(track.stage) ?? null,
    met: missing.length === 0,
    missing,
  };
}

/**
 * Throws `gate-not-met`, listing what is missing, unless the innovation's profile (as the submissions events
 * told us) meets the gate for leaving its current stage. Checked when the OPD asks and again when a coordinator
 * approves, since the profile may have changed in between.
 */
export async function assertGateMet(deps: GateDeps, track: Pick<Track, 'innovationId' | 'stage'>): Promise<void> {
  const projection = await deps.projections.get(track.innovationId);
  const missing = missingForGate(deps.gates, track.stage, projection?.profile ?? {});
  if (missing.length > 0) {
    throw new Problem('gate-not-met', {
      detail: `Syarat untuk meninggalkan tahapan ${STAGE_NAMES[track.stage]} belum lengkap.`,
      stage: track.stage,
      missing,
    });
  }
}

/**
 * The owner OPD asks to leave its stage. The gate is checked at once against the latest profile this service
 * knows: anything missing is a 422 listing each item in Indonesian, and nothing is written.
 */
export async function requestAdvance(
  deps: GateDeps,
  actor: Acting,
  innovationId: string,
  note: string | undefined,
): Promise<{ track: Track; request: AdvanceRequest }> {
  const current = await getTrack(deps, actor, innovationId);
  assertIsOwner(actor.caller, current);
  const now = deps.now();
  const at = now.toISOString();
  const { track: next, pending } = nextRequested(current, {
    requestId: deps.newId(),
    at,
    by: actorRef(actor),
    ...(note ? { note } : {}),
  });
  await assertGateMet(deps, current);
  const request: AdvanceRequest = { ...pending, status: 'pending' };
  const event = StageAdvanceRequested.create(
    { ...trackRef(next), requestId: pending.requestId, from: pending.from, to: pending.to, ...(note ? { note } : {}) },
    eventContext(deps.regionId, actor, now),
  );
  await deps.tracks.change(next, current.version, {
    history: historyEntry(next, 'advance-requested', actor, at, {
      from: pending.from,
      to: pending.to,
      ...(note ? { note } : {}),
    }),
    request: { kind: 'new', record: request },
    events: [event],
    now,
  });
  return { track: next, request };
}
