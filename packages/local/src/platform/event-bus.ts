import { EventBus } from '../eventbridge/bus';
import { type PutEventsApi, startPutEventsApi } from '../eventbridge/put-events-api';
import type { LocalFaults } from '../faults/switchboard';
import type { LocalLogger } from '../log';
import { DeadLetterStore } from '../sqs/dead-letters';
import type { DataDir } from './data-dir';
import type { StopOrder } from './stop-order';

/** The region's event bus, its PutEvents endpoint and the dead letters of everything delivered asynchronously. */
export interface PlatformEventBus {
  readonly bus: EventBus;
  readonly putEventsApi: PutEventsApi;
  readonly deadLetters: DeadLetterStore;
}

/** Starts the bus and its PutEvents endpoint (functions need its URL in their environment, so before them). */
export async function startEventBus(
  options: {
    readonly name: string;
    readonly awsRegion: string;
    readonly dataDir: DataDir;
    readonly retryBaseDelayMs: number | undefined;
    readonly log: LocalLogger;
    readonly faults: Pick<LocalFaults, 'get' | 'acted'>;
  },
  stops: StopOrder,
): Promise<PlatformEventBus> {
  const deadLetters = new DeadLetterStore(options.dataDir.file('dead-letters.jsonl'));
  const backoff = options.retryBaseDelayMs === undefined ? {} : { baseDelayMs: options.retryBaseDelayMs };
  const bus = new EventBus({
    name: options.name,
    awsRegion: options.awsRegion,
    deadLetters,
    log: options.log,
    backoff,
  });
  stops.add(() => bus.stop());
  const putEventsApi = await startPutEventsApi(bus, options.log, 0, options.faults);
  stops.add(() => putEventsApi.stop());
  return { bus, putEventsApi, deadLetters };
}
