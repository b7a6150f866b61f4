import {
  type EnvelopeOf,
  type InnovationDrafted,
  type InnovationProfileUpdated,
  type InnovationRegistered,
  type InnovationWithdrawn,
  RegistrationRefused,
} from '@inovda/contracts';
import type { Applied } from '@inovda/dynamo';
import { eventContext } from '@inovda/kernel';
import { registrationRefusal } from '../domain/cycle';
import type { Track } from '../domain/track';
import { stageDue, withdraw } from '../domain/transitions';
import { TrackChanged } from '../store/track-store';
import { type Deps, SYSTEM_ACTOR, type TrackEventDeps } from './context';

/** The name processed-event records of this consumer carry. */
export const TRACKS_CONSUMER = 'tracks';

/**
 * Applies the submissions events to tracks and to the gate projection. Each effect is one transaction with the
 * processed-event record, so a redelivery changes nothing; each tolerates the order EventBridge may deliver in
 * (a profile update before its registration, a withdrawal before its registration) using the versions events carry.
 */

/**
 * InnovationDrafted / InnovationProfileUpdated: keep the newest profile for the gates, and the track's name in step
 * with it (the board lists innovations by name). A rename racing a decision is retried on a fresh read.
 */
export async function applyProfile(
  deps: Deps,
  event: EnvelopeOf<typeof InnovationDrafted> | EnvelopeOf<typeof InnovationProfileUpdated>,
): Promise<Applied> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await applyProfileOnce(deps, event);
    } catch (error) {
      if (!(error instanceof TrackChanged) || attempt >= 3) throw error;
    }
  }
}

async function applyProfileOnce(
  deps: Deps,
  event: EnvelopeOf<typeof InnovationDrafted> | EnvelopeOf<typeof InnovationProfileUpdated>,
): Promise<Applied> {
  const { data, metadata } = event;
  const track = await deps.tracks.get(data.innovationId);
  const rename =
    track && track.status !== 'withdrawn' && track.name !== data.profile.name
      ? { ...track, version: track.version + 1, name: data.profile.name }
      : undefined;
  return deps.projections.save(
    { innovationId: data.innovationId, profileVersion: data.version, profile: data.profile },
    { consumer: TRACKS_CONSUMER, eventId: metadata.eventId },
    deps.now(),
    rename && track
      ? {
          next: rename,
          expectedVersion: track.version,
          history: {
            version: rename.version,
            action: 'renamed',
            at: metadata.occurredAt,
            actor: { sub: metadata.actor.sub, username: metadata.actor.username, role: metadata.actor.role },
            stage: rename.stage,
            note: rename.name,
          },
        }
      : undefined,
  );
}

/**
 * InnovationRegistered: open the track at Drum up in its cycle. A track (or a withdrawal tombstone) already there
 * means this registration was applied or overtaken: the conditional put refuses it (`stale`).
 *
 * A registration made after its cycle closed is refused (RegistrationRefused) instead. Reading the cycle is enough:
 * this event is handled only after the registration committed, so a close the (consistent) read does not see was
 * committed after the registration was made, and that registration stands. No check on the cycle item in the
 * transaction: every registration of a cycle would then touch the same item, and concurrent ones would conflict.
 */
export async function openTrack(
  deps: TrackEventDeps,
  event: EnvelopeOf<typeof InnovationRegistered>,
): Promise<Applied> {
  const { data, metadata } = event;
  const processing = { consumer: TRACKS_CONSUMER, eventId: metadata.eventId };
  const [cycle, projection] = await Promise.all([
    deps.cycles.get(data.cycleId),
    deps.projections.get(data.innovationId),
  ]);
  const refusal = registrationRefusal(cycle, data.registeredAt);
  if (refusal) {
    const now = deps.now();
    const refused = RegistrationRefused.create(
      {
        innovationId: data.innovationId,
        opdId: data.opdId,
        cycleId: data.cycleId,
        innovationVersion: data.version,
        registeredAt: data.registeredAt,
        ...refusal,
      },
      eventContext(deps.regionId, { actor: SYSTEM_ACTOR, correlationId: metadata.correlationId }, now),
    );
    return deps.registrations.refuseRegistration(refused, processing, now);
  }
  // A profile update newer than the registration may have arrived first: its name is the current one.
  const name = projection && projection.profileVersion > data.version ? projection.profile.name : data.name;
  const at = data.registeredAt;
  const due = stageDue(cycle?.stageWindows, 'drum-up');
  const track: Track = {
    innovationId: data.innovationId,
    opdId: data.opdId,
    cycleId: data.cycleId,
    name,
    stage: 'drum-up',
    status: 'active',
    version: 1,
    openedAt: at,
    stageEnteredAt: at,
    ...(due ? { due } : {}),
    ...(cycle ? { monevIntervalDays: cycle.monevIntervalDays } : {}),
  };
  return deps.tracks.change(track, 'new', {
    history: {
      version: 1,
      action: 'opened',
      at,
      // The registration was the OPD's act; the event says who did it.
      actor: { sub: metadata.actor.sub, username: metadata.actor.username, role: metadata.actor.role },
      stage: 'drum-up',
    },
    counters: deps.board.counters(track, { registered: 1, stages: { 'drum-up': 1 } }),
    processing,
    now: deps.now(),
  });
}

/**
 * InnovationWithdrawn: close the track (off the board, off the deadline index, counters moved). A withdrawal that
 * arrives before its registration leaves a withdrawn tombstone, so the late registration opens nothing.
 */
export async function closeTrack(
  deps: TrackEventDeps,
  event: EnvelopeOf<typeof InnovationWithdrawn>,
): Promise<Applied> {
  // A decision may land between the read and the write; the withdrawal wins on a fresh read. After a few tries the
  // error goes back to EventBridge, which retries the event with the subscription's policy.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await closeTrackOnce(deps, event);
    } catch (error) {
      if (!(error instanceof TrackChanged) || attempt >= 3) throw error;
    }
  }
}

async function closeTrackOnce(deps: TrackEventDeps, event: EnvelopeOf<typeof InnovationWithdrawn>): Promise<Applied> {
  const { data, metadata } = event;
  const processing = { consumer: TRACKS_CONSUMER, eventId: metadata.eventId };
  const now = deps.now();
  const current = await deps.tracks.get(data.innovationId);
  if (!current) {
    return deps.registrations.putTombstone(
      { innovationId: data.innovationId, opdId: data.opdId, withdrawnAt: data.withdrawnAt },
      processing,
      now,
    );
  }
  if (current.status === 'withdrawn') return 'stale';
  const next = withdraw(current, data.withdrawnAt);
  // A request still waiting for review is closed for the record too, so no queue shows it as pending.
  const pending = current.pendingRequest;
  return deps.tracks.change(next, current.version, {
    ...(pending
      ? {
          request: {
            kind: 'decision' as const,
            record: { ...pending, status: 'cancelled' as const, reviewedAt: data.withdrawnAt },
          },
        }
      : {}),
    history: {
      version: next.version,
      action: 'withdrawn',
      at: data.withdrawnAt,
      actor: { sub: metadata.actor.sub, username: metadata.actor.username, role: metadata.actor.role },
      stage: current.stage,
      from: current.stage,
      ...(data.reason ? { note: data.reason } : {}),
    },
    counters: deps.board.counters(current, {
      withdrawn: 1,
      stages: { [current.stage]: -1 },
      ...(current.status === 'held' ? { held: -1 } : {}),
    }),
    processing,
    now,
  });
}
