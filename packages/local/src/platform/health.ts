import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { StreamPoller, StreamPollerStats } from '../dynamodb/streams/poller';
import type { EventBus } from '../eventbridge/bus';
import type { LocalFunctions } from '../lambda/functions';
import type { Scheduler } from '../scheduler/scheduled-rules';
import type { PlatformDynamoDb } from './dynamodb';

/** The parts `GET /health` reports on. */
export interface HealthSources {
  readonly regionId: string;
  readonly dynamoDb: PlatformDynamoDb;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly bus: EventBus;
  readonly eventBridgeEndpoint: string;
  readonly functions: LocalFunctions;
  readonly pollers: readonly StreamPoller[];
  readonly scheduler: Scheduler;
}

/** The health check: healthy while DynamoDB Local answers and no stream poller is failing. */
export function healthCheck(sources: HealthSources): () => Promise<{ healthy: boolean; report: unknown }> {
  return async () => {
    let dynamoStatus: 'up' | 'down' = 'up';
    try {
      await sources.dynamoDb.client.send(new ListTablesCommand({ Limit: 1 }));
    } catch {
      dynamoStatus = 'down';
    }
    const streams: StreamPollerStats[] = sources.pollers.map((poller) => poller.stats());
    const healthy = dynamoStatus === 'up' && streams.every((stream) => stream.lastError === undefined);
    return {
      healthy,
      report: {
        status: healthy ? 'ok' : 'degraded',
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
        functions: sources.functions.stats(),
        streams,
        schedules: sources.scheduler.list(),
        deadLetters: sources.bus.deadLetters().length,
      },
    };
  };
}
