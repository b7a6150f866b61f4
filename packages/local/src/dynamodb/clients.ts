import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/**
 * DynamoDB Local accepts any credentials; these are the placeholders the runtime itself uses (handlers get theirs
 * through the standard `AWS_*` variables instead).
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** A DynamoDB client for the runtime's own calls (tables, health checks). */
export function localDynamoClient(endpoint: string, region: string, maxAttempts = 3): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts });
}

/** A DynamoDB Streams client for the stream pollers. */
export function localStreamsClient(endpoint: string, region: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
}
