import { EVENT_ARCHIVE, eventArchivePattern } from '@inovda/manifest';
import { EventBus } from '../eventbridge/bus';
import { EventArchive } from '../eventbridge/event-archive';
import { type PutEventsApi, startPutEventsApi } from '../eventbridge/put-events-api';
import { Replays } from '../eventbridge/replays';
import type { LocalFaults } from '../faults/switchboard';
import { LOCAL_ACCOUNT_ID } from '../local-region';
import type { LocalLogger } from '../log';
import { eventBusArn } from '../naming';
import { DeadLetterStore } from '../sqs/dead-letters';
import type { DataDir } from './data-dir';
import type { StopOrder } from './stop-order';

/**
 * The region's event bus, its archive and replays, its PutEvents endpoint and the dead letters of everything
 * delivered asynchronously.
 */
export interface PlatformEventBus {
  readonly bus: EventBus;
  readonly archive: EventArchive;
  readonly replays: Replays;
  readonly putEventsApi: PutEventsApi;
  readonly deadLetters: DeadLetterStore;
}

/**
 * Starts the bus with its archive (named, patterned and retained as the stack's, from `@inovda/manifest`), and its
 * PutEvents endpoint (functions need its URL in their environment, so before them).
 */
export async function startEventBus(
  options: {
    readonly name: string;
    readonly archiveName: string;
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
  const archive = new EventArchive({
    name: options.archiveName,
    awsRegion: options.awsRegion,
    sourceArn: eventBusArn(options.awsRegion, options.name),
    pattern: eventArchivePattern(LOCAL_ACCOUNT_ID),
    retentionDays: EVENT_ARCHIVE.retentionDays,
    description: `Every event on ${options.name}, for replay`,
    file: options.dataDir.file(`archive-${options.archiveName}.jsonl`),
  });
  const bus = new EventBus({
    name: options.name,
    awsRegion: options.awsRegion,
    deadLetters,
    log: options.log,
    backoff,
    archive,
  });
  stops.add(() => bus.stop());
  const replays = new Replays({ archives: [archive], bus, awsRegion: options.awsRegion, log: options.log });
  // Before the bus stops: a running replay ends (CANCELLED) rather than feeding a bus that is winding down.
  stops.add(() => replays.stop());
  const putEventsApi = await startPutEventsApi(bus, options.log, 0, options.faults, replays);
  stops.add(() => putEventsApi.stop());
  return { bus, archive, replays, putEventsApi, deadLetters };
}
