import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ServiceManifest } from '@inovda/manifest';
import { inject } from 'vitest';
import { ensureTable } from '../dynamodb/tables';
import { silentLogger } from '../log';

/** A raw DynamoDB item as the tests read it. */
export type RawItem = Record<string, { S?: string; N?: string }>;

/**
 * Test support: a fresh table of `manifest`, with its indexes, in the DynamoDB Local the global setup started.
 * It sets no environment: {@link startServiceHarness} gives each handler the environment the stack computes.
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
  return {
    tableName,
    endpoint,
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
