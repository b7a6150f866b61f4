import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { KeySpec, TableSpec } from '@inovda/manifest';
import type { LocalLogger } from '../log';

function keySchema(keys: KeySpec): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: keys.partitionKey.name, KeyType: 'HASH' }];
  if (keys.sortKey) schema.push({ AttributeName: keys.sortKey.name, KeyType: 'RANGE' });
  return schema;
}

function attributeDefinitions(keys: readonly KeySpec[]): AttributeDefinition[] {
  const byName = new Map<string, AttributeDefinition>();
  for (const spec of keys) {
    for (const key of [spec.partitionKey, spec.sortKey]) {
      if (key) byName.set(key.name, { AttributeName: key.name, AttributeType: key.type });
    }
  }
  return [...byName.values()];
}

/** The CreateTable input of a manifest table: the same keys, indexes and stream view as the stack declares. */
export function createTableInput(tableName: string, spec: TableSpec) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeDefinitions([spec, ...spec.globalIndexes]),
    KeySchema: keySchema(spec),
    ...(spec.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: spec.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
    // The outbox publisher needs both images, as in the stack.
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Creates the table of a manifest unless it exists, so data persists across restarts; an existing table gets what
 * the manifest added since (a missing index, the stream, TTL). Returns whether the table was created.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  spec: TableSpec,
  log: LocalLogger,
): Promise<boolean> {
  const existing = await describe(client, tableName);
  let created = false;
  if (!existing) {
    await client.send(new CreateTableCommand(createTableInput(tableName, spec)));
    created = true;
  } else {
    await reconcile(client, tableName, spec, existing, log);
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const ttlStatus = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (ttlStatus !== 'ENABLED' && ttlStatus !== 'ENABLING') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: spec.timeToLiveAttribute },
      }),
    );
  }
  return created;
}

async function reconcile(
  client: DynamoDBClient,
  tableName: string,
  spec: TableSpec,
  existing: TableDescription,
  log: LocalLogger,
): Promise<void> {
  if (!existing.StreamSpecification?.StreamEnabled) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  }
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  // DynamoDB creates one index per UpdateTable call.
  for (const index of spec.globalIndexes.filter((candidate) => !present.has(candidate.name))) {
    log.info(`  adding index ${index.name} to ${tableName}`);
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions([spec, index]),
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: index.name, KeySchema: keySchema(index), Projection: { ProjectionType: 'ALL' } } },
        ],
      }),
    );
  }
  const declared = new Set(spec.globalIndexes.map((index) => index.name));
  const extra = [...present].filter((name) => name !== undefined && !declared.has(name));
  if (extra.length > 0) {
    log.warn(`  ${tableName} has indexes the manifest no longer declares: ${extra.join(', ')} (left in place)`);
  }
}

/** The stream ARN of a table (after `ensureTable`, every manifest table has one). */
export async function latestStreamArn(client: DynamoDBClient, tableName: string): Promise<string> {
  const table = await describe(client, tableName);
  const arn = table?.LatestStreamArn;
  if (!arn) throw new Error(`table ${tableName} has no stream`);
  return arn;
}
