import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { OUTBOX_PENDING_INDEX } from '@inovda/manifest';
import { OUTBOX_TTL_SECONDS, type OutboxRow } from './outbox';

/**
 * The outbox rows' own DynamoDB calls, for the publisher and the sweeper only: the low-level client (the document
 * client would add to both bundles what they do not need) and no service store involved.
 */

/** The key of an outbox row. */
export interface OutboxRowKey {
  readonly pk: string;
  readonly sk: string;
}

/** A page of pending rows, oldest first. */
export interface PendingPage {
  readonly rows: readonly OutboxRow[];
  readonly cursor: Record<string, AttributeValue> | undefined;
}

/** What the publisher and the sweeper do to outbox rows (a stub in unit tests). */
export interface OutboxRows {
  /** Takes rows out of the pending index and starts their expiry: the bus has accepted their events. */
  markPublished(keys: readonly OutboxRowKey[], now: Date): Promise<void>;
  /** Pending rows whose pending-since key sorts before `before`, oldest first. */
  pending(before: string, limit: number, cursor?: Record<string, AttributeValue>): Promise<PendingPage>;
}

/** {@link OutboxRows} on a service table. */
export function outboxRows(client: DynamoDBClient, tableName: string): OutboxRows {
  const { name: indexName, partitionKey, sortKey, pendingValue } = OUTBOX_PENDING_INDEX;
  async function markOne(key: OutboxRowKey, expiresAt: number): Promise<void> {
    try {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: 'REMOVE #pending, #since SET #expiresAt = :expiresAt',
          // Never recreate a row that is gone (its key alone would be an item): only mark one that exists.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#pending': partitionKey, '#since': sortKey, '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':expiresAt': { N: String(expiresAt) } },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return {
    async markPublished(keys, now) {
      const expiresAt = Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS;
      // A chunk is at most 10 rows: one update each, together.
      await Promise.all(keys.map((key) => markOne(key, expiresAt)));
    },
    async pending(before, limit, cursor) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: indexName,
          KeyConditionExpression: '#pending = :pending AND #since < :before',
          ExpressionAttributeNames: { '#pending': partitionKey, '#since': sortKey },
          ExpressionAttributeValues: { ':pending': { S: pendingValue }, ':before': { S: before } },
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: cursor } : {}),
        }),
      );
      return {
        rows: (result.Items ?? []).map((item) => unmarshall(item) as OutboxRow),
        cursor: result.LastEvaluatedKey,
      };
    },
  };
}
