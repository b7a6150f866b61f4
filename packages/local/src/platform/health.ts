import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { StreamPoller, StreamPollerStats } from '../dynamodb/streams/poller';
import type { EventBus } from '../eventbridge/bus';
import type { LocalFunctions } from '../lambda/functions';
import type { Scheduler } from '../scheduler/scheduled-rules';
import { sesLocalAnswers } from '../ses/ses-local';
import type { PlatformDynamoDb } from './dynamodb';
import type { PlatformSecretsManager } from './secrets-manager';
import type { DemoData } from './seed';
import type { PlatformSes } from './ses';

/** The parts `GET /health` reports on. */
export interface HealthSources {
  readonly regionId: string;
  readonly dynamoDb: PlatformDynamoDb;
  /** Undefined when the platform runs without it (`sesEndpoint: false`). */
  readonly ses: PlatformSes | undefined;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly bus: EventBus;
  readonly eventBridgeEndpoint: string;
  readonly secretsManager: PlatformSecretsManager;
  readonly functions: LocalFunctions;
  readonly pollers: readonly StreamPoller[];
  readonly scheduler: Scheduler;
  /** Where the demo data stands: the platform is ready only once it is in. */
  readonly demoData: () => DemoData;
}

/** The status `GET /health` reports: `ok` only with every part up and the demo data in. */
export function healthStatus(partsUp: boolean, demoData: DemoData): 'ok' | 'starting' | 'seed-failed' | 'degraded' {
  if (!partsUp) return 'degraded';
  if (demoData === 'loading') return 'starting';
  if (demoData === 'failed') return 'seed-failed';
  return 'ok';
}

/**
 * The health check: ready (200) once the demo data is in, while DynamoDB Local and the SES v2 emulator (unless off)
 * answer and no stream poller is failing; 503 before (`starting`), when the seed failed (`seed-failed`) and when a
 * part is down (`degraded`).
 */
export function healthCheck(sources: HealthSources): () => Promise<{ healthy: boolean; report: unknown }> {
  return async () => {
    let dynamoStatus: 'up' | 'down' = 'up';
    try {
      await sources.dynamoDb.client.send(new ListTablesCommand({ Limit: 1 }));
    } catch {
      dynamoStatus = 'down';
    }
    const sesStatus = sources.ses ? ((await sesLocalAnswers(sources.ses.endpoint)) ? 'up' : 'down') : 'off';
    const streams: StreamPollerStats[] = sources.pollers.map((poller) => poller.stats());
    const demoData = sources.demoData();
    const partsUp =
      dynamoStatus === 'up' && sesStatus !== 'down' && streams.every((stream) => stream.lastError === undefined);
    const healthy = partsUp && demoData === 'in';
    const status = healthStatus(partsUp, demoData);
    return {
      healthy,
      report: {
        status,
        demoData,
        region: sources.regionId,
        dynamodb: {
          status: dynamoStatus,
          endpoint: sources.dynamoDb.endpoint,
          tables: Object.values(sources.tableNames),
        },
        eventBridge: {
          status: 'up',
          endpoint: sources.eventBridgeEndpoint,
          bus: sources.bus.name,
          rules: sources.bus.rules().length,
        },
        // Its page at the endpoint lists the sent mails.
        ses: { status: sesStatus, ...(sources.ses ? { endpoint: sources.ses.endpoint } : {}) },
        secretsManager: sources.secretsManager.health(),
        functions: sources.functions.stats(),
        streams,
        schedules: sources.scheduler.list(),
        deadLetters: sources.bus.deadLetters().length,
      },
    };
  };
}
