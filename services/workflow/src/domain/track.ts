import type { MATURITIES, Stage } from '@inovda/contracts';
import type { ActorRef } from '@inovda/kernel';

/** Maturity under PP 38/2017: initiative → trial → implemented. */
export type Maturity = (typeof MATURITIES)[number];

/** A track is active, held by a coordinator, or closed because the innovation was withdrawn (final). */
export const TRACK_STATUSES = ['active', 'held', 'withdrawn'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

/** The advance request a track is waiting on, if any (at most one at a time). */
export interface PendingRequest {
  readonly requestId: string;
  readonly from: Stage;
  readonly to: Stage;
  readonly note?: string;
  readonly requestedAt: string;
  readonly requestedBy: ActorRef;
}

/**
 * The next date the deadline schedule must look at this track: the due date of its current stage's window, or,
 * once launched, the due date of its next monev report. Absent when nothing is due (withdrawn, or overdue
 * already announced for this stage).
 */
export type TrackDue =
  | { readonly kind: 'stage'; readonly stage: Stage; readonly date: string }
  | { readonly kind: 'monev'; readonly period: number; readonly date: string };

/** The 5D track of one registered innovation in its cycle. `version` grows by one with every change. */
export interface Track {
  readonly innovationId: string;
  readonly opdId: string;
  readonly cycleId: string;
  readonly name: string;
  readonly stage: Stage;
  readonly status: TrackStatus;
  readonly version: number;
  readonly openedAt: string;
  readonly stageEnteredAt: string;
  readonly pendingRequest?: PendingRequest;
  readonly maturity?: Maturity;
  readonly maturityDates?: Partial<Record<Maturity, string>>;
  readonly launchedAt?: string;
  readonly withdrawnAt?: string;
  readonly due?: TrackDue;
  readonly monevIntervalDays?: number;
  /** The last monev period reported (0 before the first report). */
  readonly monevLastReported?: number;
}

export type TrackAction =
  | 'opened'
  | 'advance-requested'
  | 'advanced'
  | 'returned'
  | 'held'
  | 'resumed'
  | 'withdrawn'
  | 'maturity-recorded'
  | 'monev-reported'
  | 'stage-overdue'
  | 'monev-due'
  | 'renamed';

/** One entry of a track's history: who (and in which role), when, what, from/to, and the note. */
export interface TrackHistoryEntry {
  readonly version: number;
  readonly action: TrackAction;
  readonly at: string;
  readonly actor: ActorRef;
  readonly from?: Stage;
  readonly to?: Stage;
  readonly stage: Stage;
  readonly note?: string;
}

/** An advance request as kept for the record. */
export interface AdvanceRequest extends PendingRequest {
  /** `cancelled`: the innovation was withdrawn while the request waited. */
  readonly status: 'pending' | 'approved' | 'returned' | 'cancelled';
  readonly reviewedAt?: string;
  readonly reviewedBy?: ActorRef;
  readonly reasons?: string;
}

/** The reference every track event carries: which innovation, whose, in which cycle, at which track version. */
export function trackRef(track: Track) {
  return {
    innovationId: track.innovationId,
    opdId: track.opdId,
    cycleId: track.cycleId,
    trackVersion: track.version,
  };
}
