import { join } from 'node:path';
import { OUTBOX_STREAM_FILTER, OUTBOX_STREAM_RETRY, type ServiceManifest } from '@inovda/manifest';
import { CheckpointStore } from '../dynamodb/streams/checkpoints';
import { StreamPoller } from '../dynamodb/streams/poller';
import type { FaultSwitchboard } from '../faults/switchboard';
import type { LocalFunctions } from '../lambda/functions';
import type { LocalLogger } from '../log';
import type { DeadLetterStore } from '../sqs/dead-letters';
import type { DataDir } from './data-dir';
import type { PlatformDynamoDb } from './dynamodb';
import type { StopOrder } from './stop-order';

/** What the stream pollers need: the tables, their functions, and where positions and dead letters go. */
export interface StreamPollersOptions {
  readonly services: readonly ServiceManifest[];
  readonly tableNames: Readonly<Record<string, string>>;
  readonly functions: LocalFunctions;
  readonly dynamoDb: PlatformDynamoDb;
  readonly dataDir: DataDir;
  readonly deadLetters: DeadLetterStore;
  readonly awsRegion: string;
  readonly log: LocalLogger;
  readonly pollIntervalMs: number | undefined;
  readonly retryBaseDelayMs: number | undefined;
  /** The `stream-poller-stopped` fault stops and restarts the pollers. */
  readonly faults: Pick<FaultSwitchboard, 'watch' | 'acted'>;
}

/**
 * Starts one poller per service whose manifest has a stream consumer (the outbox publisher): the event source
 * mapping of the stack, with its filter, batch size and retries, and its position kept in the data dir.
 */
export function startStreamPollers(options: StreamPollersOptions, stops: StopOrder): StreamPoller[] {
  const pollers: StreamPoller[] = [];
  const byService = new Map<string, StreamPoller>();
  for (const manifest of options.services) {
    const publisher = manifest.functions.find((fn) => fn.consumesTableStream);
    if (!publisher) continue;
    const tableName = options.tableNames[manifest.name] ?? '';
    const fn = options.functions.get(`${manifest.name}/${publisher.name}`);
    const poller = new StreamPoller({
      name: `${manifest.name} stream`,
      tableName,
      dynamo: options.dynamoDb.client,
      streams: options.dynamoDb.streams,
      invoke: (event) => fn.invoke(event),
      targetArn: fn.spec.functionArn,
      filter: OUTBOX_STREAM_FILTER,
      batchSize: OUTBOX_STREAM_RETRY.batchSize,
      maximumRetryAttempts: OUTBOX_STREAM_RETRY.maximumRetryAttempts,
      bisectBatchOnError: OUTBOX_STREAM_RETRY.bisectBatchOnError,
      awsRegion: options.awsRegion,
      checkpoints: new CheckpointStore(options.dataDir.file(join('stream-checkpoints', `${tableName}.json`))),
      deadLetters: options.deadLetters,
      log: options.log,
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      ...(options.retryBaseDelayMs === undefined ? {} : { backoff: { baseDelayMs: options.retryBaseDelayMs } }),
    });
    pollers.push(poller);
    byService.set(manifest.name, poller);
    stops.add(() => poller.stop());
    poller.start();
    options.log.info(`▸ stream ${tableName} → ${manifest.name}/${publisher.name}`);
  }
  options.faults.watch('stream-poller-stopped', async (fault) => {
    for (const [service, poller] of byService) {
      const stopped = fault !== undefined && (fault.services === undefined || fault.services.includes(service));
      if (stopped) {
        options.faults.acted('stream-poller-stopped');
        await poller.pause();
      } else poller.start();
    }
  });
  return pollers;
}
