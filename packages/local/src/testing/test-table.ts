import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ENV, type ServiceManifest } from '@inovda/manifest';
import { inject } from 'vitest';
import { ensureTable } from '../dynamodb/tables';
import { silentLogger } from '../log';

/** A raw DynamoDB item as the tests read it. */
export type RawItem = Record<string, { S?: string; N?: string }>;

/**
 * Test support: a fresh table of `manifest` in the DynamoDB Local the global setup started, and the environment
 * set exactly as the stack sets it, so handlers imported afterwards (they read it at cold start) use that table.
 * Vitest runs each test file in its own process, so files never share the environment or the table.
 */
export async function startTestTable(manifest: ServiceManifest) {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `${manifest.name}-test-${randomUUID().slice(0, 8)}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, tableName, manifest.table, silentLogger);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    [ENV.tableName]: tableName,
    [ENV.regionId]: 'kota-solok',
    [ENV.opdIds]: 'balitbang,dinkes,disdukcapil,dpmptsp',
  });
  return {
    tableName,
    client,
    /** Every item in the table: test-only (request paths never scan). */
    async items(): Promise<RawItem[]> {
      const result = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
      return (result.Items ?? []) as RawItem[];
    },
    async stop(): Promise<void> {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
