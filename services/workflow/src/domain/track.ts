import type { Track } from '@inovda/contracts';

// A track, its pending and recorded advance requests and its history entries are exactly what the API answers, so
// their types are the response schemas' (@inovda/contracts): one definition.
export {
  type AdvanceRequest,
  type Maturity,
  type PendingRequest,
  TRACK_ACTIONS,
  TRACK_STATUSES,
  type Track,
  type TrackAction,
  type TrackDue,
  type TrackHistoryEntry,
  type TrackStatus,
} from '@inovda/contracts';

/** The reference every track event carries: which innovation, whose, in which cycle, at which track version. */
export function trackRef(track: Track) {
  return {
    innovationId: track.innovationId,
    opdId: track.opdId,
    cycleId: track.cycleId,
    trackVersion: track.version,
  };
}
