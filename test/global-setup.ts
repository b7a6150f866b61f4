import { type DynamoLocal, startDynamoLocal } from '@inovda/local';
import type { TestProject } from 'vitest/node';
import { buildWebApp } from '../infra/lib/web-app';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the DynamoDB Local the whole run shares (in memory); tests isolate by table name. */
    dynamoEndpoint: string;
  }
}

/**
 * Starts one DynamoDB Local (in memory) for the whole test run and hands its endpoint to the tests
 * (`inject('dynamoEndpoint')`); the returned teardown stops the Java process. Builds the web app once, for the
 * browser tests (test/web) that serve it from the local platform.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildWebApp();
  const dynamo: DynamoLocal = await startDynamoLocal({ inMemory: true });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
