import { randomUUID } from 'node:crypto';
import { type LocalPlatform, type StartLocalPlatformOptions, silentLogger, startLocalPlatform } from '@inovda/local';
import { inject } from 'vitest';
import { services } from '../../infra/lib/platform';
import { kotaSolok } from '../../infra/regions/kota-solok';

/**
 * The whole platform for one end-to-end file: every service, Kota Solok, a free port, nothing on disk, sharing the
 * run's DynamoDB Local under tables of its own (so files never see each other's data).
 */
export function startE2ePlatform(
  tag: string,
  overrides: Partial<Omit<StartLocalPlatformOptions, 'region' | 'services'>> = {},
): Promise<LocalPlatform> {
  return startLocalPlatform({
    region: kotaSolok,
    services,
    port: 0,
    inMemory: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `${tag}-${randomUUID().slice(0, 8)}-`,
    log: silentLogger,
    ...overrides,
  });
}
