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

/**
 * True when a failed TransactWriteItems failed only because the processed-event record at `index` exists: the
 * event was already handled, and redelivery must change nothing.
 */
export function isAlreadyProcessed(error: unknown, index: number): boolean {
  return cancellationReason(error, index) === 'ConditionalCheckFailed';
}

/**
 * Why item `index` of a cancelled TransactWriteItems failed (`ConditionalCheckFailed`, `TransactionConflict`, …),
 * or undefined when the error is not a cancelled transaction.
 */
export function cancellationReason(error: unknown, index: number): string | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  return (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons?.[index]?.Code;
}
