import { eventArchiveNameFor, webAppConfig } from '@inovda/manifest';
import { startWebAppServer } from '../cloudfront/web-app-server';
import { startFunctionDynamoEndpoint } from '../dynamodb/function-endpoint';
import { LocalRuntimeError } from '../errors';
import type { LocalEventBus } from '../eventbridge/bus';
import { localReplays } from '../eventbridge/local-replays';
import { FaultSwitchboard } from '../faults/switchboard';
import { closeServer } from '../http-io';
import { awsRegionOf } from '../local-region';
import { consoleLogger } from '../log';
import { eventBusNameFor } from '../naming';
import { startFunctionSesEndpoint } from '../ses/function-endpoint';
import { openApiServer, resolvePort } from './api-server';
import { addSubscriptionRules, startConsumerQueues } from './consumer-queues';
import { openDataDir } from './data-dir';
import { connectDynamoDb, ensureServiceTables } from './dynamodb';
import { startEventBus } from './event-bus';
import { asyncInvokedFunctions, scheduledRules } from './function-rules';
import { startFunctions } from './functions';
import { serveGateway } from './gateway';
import { healthCheck } from './health';
import { createIdentities, startUserDirectory } from './identities';
import type { LocalPlatform } from './local-platform';
import type { StartLocalPlatformOptions } from './options';
import { writeFunctionRegionSettings } from './region-settings';
import { startSchedules } from './schedules';
import { startSecretsManager } from './secrets-manager';
import { type DemoData, seedIfNew } from './seed';
import { connectSes } from './ses';
import { StopOrder } from './stop-order';
import { startStreamPollers } from './stream-pollers';

/** The web app's port: the option, else env WEB_PORT, else 3001. */
function resolveWebPort(port: number | undefined): number {
  if (port !== undefined) return port;
  const fromEnv = process.env.WEB_PORT;
  if (fromEnv === undefined || fromEnv === '') return 3001;
  const parsed = Number(fromEnv);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new LocalRuntimeError(`WEB_PORT=${fromEnv} is not a port number.`);
  }
  return parsed;
}

/**
 * Starts the whole platform on this machine, with no AWS account: DynamoDB Local with the manifests' tables, an
 * SES v2 emulator, the local EventBridge (PutEvents endpoint, rules, retries, dead letters), stream pollers,
 * schedules, every function in its own process (started on first call), dev identities and the HTTP API. Handlers
 * run unchanged; only SDK endpoints and credentials differ, through the standard environment variables.
 */
export async function startLocalPlatform(options: StartLocalPlatformOptions): Promise<LocalPlatform> {
  const log = options.log ?? consoleLogger;
  const { region, services } = options;
  const awsRegion = awsRegionOf(region);
  const stops = new StopOrder(log);
  try {
    log.info(`inovda local · ${region.displayName} (${region.id})`);
    const dataDir = openDataDir(options);
    // Before anything starts: a setting the region lacks fails the start at once, as it fails synth.
    const regionSettingsFiles = writeFunctionRegionSettings(services, region, dataDir, stops);
    const api = await openApiServer(resolvePort(options.port), stops);
    // The dev users: their sign-in (tokens) and, before the functions, the user pool's directory they are listed in.
    const identities = await createIdentities(api.url, region, dataDir);
    const userDirectory = await startUserDirectory(identities.users, awsRegion, region.id, log, stops);
    const dynamoDb = await connectDynamoDb(options.dynamoEndpoint, dataDir, awsRegion, log, stops);
    // Before the functions: those with a `send-email` grant are given its endpoint.
    const ses = await connectSes(options.sesEndpoint, log, stops);
    const tableNames = await ensureServiceTables(
      services,
      dynamoDb,
      { tablePrefix: options.tablePrefix ?? '', regionId: region.id, inMemory: dataDir.inMemory },
      log,
      stops,
    );
    const eventBusName = eventBusNameFor(region.id);
    // Every fault starts off; tests (and `/local/faults`) turn them on.
    const faults = new FaultSwitchboard();
    const functionDynamoDb =
      options.dynamoDbFaults === false
        ? undefined
        : await startFunctionDynamoEndpoint({
            upstream: dynamoDb.endpoint,
            serviceOfTable: Object.fromEntries(Object.entries(tableNames).map(([service, table]) => [table, service])),
            faults,
            log,
          });
    if (functionDynamoDb) stops.add(() => functionDynamoDb.stop());
    const { bus, replays, putEventsApi, deadLetters } = await startEventBus(
      {
        name: eventBusName,
        archiveName: eventArchiveNameFor(region.id),
        awsRegion,
        dataDir,
        retryBaseDelayMs: options.retryBaseDelayMs,
        log,
        faults,
      },
      stops,
    );
    const secretsManager = await startSecretsManager(options.endpoints, awsRegion, dataDir, log, stops);
    // The functions send e-mail through a pass-through of the emulator, where the `ses-throttled` fault acts.
    const functionSes = ses ? await startFunctionSesEndpoint({ upstream: ses.endpoint, faults, log }) : undefined;
    if (functionSes) stops.add(() => functionSes.stop());
    const functions = startFunctions(
      {
        region,
        services,
        tableNames,
        eventBusName,
        dynamoEndpoint: functionDynamoDb?.endpoint ?? dynamoDb.endpoint,
        eventBridgeEndpoint: putEventsApi.endpoint,
        regionSettingsFiles,
        log,
        faults,
        endpoints: {
          ...options.endpoints,
          ...(functionSes ? { sesv2: functionSes.endpoint } : {}),
          secretsManager: secretsManager.endpoint,
          cognitoIdentityProvider: userDirectory.endpoint,
        },
        userPoolId: userDirectory.userPoolId,
        ...(options.functionLogLevel ? { functionLogLevel: options.functionLogLevel } : {}),
        ...(options.outboxSweepGraceSeconds === undefined
          ? {}
          : { outboxSweepGraceSeconds: options.outboxSweepGraceSeconds }),
      },
      stops,
    );

    // Lambda's own retries of asynchronous invocations: given up (not dead-lettered) when the runtime stops.
    const asyncRetries = new AbortController();
    const invoked = asyncInvokedFunctions(services, functions, {
      deadLetters,
      log,
      backoff: bus.backoffOptions,
      signal: asyncRetries.signal,
    });
    // Subscriptions deliver into each consumer's queue, which feeds the consumer (retries, then its DLQ).
    const queues = startConsumerQueues(
      {
        services,
        functions,
        regionId: region.id,
        awsRegion,
        dataDir,
        log,
        faults,
        ...(options.consumerQueues ? { overrides: options.consumerQueues } : {}),
      },
      stops,
    );
    addSubscriptionRules(bus, queues.consumers);
    log.info(`▸ event bus ${eventBusName}: ${bus.rules().length} rule(s), PutEvents on ${putEventsApi.endpoint}`);
    log.info(`▸ consumer queues: ${queues.consumers.length}, each with its dead-letter queue (GET /local/queues)`);
    // Idle means nothing left to do anywhere events go: no delivery in flight on the bus, no message in a queue.
    const platformBus: LocalEventBus = {
      name: bus.name,
      arn: bus.arn,
      subscribe: (...args) => bus.subscribe(...args),
      putEvents: (entries) => bus.putEvents(entries),
      deadLetters: () => bus.deadLetters(),
      archived: () => bus.archived(),
      rules: () => bus.rules(),
      whenIdle: async () => {
        do {
          await bus.whenIdle();
          await queues.whenIdle();
          await new Promise((resolve) => setImmediate(resolve));
        } while (!bus.isIdle() || !queues.consumers.every((consumer) => consumer.mapping.isIdle()));
      },
    };
    const busReplays = localReplays(replays, bus);
    const pollers = startStreamPollers(
      {
        services,
        tableNames,
        functions,
        dynamoDb,
        dataDir,
        deadLetters,
        awsRegion,
        log,
        pollIntervalMs: options.streamPollIntervalMs,
        retryBaseDelayMs: options.retryBaseDelayMs,
        faults,
      },
      stops,
    );
    const rules = scheduledRules(invoked);
    const scheduler = startSchedules(rules, bus, awsRegion, log, stops);
    // What a schedule prepares for requests and events is there before the first (and before the seed): the dev
    // users are known to the notifications from the start, not from its first run a minute later.
    for (const rule of rules.filter((candidate) => candidate.atStart)) {
      const outcome = await scheduler.run(rule.name).delivery;
      if (!outcome.ok) log.warn(`schedule ${rule.name} failed at start: ${outcome.errorMessage}`);
    }

    let demoData: DemoData = 'loading';
    const health = healthCheck({
      regionId: region.id,
      dynamoDb,
      ses,
      tableNames,
      bus,
      eventBridgeEndpoint: putEventsApi.endpoint,
      secretsManager,
      functions,
      pollers,
      scheduler,
      demoData: () => demoData,
    });
    serveGateway(api, {
      services,
      functions,
      localRoutes: {
        users: identities.users,
        issuer: identities.issuer,
        bus: platformBus,
        replays: busReplays,
        queues,
        scheduler,
        health,
        faults,
        ...(options.openApi ? { openApi: options.openApi } : {}),
      },
      allowedOrigins: options.allowedOrigins,
      integrationTimeoutMs: options.integrationTimeoutMs,
      callerLimit: options.callerLimit,
      log,
    });

    // Runs first on stop: no new requests or invocations, and running ones end now rather than at their
    // timeout, so the pollers and the bus wind down at once.
    stops.add(async () => {
      scheduler.stop();
      asyncRetries.abort();
      await Promise.all([closeServer(api.server), functions.stop()]);
    });

    // The web app on its own origin, as CloudFront serves it apart from API Gateway (localhost origins pass CORS).
    const web = options.webApp
      ? await startWebAppServer({
          distDir: options.webApp.distDir,
          port: resolveWebPort(options.webApp.port),
          config: webAppConfig({ apiUrl: api.url, region, auth: { kind: 'local' } }),
        })
      : undefined;
    if (web) {
      stops.add(() => web.stop());
      log.info(`▸ web app on ${web.url}`);
    }

    const platform: LocalPlatform = {
      url: api.url,
      ...(web ? { webUrl: web.url } : {}),
      region,
      dynamoEndpoint: dynamoDb.endpoint,
      eventBridgeEndpoint: putEventsApi.endpoint,
      sesEndpoint: ses?.endpoint,
      mailbox: ses?.mailbox,
      secretsManagerEndpoint: secretsManager.endpoint,
      eventBusName,
      tableNames,
      dataDir: dataDir.path,
      bus: platformBus,
      queues,
      faults,
      users: identities.users,
      tokenFor: identities.tokenFor,
      invoke: (functionId, event) => functions.invoke(functionId, event),
      runSchedule: async (name) => {
        await scheduler.run(name).delivery;
      },
      schedules: () => scheduler.list(),
      replay: async ({ name, ...window }) => {
        busReplays.start({ name, ...window });
        await busReplays.whenEnded(name);
        await platformBus.whenIdle();
        return busReplays.describe(name);
      },
      stop: () => stops.stop(),
    };
    demoData = await seedIfNew(options.seed, { url: api.url, region, tokenFor: identities.tokenFor }, dataDir, log);
    if (dynamoDb.started) log.debug(`DynamoDB Local pid ${dynamoDb.started.pid}`);
    if (ses?.started) log.debug(`SES v2 emulator pid ${ses.started.pid}`);
    return platform;
  } catch (error) {
    await stops.stop();
    throw error;
  }
}
