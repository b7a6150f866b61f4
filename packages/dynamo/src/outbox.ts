import type { AnyOutgoingEvent } from '@inovda/contracts';

/** Outbox rows live this long after publication; the stream has already carried them to the publisher. */
const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/** The attributes of an outbox row, as the publisher reads them back from the stream. */
export interface OutboxRow {
  readonly pk: string;
  readonly sk: string;
  readonly source: string;
  readonly detailType: string;
  /** The event detail as a JSON string (stored as a string so the published bytes are exactly what was written). */
  readonly detail: string;
  readonly correlationId: string;
  readonly expiresAt: number;
}

/** The outbox key of an event: one row per event id, so writing the same event twice fails its condition. */
export function outboxKey(eventId: string): { pk: string; sk: string } {
  return { pk: `OUTBOX#${eventId}`, sk: 'OUTBOX' };
}

/**
 * The transaction item that records an event in the outbox, in the same `TransactWriteItems` as the change it
 * announces: the event is published if and only if the change commits.
 */
export function outboxPut(
  tableName: string,
  event: AnyOutgoingEvent,
  now: Date,
): { Put: { TableName: string; Item: OutboxRow; ConditionExpression: string } } {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(event.detail.metadata.eventId),
        source: event.source,
        detailType: event.detailType,
        detail: JSON.stringify(event.detail),
        correlationId: event.detail.metadata.correlationId,
        expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
