import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  functionAsyncInvokePolicy,
  OUTBOX_STREAM_FILTER,
  OUTBOX_STREAM_RETRY,
  routesOf,
  type ServiceManifest,
} from '@inovda/manifest';
import { createHttpApiHandler } from '../apigateway/http-api';
import { type RouteBinding, RouteTable } from '../apigateway/route-table';
import { type DevUser, devUsersFor } from '../cognito/dev-users';
import { createJwtIssuer } from '../cognito/jwt-issuer';
import { localDynamoClient, localStreamsClient } from '../dynamodb/clients';
import { type DynamoLocal, startDynamoLocal } from '../dynamodb/dynamodb-local';
import { CheckpointStore } from '../dynamodb/streams/checkpoints';
import { StreamPoller, type StreamPollerStats } from '../dynamodb/streams/poller';
import { ensureTable } from '../dynamodb/tables';
import { errorMessage, LocalRuntimeError } from '../errors';
import { EventBus, type LocalEventBus } from '../eventbridge/bus';
import { startPutEventsApi } from '../eventbridge/put-events-api';
import { closeServer, listen, sendJson } from '../http-io';
import { lambdaTarget } from '../lambda/async-invoke';
import { LocalFunctions } from '../lambda/functions';
import type { InvokeResult } from '../lambda/invocation';
import { awsRegionOf, LOCAL_ACCOUNT_ID, type LocalRegion } from '../local-region';
import { consoleLogger, type LocalLogger } from '../log';
import { eventBusNameFor, tableNameFor } from '../naming';
import { type ScheduledRuleSpec, Scheduler, type ScheduleView } from '../scheduler/scheduled-rules';
import { DeadLetterStore } from '../sqs/dead-letters';
import { localRoutes } from './local-routes';

/** What a seed function gets: the running API and tokens of the dev users. */
export interface SeedContext {
  readonly url: string;
  readonly region: LocalRegion;
  tokenFor(username: string): Promise<string>;
}

/** Options of {@link startLocalPlatform}. */
export interface StartLocalPlatformOptions {
  readonly region: LocalRegion;
  readonly services: readonly ServiceManifest[];
  /** API port (default: env PORT, else 3000; 0 picks a free one). */
  readonly port?: number;
  /** Where data persists (default: env INOVDA_DATA_DIR, else `<repo>/.inovda/data`). */
  readonly dataDir?: string;
  /** Keep nothing on disk (default: env INOVDA_IN_MEMORY=1). */
  readonly inMemory?: boolean;
  /** Use an already running DynamoDB Local instead of spawning one. */
  readonly dynamoEndpoint?: string;
  /** Prefix of table names, to isolate runs sharing one DynamoDB Local. */
  readonly tablePrefix?: string;
  /** Runs once the platform is up, when the data dir is new (or always in memory); its result is ignored. */
  readonly seed?: (context: SeedContext) => Promise<unknown>;
  readonly log?: LocalLogger;
  /** First retry delay of rule targets and stream batches (default 1000 ms and 200 ms; tests pass a few ms). */
  readonly retryBaseDelayMs?: number;
  /** Stream poll interval (default 200 ms). */
  readonly streamPollIntervalMs?: number;
  /** `POWERTOOLS_LOG_LEVEL` of the handlers (default INFO). */
  readonly functionLogLevel?: string;
  /** HTTP API integration timeout (default 30 s, as in AWS). */
  readonly integrationTimeoutMs?: number;
  /** CORS origins allowed besides localhost (e.g. the region's web app origins). */
  readonly allowedOrigins?: readonly string[];
}

/** The running platform. */
export interface LocalPlatform {
  /** The API, `http://localhost:<port>`. */
  readonly url: string;
  readonly region: LocalRegion;
  readonly dynamoEndpoint: string;
  /** Where `AWS_ENDPOINT_URL_EVENTBRIDGE` points. */
  readonly eventBridgeEndpoint: string;
  readonly eventBusName: string;
  /** Table name per service. */
  readonly tableNames: Readonly<Record<string, string>>;
  /** Undefined in memory. */
  readonly dataDir: string | undefined;
  readonly bus: LocalEventBus;
  readonly users: readonly DevUser[];
  /** An ID token for a dev user (throws for an unknown one). */
  tokenFor(username: string): Promise<string>;
  /** Invokes `<service>/<function>` directly, synchronously. */
  invoke(functionId: string, event: unknown): Promise<InvokeResult>;
  /** Fires a schedule now; resolves when its delivery (with retries) is done. */
  runSchedule(name: string): Promise<void>;
  /** Scheduled rules and when they next run. */
  schedules(): readonly ScheduleView[];
  /** Stops everything started (DynamoDB Local too, unless it was passed in). Safe to call twice. */
  stop(): Promise<void>;
}

/** The default data dir: `.inovda/data` at the repository root (git-ignored). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../../.inovda/data', import.meta.url));

function resolvePort(port: number | undefined): number {
  if (port !== undefined) return port;
  const fromEnv = process.env.PORT;
  if (fromEnv === undefined || fromEnv === '') return 3000;
  const parsed = Number(fromEnv);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new LocalRuntimeError(`PORT=${fromEnv} is not a port number.`);
  }
  return parsed;
}

function routeBindings(services: readonly ServiceManifest[]): RouteBinding[] {
  return services.flatMap((manifest) =>
    routesOf(manifest).map(({ fn, route }) => ({
      method: route.method,
      path: route.path,
      functionId: `${manifest.name}/${fn.name}`,
    })),
  );
}

/**
 * Starts the whole platform on this machine, with no AWS account: DynamoDB Local with the manifests' tables, the
 * local EventBridge (PutEvents endpoint, rules, retries, dead letters), stream pollers, schedules, every function
 * in its own process (started on first call), dev identities and the HTTP API. Handlers run unchanged; only SDK
 * endpoints and credentials differ, through the standard environment variables.
 */
export async function startLocalPlatform(options: StartLocalPlatformOptions): Promise<LocalPlatform> {
  const log = options.log ?? consoleLogger;
  const region = options.region;
  const awsRegion = awsRegionOf(region);
  const inMemory = options.inMemory ?? process.env.INOVDA_IN_MEMORY === '1';
  const dataDir = inMemory ? undefined : resolve(options.dataDir ?? process.env.INOVDA_DATA_DIR ?? DEFAULT_DATA_DIR);
  const port = resolvePort(options.port);
  const tablePrefix = options.tablePrefix ?? '';
  const eventBusName = eventBusNameFor(region.id);
  const inData = (name: string) => (dataDir ? join(dataDir, name) : undefined);
  const cleanup: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const step of cleanup.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        log.warn(`while stopping: ${errorMessage(error)}`);
      }
    }
  };

  try {
    log.info(`inovda local · ${region.displayName} (${region.id})`);
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const isNewDataDir = dataDir ? !existsSync(join(dataDir, 'seeded')) : true;

    // The API port first: a taken port fails in a second, not after DynamoDB Local has started. Until the
    // platform is up, requests get the 503 API Gateway answers when nothing can serve them.
    const server = createServer();
    const starting: RequestListener = (_request, response) =>
      sendJson(response, 503, { message: 'Service Unavailable' }, { 'retry-after': '1' });
    server.on('request', starting);
    let apiPort: number;
    try {
      apiPort = await listen(server, port);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
        throw new LocalRuntimeError(
          `Port ${port} is already in use: stop what uses it or start with PORT=<another port>.`,
        );
      }
      throw error;
    }
    cleanup.push(() => closeServer(server));
    // The issuer (`iss`) is this URL.
    const url = `http://localhost:${apiPort}`;

    // DynamoDB Local and the tables.
    let dynamo: DynamoLocal | undefined;
    let dynamoEndpoint = options.dynamoEndpoint;
    if (dynamoEndpoint) {
      log.info(`▸ DynamoDB Local: using ${dynamoEndpoint}`);
    } else {
      log.info(`▸ DynamoDB Local: starting (${dataDir ? `data in ${join(dataDir, 'dynamodb')}` : 'in memory'})…`);
      const started = await startDynamoLocal({ inMemory, ...(dataDir ? { dataDir } : {}) });
      dynamo = started;
      cleanup.push(() => started.stop());
      dynamoEndpoint = started.endpoint;
      log.info(`  listening on ${dynamoEndpoint}`);
    }
    const dynamoClient = localDynamoClient(dynamoEndpoint, awsRegion);
    const streamsClient = localStreamsClient(dynamoEndpoint, awsRegion);
    cleanup.push(() => {
      dynamoClient.destroy();
      streamsClient.destroy();
    });
    const tableNames: Record<string, string> = {};
    for (const manifest of options.services) {
      const tableName = tableNameFor(tablePrefix, region.id, manifest);
      tableNames[manifest.name] = tableName;
      const created = await ensureTable(dynamoClient, tableName, manifest.table, log);
      log.info(`▸ table ${tableName}: ${created ? 'created' : 'kept (existing data)'}`);
    }

    // The event bus and its PutEvents endpoint (functions need its URL in their environment).
    const deadLetters = new DeadLetterStore(inData('dead-letters.jsonl'));
    const backoff = options.retryBaseDelayMs === undefined ? {} : { baseDelayMs: options.retryBaseDelayMs };
    const bus = new EventBus({ name: eventBusName, awsRegion, deadLetters, log, backoff });
    cleanup.push(() => bus.stop());
    const putEventsApi = await startPutEventsApi(bus, log);
    cleanup.push(() => putEventsApi.stop());

    const functions = new LocalFunctions({
      region,
      services: options.services,
      tableNames,
      eventBusName,
      dynamoEndpoint,
      eventBridgeEndpoint: putEventsApi.endpoint,
      log,
      ...(options.functionLogLevel ? { functionLogLevel: options.functionLogLevel } : {}),
    });
    cleanup.push(() => functions.stop());
    log.info(`▸ functions: ${functions.size}, each execution environment its own process, started on first call`);

    // Lambda's own retries of asynchronous invocations: given up (not dead-lettered) when the runtime stops.
    const asyncRetries = new AbortController();
    const scheduled: ScheduledRuleSpec[] = [];
    for (const manifest of options.services) {
      for (const fn of manifest.functions) {
        const policy = functionAsyncInvokePolicy(fn);
        if (!policy) continue;
        const target = lambdaTarget(functions.get(`${manifest.name}/${fn.name}`), {
          policy,
          deadLetters,
          log,
          backoff: bus.backoffOptions,
          signal: asyncRetries.signal,
        });
        for (const subscription of fn.subscriptions ?? []) {
          try {
            bus.addRule({
              name: `${manifest.name}-${subscription.name}`,
              pattern: subscription.pattern,
              retry: subscription.retry,
              target,
            });
          } catch (error) {
            // PutRule would refuse it at deploy time; refuse it at start, naming the subscription.
            throw new LocalRuntimeError(
              `Subscription ${manifest.name}/${fn.name} "${subscription.name}" is invalid: ${errorMessage(error)}`,
            );
          }
        }
        for (const schedule of fn.schedules ?? []) {
          scheduled.push({
            name: `${manifest.name}-${schedule.name}`,
            scheduleName: schedule.name,
            expression: schedule.localExpression ?? schedule.expression,
            target,
          });
        }
      }
    }
    log.info(`▸ event bus ${eventBusName}: ${bus.rules().length} rule(s), PutEvents on ${putEventsApi.endpoint}`);

    const pollers: StreamPoller[] = [];
    for (const manifest of options.services) {
      const publisher = manifest.functions.find((fn) => fn.consumesTableStream);
      if (!publisher) continue;
      const tableName = tableNames[manifest.name] ?? '';
      const fn = functions.get(`${manifest.name}/${publisher.name}`);
      const poller = new StreamPoller({
        name: `${manifest.name} stream`,
        tableName,
        dynamo: dynamoClient,
        streams: streamsClient,
        invoke: (event) => fn.invoke(event),
        targetArn: fn.spec.functionArn,
        filter: OUTBOX_STREAM_FILTER,
        batchSize: OUTBOX_STREAM_RETRY.batchSize,
        maximumRetryAttempts: OUTBOX_STREAM_RETRY.maximumRetryAttempts,
        bisectBatchOnError: OUTBOX_STREAM_RETRY.bisectBatchOnError,
        awsRegion,
        checkpoints: new CheckpointStore(inData(join('stream-checkpoints', `${tableName}.json`))),
        deadLetters,
        log,
        ...(options.streamPollIntervalMs ? { pollIntervalMs: options.streamPollIntervalMs } : {}),
        ...(options.retryBaseDelayMs === undefined ? {} : { backoff: { baseDelayMs: options.retryBaseDelayMs } }),
      });
      pollers.push(poller);
      cleanup.push(() => poller.stop());
      poller.start();
      log.info(`▸ stream ${tableName} → ${manifest.name}/${publisher.name}`);
    }

    let scheduler: Scheduler;
    try {
      scheduler = new Scheduler(scheduled, bus, awsRegion, log);
    } catch (error) {
      throw new LocalRuntimeError(`A schedule is invalid: ${errorMessage(error)}`);
    }
    cleanup.push(() => scheduler.stop());
    scheduler.start();
    if (scheduled.length > 0)
      log.info(`▸ schedules: ${scheduled.map((spec) => `${spec.name} ${spec.expression}`).join(', ')}`);

    const issuer = await createJwtIssuer({
      issuer: `${url}/local`,
      ...(dataDir ? { keyFile: join(dataDir, 'jwt-signing-key.json') } : {}),
    });
    const users = devUsersFor(region);
    const tokenFor = async (username: string) => {
      const user = users.find((candidate) => candidate.username === username);
      if (!user) throw new Error(`no dev user named ${username}`);
      return issuer.issue(user);
    };

    const health = async () => {
      let dynamoStatus: 'up' | 'down' = 'up';
      try {
        await dynamoClient.send(new ListTablesCommand({ Limit: 1 }));
      } catch {
        dynamoStatus = 'down';
      }
      const streams: StreamPollerStats[] = pollers.map((poller) => poller.stats());
      const healthy = dynamoStatus === 'up' && streams.every((stream) => stream.lastError === undefined);
      return {
        healthy,
        report: {
          status: healthy ? 'ok' : 'degraded',
          region: region.id,
          dynamodb: { status: dynamoStatus, endpoint: dynamoEndpoint, tables: Object.values(tableNames) },
          eventBridge: { status: 'up', endpoint: putEventsApi.endpoint, bus: eventBusName, rules: bus.rules().length },
          functions: functions.stats(),
          streams,
          schedules: scheduler.list(),
          deadLetters: bus.deadLetters().length,
        },
      };
    };

    const routes = new RouteTable(routeBindings(options.services));
    for (const binding of routes.bindings()) {
      if (binding.path === '/health' || binding.path.startsWith('/local/')) {
        log.warn(`route ${binding.method} ${binding.path} is shadowed by the local-only routes`);
      }
    }
    server.off('request', starting);
    server.on(
      'request',
      createHttpApiHandler({
        routes,
        invoke: (functionId, event) => functions.invoke(functionId, event),
        issuer,
        localRoutes: localRoutes({ users, issuer, bus, scheduler, health }),
        accountId: LOCAL_ACCOUNT_ID,
        apiId: 'local',
        log,
        ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
        ...(options.integrationTimeoutMs ? { integrationTimeoutMs: options.integrationTimeoutMs } : {}),
      }),
    );
    log.info(`▸ HTTP API: ${routes.bindings().length} route(s) on ${url}`);

    // Runs first on stop: no new requests or invocations, and running ones end now rather than at their
    // timeout, so the pollers and the bus wind down at once.
    cleanup.push(async () => {
      scheduler.stop();
      asyncRetries.abort();
      await Promise.all([closeServer(server), functions.stop()]);
    });

    let stopping: Promise<void> | undefined;
    const platform: LocalPlatform = {
      url,
      region,
      dynamoEndpoint,
      eventBridgeEndpoint: putEventsApi.endpoint,
      eventBusName,
      tableNames,
      dataDir,
      bus,
      users,
      tokenFor,
      invoke: (functionId, event) => functions.invoke(functionId, event),
      runSchedule: async (name) => {
        await scheduler.run(name).delivery;
      },
      schedules: () => scheduler.list(),
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };

    if (options.seed && isNewDataDir) {
      log.info('▸ seeding…');
      try {
        await options.seed({ url, region, tokenFor });
        if (dataDir) writeFileSync(join(dataDir, 'seeded'), `${new Date().toISOString()}\n`);
      } catch (error) {
        // The platform stays up (the developer can fix the seed or the handlers and restart); no marker is written.
        log.error(`seed failed: ${errorMessage(error)}`);
      }
    }
    if (dynamo) log.debug(`DynamoDB Local pid ${dynamo.pid}`);
    return platform;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
