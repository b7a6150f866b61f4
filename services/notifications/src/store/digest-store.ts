import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IF_ABSENT, TransactionCancelled, TransactWrite, withoutStorage } from '@inovda/dynamo';
import type { DigestEntry, DigestPeriod } from '../domain/model';
import {
  DIGESTS_PARTITION,
  digestEntryKey,
  digestEntryPrefix,
  digestIndexKeys,
  digestPartition,
  digestPeriodKey,
  ifAt,
  STORAGE_ATTRIBUTES,
} from './keys';

const plain = <T>(item: Record<string, unknown>): T => withoutStorage<T>(item, STORAGE_ATTRIBUTES);

/**
 * Digests: a user's notifications collected per period (written once per event), and the periods still open in a
 * sparse index by when they close, which the digest schedule reads.
 */
export class DigestStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Collects an entry for a period, once per event; opens the period if it is not open yet. */
  async collect(entry: DigestEntry, period: DigestPeriod): Promise<boolean> {
    try {
      await new TransactWrite(this.tableName)
        .put('entry', { ...entry, ...digestEntryKey(entry.sub, entry.period, entry.eventId) }, IF_ABSENT)
        .commit(this.db);
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failed('entry')) return false;
      throw error;
    }
    try {
      await new TransactWrite(this.tableName)
        .put(
          'period',
          { ...period, ...digestPeriodKey(period.sub, period.period), ...digestIndexKeys(period) },
          IF_ABSENT,
        )
        .commit(this.db);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      // Open already (or sent already, for an event that arrived after its period was sent: it waits for no one
      // and is dropped from digests; the inbox still has it).
    }
    return true;
  }

  /** Periods closed by `now` and not sent yet, oldest first, at most `limit`. */
  async closed(now: Date, limit: number): Promise<DigestPeriod[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': DIGESTS_PARTITION, ':now': `${now.toISOString()}#\uffff` },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => plain<DigestPeriod>(item));
  }

  /** Every entry of a user's period, oldest first. */
  async entries(sub: string, period: string): Promise<DigestEntry[]> {
    const entries: DigestEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': digestPartition(sub), ':prefix': digestEntryPrefix(period) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      entries.push(...(result.Items ?? []).map((item) => plain<DigestEntry>(item)));
      start = result.LastEvaluatedKey;
    } while (start);
    return entries;
  }

  /** Marks a period sent (out of the index), if still as read. */
  async markSent(period: DigestPeriod): Promise<void> {
    const next: DigestPeriod = { ...period, status: 'sent', version: period.version + 1 };
    await new TransactWrite(this.tableName)
      .put(
        'period',
        { ...next, ...digestPeriodKey(next.sub, next.period), ...digestIndexKeys(next) },
        ifAt(period.version),
      )
      .commit(this.db);
  }
}
