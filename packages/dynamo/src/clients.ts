import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from '@inovda/kernel';
import { ENV } from '@inovda/manifest';

/**
 * The document client, created once per cold start. Endpoint and credentials come from the standard SDK
 * environment (`AWS_ENDPOINT_URL_DYNAMODB` locally), so handlers are identical in AWS and on a laptop.
 */
export function createDocumentClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** The function's own table, as its environment names it (`TABLE_NAME`), with a document client for it. */
export interface ServiceTable {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** The service table of a function, read once at cold start; a function without table access has none. */
export function serviceTableFromEnv(db: DynamoDBDocumentClient = createDocumentClient()): ServiceTable {
  return { db, tableName: requiredEnv(ENV.tableName) };
}
