import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { closedLoop, type LoadResult, type LoadShape } from './load';

/** Raw DynamoDB Local latencies under the same load as the API: the floor any handler sits on. */
export interface DynamoBaseline {
  readonly tableName: string;
  readonly putItem: LoadResult;
  readonly getItem: LoadResult;
}

/** Where the baseline runs: the platform's DynamoDB Local, with its placeholder credentials. */
export interface DynamoBaselineTarget {
  readonly endpoint: string;
  readonly region: string;
}

/** A row about the size of an innovation profile, so PutItem writes a comparable payload. */
function benchItem(sequence: number) {
  return {
    pk: { S: `BENCH#${sequence}` },
    sk: { S: 'PROFILE' },
    name: { S: 'Bench' },
    opdId: { S: 'dinkes' },
    status: { S: 'draft' },
    version: { N: '1' },
    createdAt: { S: new Date().toISOString() },
  };
}

/**
 * Measures `PutItem` and `GetItem` with the SDK against DynamoDB Local, on a scratch table created for the run and
 * deleted afterwards (also when a run fails), so the platform's own tables are untouched.
 */
export async function measureDynamoBaseline(target: DynamoBaselineTarget, shape: LoadShape): Promise<DynamoBaseline> {
  const client = new DynamoDBClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = `inovda-bench-${randomUUID().slice(0, 8)}`;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    try {
      const put = (sequence: number) =>
        client.send(new PutItemCommand({ TableName: tableName, Item: benchItem(sequence) }));
      const get = () =>
        client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'BENCH#0' }, sk: { S: 'PROFILE' } } }));
      // Warm-up, unrecorded: the client resolves its config and opens its sockets on the first calls, as the API's
      // functions did during their own warm-up.
      await Promise.all(Array.from({ length: shape.concurrency }, (_, index) => put(index)));
      await Promise.all(Array.from({ length: shape.concurrency }, get));
      const putItem = await closedLoop('DynamoDB PutItem', shape, put);
      const getItem = await closedLoop('DynamoDB GetItem', shape, get);
      return { tableName, putItem, getItem };
    } finally {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    }
  } finally {
    client.destroy();
  }
}
