/**
 * Idempotent consumers: a consumer writes a processed-event record in the same `TransactWriteItems` as its
 * effect. Delivery is at least once, so the same event may arrive again; the second transaction then fails on
 * this record's condition and the consumer knows the effect is already there.
 */

/** How long a processed-event record is kept: longer than EventBridge retries (24 h) and any replay window. */
const PROCESSED_TTL_SECONDS = 30 * 24 * 3600;

/** The key of the record saying `consumer` processed event `eventId`. */
export function processedEventKey(consumer: string, eventId: string): { pk: string; sk: string } {
  return { pk: `PROCESSED#${consumer}#${eventId}`, sk: 'PROCESSED' };
}

/** The transaction item recording that `consumer` processed `eventId`; it fails if it already did. */
export function processedEventPut(tableName: string, consumer: string, eventId: string, now: Date) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...processedEventKey(consumer, eventId),
        processedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + PROCESSED_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The event a consumer is applying, recorded in the same transaction as its effect (idempotence). */
export interface Processing {
  readonly consumer: string;
  readonly eventId: string;
}

/** The outcome of a consumer's write: done now, done before (a redelivery), or overtaken by a newer change. */
export type Applied = 'applied' | 'duplicate' | 'stale';
