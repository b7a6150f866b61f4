import { randomUUID } from 'node:crypto';
import { type LocalPlatform, type StartLocalPlatformOptions, silentLogger, startLocalPlatform } from '@inovda/local';
import { inject } from 'vitest';
import { services } from '../../infra/lib/platform';
import { kotaSolok } from '../../infra/regions/kota-solok';

/**
 * The whole platform for one end-to-end file: every service, Kota Solok, a free port, nothing on disk, sharing the
 * run's DynamoDB Local under tables of its own (so files never see each other's data; they go when it stops), or
 * with a DynamoDB Local of its own (`ownDynamoDb`: a load run, which must not share it with the files beside it).
 */
export function startE2ePlatform(
  tag: string,
  overrides: Partial<Omit<StartLocalPlatformOptions, 'region' | 'services'>> & { readonly ownDynamoDb?: boolean } = {},
): Promise<LocalPlatform> {
  const { ownDynamoDb, ...options } = overrides;
  return startLocalPlatform({
    region: kotaSolok,
    services,
    port: 0,
    inMemory: true,
    ...(ownDynamoDb ? {} : { dynamoEndpoint: inject('dynamoEndpoint') }),
    tablePrefix: `${tag}-${randomUUID().slice(0, 8)}-`,
    log: silentLogger,
    ...options,
  });
}

export type Json = Record<string, unknown>;

/** A JSON answer as the end-to-end tests read it. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: Json;
}

/** Calls the platform's API as a dev user, with a JSON body when one is given (the platform as it is at the call). */
export function apiCaller(platformOf: () => LocalPlatform) {
  return async (method: string, path: string, username: string, body?: unknown, headers: Json = {}) => {
    const platform = platformOf();
    const token = await platform.tokenFor(username);
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(headers as Record<string, string>),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json } satisfies ApiAnswer;
  };
}

/**
 * Retries `attempt` until `done` holds (events cross the bus asynchronously), bounded generously: a hang fails the
 * test, no timing is asserted. Returns the last value either way, for the test to assert on.
 */
export async function retryUntil<T>(
  attempt: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
