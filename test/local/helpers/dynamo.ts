import { randomUUID } from 'node:crypto';
import { type DynamoLocal, startDynamoLocal } from '@inovda/local';
import { inject } from 'vitest';

/**
 * The DynamoDB Local of the test run (started once by test/global-setup.ts), or, when this file runs without that
 * setup, one of its own. `stop()` stops only what this call started.
 */
export async function useDynamoLocal(): Promise<DynamoLocal> {
  const provided: string | undefined = inject('dynamoEndpoint');
  if (provided) return { endpoint: provided, pid: undefined, stop: async () => {} };
  return startDynamoLocal({ inMemory: true });
}

/** A table prefix unique to one test, so tests sharing a DynamoDB Local never see each other's data. */
export function uniquePrefix(): string {
  return `t${randomUUID().slice(0, 8)}-`;
}
