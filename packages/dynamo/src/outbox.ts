import type { AnyOutgoingEvent } from '@inovda/contracts';
import { OUTBOX_PENDING_INDEX } from '@inovda/manifest';

/**
 * A published outbox row lives this long after its publication. A pending row has no expiry at all: TTL would be
 * the one way an unpublished event could still be lost, so it stays (in the pending index, where the sweeper and
 * an operator find it) until the bus has taken it.
 */
export const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/** The attributes of an outbox row, as the publisher reads them back from the stream and the sweeper from the index. */
export interface OutboxRow {
  readonly pk: string;
  readonly sk: string;
  readonly source: string;
  readonly detailType: string;
  /** The event detail as a JSON string (stored as a string so the published bytes are exactly what was written). */
  readonly detail: string;
  readonly correlationId: string;
  /** While pending: the key of the sparse pending index (see `OUTBOX_PENDING_INDEX`); removed on publication. */
  readonly outboxPending?: string;
  /** While pending: `<ISO time written>#<event id>`, the pending index's sort key (oldest first). */
  readonly outboxPendingSince?: string;
  /** Set on publication only: a row expires {@link OUTBOX_TTL_SECONDS} after the bus accepted its event. */
  readonly expiresAt?: number;
}

/** The outbox key of an event: one row per event id, so writing the same event twice fails its condition. */
export function outboxKey(eventId: string): { pk: string; sk: string } {
  return { pk: `OUTBOX#${eventId}`, sk: 'OUTBOX' };
}

/** The pending index's sort key of a row written at `now`: the sweeper takes rows older than a cut-off. */
export function pendingSince(now: Date, eventId: string): string {
  return `${now.toISOString()}#${eventId}`;
}

/**
 * The transaction item that records an event in the outbox, in the same `TransactWriteItems` as the change it
 * announces: the event is published if and only if the change commits. The row starts pending.
 */
export function outboxPut(
  tableName: string,
  event: AnyOutgoingEvent,
  now: Date,
): { Put: { TableName: string; Item: OutboxRow; ConditionExpression: string } } {
  const eventId = event.detail.metadata.eventId;
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(eventId),
        source: event.source,
        detailType: event.detailType,
        detail: JSON.stringify(event.detail),
        correlationId: event.detail.metadata.correlationId,
        [OUTBOX_PENDING_INDEX.partitionKey]: OUTBOX_PENDING_INDEX.pendingValue,
        [OUTBOX_PENDING_INDEX.sortKey]: pendingSince(now, eventId),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
