import { type Condition, IF_ABSENT, ifVersion, type TransactWrite } from '@inovda/dynamo';
import type { AdvanceRequest, Track, TrackHistoryEntry } from '../domain/track';
import { historyKey, monevKey, requestKey, trackIndexKeys, trackKey } from './keys';

/**
 * The items a track change writes, each added to a transaction under its name, in one place: the track store and
 * the gate projection store (a rename) both write tracks and history entries through these.
 */

/** Names of the items of a track change, as a cancelled transaction reports them. */
export const TRACK_ITEM = 'track';
export const HISTORY_ITEM = 'history';
export const REQUEST_ITEM = 'request';
export const MONEV_ITEM = 'monev';

/** The track at its next state, if it is still at `expectedVersion` (`new`: if none exists yet). */
export function putTrack(write: TransactWrite, next: Track, expectedVersion: number | 'new'): TransactWrite {
  const condition: Condition = expectedVersion === 'new' ? IF_ABSENT : ifVersion(expectedVersion);
  return write.put(TRACK_ITEM, { ...next, ...trackKey(next.innovationId), ...trackIndexKeys(next) }, condition);
}

/** A history entry of the track. */
export function putHistory(write: TransactWrite, innovationId: string, entry: TrackHistoryEntry): TransactWrite {
  return write.put(HISTORY_ITEM, { ...entry, ...historyKey(innovationId, entry.version) });
}

/** An advance request for the record: a new one, or the decision on one still pending. */
export function putRequest(
  write: TransactWrite,
  innovationId: string,
  request: AdvanceRequest,
  kind: 'new' | 'decision',
): TransactWrite {
  const condition: Condition =
    kind === 'new'
      ? IF_ABSENT
      : { expression: '#status = :pending', names: { '#status': 'status' }, values: { ':pending': 'pending' } };
  return write.put(REQUEST_ITEM, { ...request, ...requestKey(innovationId, request.requestId) }, condition);
}

/** A monev report, once per period. */
export function putMonev(
  write: TransactWrite,
  innovationId: string,
  period: number,
  report: Record<string, unknown>,
): TransactWrite {
  return write.put(MONEV_ITEM, { ...report, ...monevKey(innovationId, period) }, IF_ABSENT);
}
