import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LocalPlatform } from '@inovda/local';
import { localDynamoClient } from '../../packages/local/src/dynamodb/clients';

type Item = Record<string, unknown>;

/**
 * Every item of a service's table, read straight from DynamoDB Local (a consistent scan, paged). The checks read
 * the tables rather than the API, because the API shows what the code computes and the check must not share its
 * mistakes: a counter the consumer added twice is only visible against the items it counts.
 */
export async function scanTable(platform: LocalPlatform, service: string): Promise<Item[]> {
  const tableName = platform.tableNames[service];
  if (!tableName) throw new Error(`no table for ${service}`);
  const client = localDynamoClient(platform.dynamoEndpoint, 'ap-southeast-3');
  try {
    const items: Item[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      for (const item of page.Items ?? []) items.push(unmarshall(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  } finally {
    client.destroy();
  }
}

/** Outbox rows (`OUTBOX#<eventId>`) and how many are still pending. */
export function outboxRows(items: readonly Item[]): Array<{ eventId: string; type: string; pending: boolean }> {
  return items
    .filter((item) => typeof item.pk === 'string' && item.pk.startsWith('OUTBOX#'))
    .map((item) => ({
      eventId: (item.pk as string).slice('OUTBOX#'.length),
      type: String(item.detailType),
      pending: item.outboxPending !== undefined,
    }));
}
