import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { ServiceManifest } from '@inovda/manifest';
import { localDynamoClient, localStreamsClient } from '../dynamodb/clients';
import { type DynamoLocal, startDynamoLocal } from '../dynamodb/dynamodb-local';
import { ensureTable } from '../dynamodb/tables';
import type { LocalLogger } from '../log';
import { tableNameFor } from '../naming';
import type { DataDir } from './data-dir';
import type { StopOrder } from './stop-order';

/** The DynamoDB the platform runs on, and the runtime's own clients of it. */
export interface PlatformDynamoDb {
  readonly endpoint: string;
  /** The DynamoDB Local this platform started; undefined when it was given one. */
  readonly started: DynamoLocal | undefined;
  readonly client: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
}

/** Uses the DynamoDB Local at `endpoint`, or starts one (its data in the data dir, or in memory). */
export async function connectDynamoDb(
  endpoint: string | undefined,
  dataDir: DataDir,
  awsRegion: string,
  log: LocalLogger,
  stops: StopOrder,
): Promise<PlatformDynamoDb> {
  let started: DynamoLocal | undefined;
  if (endpoint) {
    log.info(`▸ DynamoDB Local: using ${endpoint}`);
  } else {
    const where = dataDir.path ? `data in ${dataDir.file('dynamodb')}` : 'in memory';
    log.info(`▸ DynamoDB Local: starting (${where})…`);
    const dynamoLocal = await startDynamoLocal({
      inMemory: dataDir.inMemory,
      ...(dataDir.path ? { dataDir: dataDir.path } : {}),
    });
    started = dynamoLocal;
    stops.add(() => dynamoLocal.stop());
    log.info(`  listening on ${dynamoLocal.endpoint}`);
  }
  const resolved = endpoint ?? started?.endpoint ?? '';
  const client = localDynamoClient(resolved, awsRegion);
  const streams = localStreamsClient(resolved, awsRegion);
  stops.add(() => {
    client.destroy();
    streams.destroy();
  });
  return { endpoint: resolved, started, client, streams };
}

/** Creates (or keeps, with their data) the manifests' tables; returns the table name per service. */
export async function ensureServiceTables(
  services: readonly ServiceManifest[],
  client: DynamoDBClient,
  naming: { readonly tablePrefix: string; readonly regionId: string },
  log: LocalLogger,
): Promise<Record<string, string>> {
  const tableNames: Record<string, string> = {};
  for (const manifest of services) {
    const tableName = tableNameFor(naming.tablePrefix, naming.regionId, manifest);
    tableNames[manifest.name] = tableName;
    const created = await ensureTable(client, tableName, manifest.table, log);
    log.info(`▸ table ${tableName}: ${created ? 'created' : 'kept (existing data)'}`);
  }
  return tableNames;
}
