import { type DynamoLocal, startDynamoLocal } from '@inovda/local';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the DynamoDB Local the whole run shares (in memory); tests isolate by table name. */
    dynamoEndpoint: string;
  }
}

/**
 * Starts one DynamoDB Local (in memory) for the whole test run and hands its endpoint to the tests
 * (`inject('dynamoEndpoint')`); the returned teardown stops the Java process.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo: DynamoLocal = await startDynamoLocal({ inMemory: true });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
