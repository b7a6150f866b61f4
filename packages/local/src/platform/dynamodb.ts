import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
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

/**
 * Creates (or keeps, with their data) the manifests' tables; returns the table name per service. On a DynamoDB Local
 * the platform did not start, a platform that keeps nothing (`inMemory`) deletes the tables it created when it stops,
 * as the memory of a DynamoDB Local of its own would go: a test run sharing one DynamoDB Local across many files does
 * not pile up their tables and data (which slowed everything run after them).
 */
export async function ensureServiceTables(
  services: readonly ServiceManifest[],
  dynamoDb: PlatformDynamoDb,
  options: { readonly tablePrefix: string; readonly regionId: string; readonly inMemory: boolean },
  log: LocalLogger,
  stops: StopOrder,
): Promise<Record<string, string>> {
  const tableNames: Record<string, string> = {};
  const created: string[] = [];
  for (const manifest of services) {
    const tableName = tableNameFor(options.tablePrefix, options.regionId, manifest);
    tableNames[manifest.name] = tableName;
    const isNew = await ensureTable(dynamoDb.client, tableName, manifest.table, log);
    if (isNew) created.push(tableName);
    log.info(`▸ table ${tableName}: ${isNew ? 'created' : 'kept (existing data)'}`);
  }
  if (options.inMemory && dynamoDb.started === undefined && created.length > 0) {
    stops.add(async () => {
      for (const tableName of created) await dynamoDb.client.send(new DeleteTableCommand({ TableName: tableName }));
    });
  }
  return tableNames;
}
