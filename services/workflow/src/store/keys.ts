import type { Stage } from '@inovda/contracts';

/**
 * Every key of the workflow table, built here and nowhere else.
 *
 * | item                 | pk                   | sk                  | gsi1 (lists)                                | gsi2 (due, sparse)     |
 * |----------------------|----------------------|---------------------|---------------------------------------------|------------------------|
 * | cycle                | CYCLE#<id>           | CYCLE               | CYCLES / <year>#<created>#<id>              |                        |
 * | OPD row of a cycle   | CYCLE#<id>           | OPD#<opdId>         |                                             |                        |
 * | OPD counter shard    | CYCLE#<id>           | OPD#<opdId>#<0..7>  |                                             |                        |
 * | track                | TRACK#<innovationId> | TRACK               | CYCLE#<id>#STAGE#<stage> / <entered>#<iid>  | DUE / <date>#<iid>     |
 * |   (also gsi3, sparse: CYCLE#<id>#PENDING / <requestedAt>#<iid> while a request waits for review)             |
 * | gate projection      | TRACK#<innovationId> | PROFILE             |                                             |                        |
 * | track history entry  | TRACK#<innovationId> | HISTORY#<000000001> |                                             |                        |
 * | advance request      | TRACK#<innovationId> | REQUEST#<requestId> |                                             |                        |
 * | monev report         | TRACK#<innovationId> | MONEV#<0001>        |                                             |                        |
 * | processed event      | PROCESSED#<c>#<eid>  | PROCESSED           |                                             |                        |
 * | outbox row           | OUTBOX#<eventId>     | OUTBOX              |                                             |                        |
 *
 * The board's counts are kept with `ADD` (attribute names in board-counters.ts) in the same transaction as the
 * change they count, on the counter shards of the track's OPD: a track counts on shard `counterShardOf(id)`, and an
 * OPD's counts are the sum of its rows (the OPD row holds its pledge, and held its counts before the shards, which
 * the sum still reads). The funnel is the sum of every OPD's counts. Why shards and no funnel row: every change of
 * every track of a cycle moved the one funnel row, and a burst (registrations closing, a review session) made the
 * transactions conflict on it faster than retries could spread them; now a change touches one of eight rows of its
 * own OPD. So the board is one Query bounded by the region's OPDs times the shards, whatever the number of
 * innovations. A track
 * is in gsi1 while it is in a stage (withdrawn tracks leave it), which serves the board's list per stage. gsi2 is
 * sparse: only active tracks with something due are in it, keyed by the date, so the deadline schedule queries what is
 * due up to today and never reads the rest. (One `DUE` partition: a region has hundreds of tracks, not millions,
 * and the schedule reads it once a day.) gsi3 is sparse too: the coordinator's review queue of a cycle, only tracks
 * with a request waiting, oldest first.
 */

export function cycleKey(id: string) {
  return { pk: `CYCLE#${id}`, sk: 'CYCLE' };
}

export const CYCLES_PARTITION = 'CYCLES';

export function cycleIndexKeys(cycle: { id: string; year: number; createdAt: string }) {
  return { gsi1pk: CYCLES_PARTITION, gsi1sk: `${cycle.year}#${cycle.createdAt}#${cycle.id}` };
}

export const OPD_ROW_PREFIX = 'OPD#';

export function opdRowKey(cycleId: string, opdId: string) {
  return { pk: `CYCLE#${cycleId}`, sk: `${OPD_ROW_PREFIX}${opdId}` };
}

/** Counter shards per OPD of a cycle: enough to spread a burst, few enough that the board reads them all cheaply. */
export const COUNTER_SHARDS = 8;

/** The shard a track counts on: a hash of its innovation id, so the tracks of an OPD spread over its shards. */
export function counterShardOf(innovationId: string): number {
  let hash = 0;
  for (let index = 0; index < innovationId.length; index += 1) {
    hash = (hash * 31 + innovationId.charCodeAt(index)) >>> 0;
  }
  return hash % COUNTER_SHARDS;
}

export function opdCounterKey(cycleId: string, opdId: string, shard: number) {
  return { pk: `CYCLE#${cycleId}`, sk: `${OPD_ROW_PREFIX}${opdId}#${shard}` };
}

export function cyclePartition(cycleId: string): string {
  return `CYCLE#${cycleId}`;
}

export function trackKey(innovationId: string) {
  return { pk: `TRACK#${innovationId}`, sk: 'TRACK' };
}

export function stagePartition(cycleId: string, stage: Stage): string {
  return `CYCLE#${cycleId}#STAGE#${stage}`;
}

export const DUE_PARTITION = 'DUE';

/** The index attributes a track projects: on the board while not withdrawn, on the due index while something is due. */
export function trackIndexKeys(track: {
  innovationId: string;
  cycleId: string;
  stage: Stage;
  status: string;
  stageEnteredAt: string;
  due?: { date: string };
  pendingRequest?: { requestedAt: string };
}) {
  return {
    ...(track.status !== 'withdrawn'
      ? {
          gsi1pk: stagePartition(track.cycleId, track.stage),
          gsi1sk: `${track.stageEnteredAt}#${track.innovationId}`,
        }
      : {}),
    // Only active tracks are due: a held track leaves the index (so daily runs do not re-read it) and returns on
    // resume with the due date it kept.
    ...(track.due && track.status === 'active'
      ? { gsi2pk: DUE_PARTITION, gsi2sk: dueSortKey(track.due.date, track.innovationId) }
      : {}),
    ...(track.pendingRequest && track.status !== 'withdrawn'
      ? {
          gsi3pk: pendingPartition(track.cycleId),
          gsi3sk: `${track.pendingRequest.requestedAt}#${track.innovationId}`,
        }
      : {}),
  };
}

export function pendingPartition(cycleId: string): string {
  return `CYCLE#${cycleId}#PENDING`;
}

export function dueSortKey(date: string, innovationId: string): string {
  return `${date}#${innovationId}`;
}

export function profileKey(innovationId: string) {
  return { pk: `TRACK#${innovationId}`, sk: 'PROFILE' };
}

export const HISTORY_PREFIX = 'HISTORY#';

export function historyKey(innovationId: string, version: number) {
  return { pk: `TRACK#${innovationId}`, sk: `${HISTORY_PREFIX}${String(version).padStart(9, '0')}` };
}

export function trackPartition(innovationId: string): string {
  return `TRACK#${innovationId}`;
}

export function requestKey(innovationId: string, requestId: string) {
  return { pk: `TRACK#${innovationId}`, sk: `REQUEST#${requestId}` };
}

export const MONEV_PREFIX = 'MONEV#';

export function monevKey(innovationId: string, period: number) {
  return { pk: `TRACK#${innovationId}`, sk: `${MONEV_PREFIX}${String(period).padStart(4, '0')}` };
}

/** Attributes that are storage details, never part of an entity as the API shows it. */
export const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;
