import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  contractOf,
  type EventContext,
  type EventContract,
  problemSchema,
  type RouteContract,
} from '@inovda/contracts';
import { monotonicUlids } from '@inovda/kernel';
import { forgetRegionSettings } from '@inovda/lambda-kit';
import {
  bridgeEvent,
  DEV_CALLERS,
  type DevCaller,
  httpEvent,
  lambdaContext,
  sqsBatch,
  type TestResponse,
} from '@inovda/lambda-kit/testing';
import {
  ENV,
  type FunctionSpec,
  functionEnvironment,
  functionRegionSettings,
  type RouteSpec,
  routesOf,
  type ServiceManifest,
} from '@inovda/manifest';
import type * as z from 'zod/mini';
import { localUserPoolId } from '../cognito/user-directory-api';
import { testEventPattern } from '../event-pattern';
import { startTestTable } from './test-table';
import { startConflictingEndpoint } from './transaction-conflicts';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/** A request to a route as a test writes it: path parameters, body (sent as JSON), headers, query. */
export interface RouteRequest {
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** A body sent as is (with its own content-type header), instead of `body` as JSON. */
  readonly rawBody?: string;
}

/** Options of {@link startServiceHarness}. */
export interface ServiceHarnessOptions {
  /** The region's settings (the region config's entries the functions name), as the stack would pass them. */
  readonly regionSettings: Readonly<Record<string, unknown>>;
  readonly regionId?: string;
  /**
   * The handlers reach DynamoDB Local through an endpoint that cancels overlapping transactions with
   * `TransactionConflict`, as DynamoDB does (DynamoDB Local never does; see `startConflictingEndpoint`).
   */
  readonly transactionConflicts?: boolean;
  /**
   * The user pool id given to functions with a `user-directory` grant (default: the local platform's pool id for
   * the region); the test points `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` at a directory serving it.
   */
  readonly userPoolId?: string;
}

/** The variables the Lambda runtime and the local SDK endpoints add to what `functionEnvironment` computes. */
function runtimeEnvironment(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

/** A consumer reported the record it was given failed (`batchItemFailures`): the event was not applied. */
export class ConsumerRecordFailed extends Error {
  constructor(consumer: string, detailType: string) {
    super(`${consumer} reported the ${detailType} record failed (its log says why)`);
    this.name = 'ConsumerRecordFailed';
  }
}

/** A response that breaks its route's contract: the test fails, whatever it was asserting. */
export class ContractViolation extends Error {
  constructor(route: RouteSpec, status: number, why: string) {
    super(`${route.method} ${route.path} answered ${status}, which breaks its contract: ${why}`);
    this.name = 'ContractViolation';
  }
}

function issuesOf(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 10)
    .map(
      (issue) =>
        `/${issue.path.map(String).join('/')}: ${issue.code}${'message' in issue ? ` (${issue.message})` : ''}`,
    )
    .join('; ');
}

/**
 * Holds a response to the route's contract (@inovda/contracts): a problem must be one of the statuses the route
 * declares and have the problem shape; a success must be a status the route declares, with its body schema and its
 * headers. Every service test then proves the contracts (and the OpenAPI document made of them) true.
 */
export function checkAgainstContract(route: RouteSpec, response: TestResponse, rawBody: string | undefined): void {
  const contract = contractOf(route);
  if (!contract) {
    throw new ContractViolation(route, response.status, 'the route has no contract (responses and problems)');
  }
  const { status, headers, body } = response;
  const contentType = headers['content-type'] ?? '';
  if (contentType.startsWith('application/problem+json')) {
    if (!contract.problems.includes(status as RouteContract['problems'][number])) {
      throw new ContractViolation(route, status, `a problem (${String(body.code)}) with an undeclared status`);
    }
    const parsed = problemSchema.safeParse(body);
    if (!parsed.success) throw new ContractViolation(route, status, `not a problem: ${issuesOf(parsed.error)}`);
    if (parsed.data.status !== status) {
      throw new ContractViolation(route, status, `the problem says status ${parsed.data.status}`);
    }
    return;
  }
  const declared = contract.responses[status as 200 | 201];
  if (!declared) throw new ContractViolation(route, status, `an undeclared status (body ${rawBody ?? 'none'})`);
  const declaredType = declared.contentType ?? 'application/json';
  if (!contentType.startsWith(declaredType)) {
    throw new ContractViolation(route, status, `content-type ${contentType || 'none'}, not ${declaredType}`);
  }
  const parsed = declared.body.safeParse(declaredType === 'application/json' ? body : rawBody);
  if (!parsed.success) throw new ContractViolation(route, status, `the body does not match: ${issuesOf(parsed.error)}`);
  const missing = (declared.headers ?? []).filter((header) => headers[header] === undefined);
  if (missing.length > 0) throw new ContractViolation(route, status, `headers missing: ${missing.join(', ')}`);
}

/**
 * Runs a service's handlers in-process against a fresh table in the DynamoDB Local the global setup started. Each
 * handler is loaded from the manifest with the environment the stack itself computes for that function
 * (`functionEnvironment`, and its own region settings file holding exactly the settings it names), one function
 * at a time, because handlers read their environment at cold start. Vitest runs each test file in its own
 * process, so files never share the environment or the table.
 */
export async function startServiceHarness(manifest: ServiceManifest, options: ServiceHarnessOptions) {
  const table = await startTestTable(manifest);
  const conflicting = options.transactionConflicts ? await startConflictingEndpoint(table.endpoint) : undefined;
  const endpoint = conflicting?.endpoint ?? table.endpoint;
  const settingsDir = mkdtempSync(join(tmpdir(), `inovda-${manifest.name}-settings-`));
  const regionId = options.regionId ?? 'kota-solok';
  const handlers = new Map<string, Handler>();
  const setByUs = new Set<string>();

  for (const fn of manifest.functions as readonly FunctionSpec[]) {
    const settings = functionRegionSettings(manifest, fn, options.regionSettings);
    const regionSettingsFile = join(settingsDir, `${fn.name}.json`);
    if (settings) writeFileSync(regionSettingsFile, JSON.stringify(settings));
    const env = {
      ...runtimeEnvironment(endpoint),
      ...functionEnvironment({
        manifest,
        fn,
        tableName: table.tableName,
        eventBusName: `inovda-${regionId}`,
        regionId,
        regionSettingsFile,
        userPoolId: options.userPoolId ?? localUserPoolId('ap-southeast-3', regionId),
      }),
    };
    // Only this function's variables: what the previous function had and this one lacks must not leak into it.
    for (const name of setByUs) if (!(name in env)) delete process.env[name];
    Object.assign(process.env, env);
    for (const name of Object.keys(env)) setByUs.add(name);
    forgetRegionSettings();
    const module = (await import(resolve(manifest.root, fn.entry))) as { handler: Handler };
    handlers.set(fn.name, module.handler);
  }

  const routes = routesOf(manifest);

  function handlerOf(name: string): Handler {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`${manifest.name} has no function ${name}`);
    return handler;
  }

  /**
   * Calls `route` as `who` (null: no authorizer claims), as HTTP API would, through the function serving it. The
   * response is held to the route's contract: one that breaks it throws {@link ContractViolation}.
   */
  async function route(route: RouteSpec, who: DevCaller | null, request: RouteRequest = {}): Promise<TestResponse> {
    const served = routes.find(
      (candidate) => candidate.route.method === route.method && candidate.route.path === route.path,
    );
    if (!served) throw new Error(`${manifest.name} serves no route ${route.method} ${route.path}`);
    const params = request.params ?? {};
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
    const json = request.body !== undefined && request.rawBody === undefined;
    const raw = (await handlerOf(served.fn.name)(
      httpEvent({
        method: route.method,
        path,
        routePath: route.path,
        ...(Object.keys(params).length > 0 ? { pathParameters: { ...params } } : {}),
        headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...request.headers },
        ...(request.rawBody !== undefined
          ? { body: request.rawBody }
          : json
            ? { body: JSON.stringify(request.body) }
            : {}),
        ...(request.query ? { query: { ...request.query } } : {}),
        claims: who === null ? null : DEV_CALLERS[who],
      }),
      lambdaContext(served.fn.name),
    )) as { statusCode: number; headers?: Record<string, string>; body?: string };
    const contentType = raw.headers?.['content-type'] ?? '';
    const response: TestResponse = {
      status: raw.statusCode,
      headers: raw.headers ?? {},
      body: raw.body && contentType.includes('json') ? JSON.parse(raw.body) : {},
      ...(raw.body === undefined ? {} : { text: raw.body }),
    };
    checkAgainstContract(served.route, response, raw.body);
    return response;
  }

  /**
   * Delivers an event to the consumer function `name` as it arrives in AWS: the EventBridge event a rule put into
   * the function's queue, in a batch of one SQS record. Throws {@link ConsumerRecordFailed} when the function reports
   * the record failed (SQS would then retry it, and finally set it aside in the consumer's DLQ).
   */
  async function consume(name: string, event: { source: string; detailType: string; detail: unknown }, id?: string) {
    const batch = sqsBatch([bridgeEvent({ ...event, ...(id ? { id } : {}) })]);
    const response = (await handlerOf(name)(batch, lambdaContext(name))) as {
      batchItemFailures?: Array<{ itemIdentifier: string }>;
    };
    if ((response?.batchItemFailures ?? []).length > 0) throw new ConsumerRecordFailed(name, event.detailType);
  }

  /**
   * Builds an event from its contract (as its producer would: a fresh event id, now, this region, an OPD user as
   * the actor unless `context` says otherwise), delivers it to the consumer `name` and returns it, so a test can
   * deliver it again (at-least-once delivery) with {@link consume}.
   */
  const nextEventId = monotonicUlids();

  function build<C extends EventContract<string, never>>(
    contract: C,
    data: Parameters<C['create']>[0],
    context: Partial<EventContext>,
  ) {
    return contract.create(data, {
      eventId: nextEventId(),
      occurredAt: new Date().toISOString(),
      regionId,
      correlationId: `corr-${crypto.randomUUID()}`,
      actor: { sub: 'sub-dinkes', username: 'opd.dinkes', role: 'opd', opdId: 'dinkes' },
      ...context,
    });
  }

  async function deliver<C extends EventContract<string, never>>(
    name: string,
    contract: C,
    data: Parameters<C['create']>[0],
    context: Partial<EventContext> = {},
  ) {
    const event = build(contract, data, context);
    await consume(name, event);
    return event;
  }

  /**
   * The consumer functions of this service with a subscription whose pattern matches the event (the local bus's
   * matcher, EventBridge's semantics), as the region's rules would route it.
   */
  function subscribersOf(event: { source: string; detailType: string; detail: unknown }): string[] {
    const bridged = bridgeEvent(event);
    return (manifest.functions as readonly FunctionSpec[])
      .filter((fn) => (fn.subscriptions ?? []).some(({ pattern }) => testEventPattern(bridged, pattern)))
      .map((fn) => fn.name);
  }

  /**
   * Builds an event as {@link deliver} does and hands it to every function of this service subscribed to it (none
   * is an error: a test publishing an event nobody takes is mistaken). Returns the event, to deliver it again.
   */
  async function publish<C extends EventContract<string, never>>(
    contract: C,
    data: Parameters<C['create']>[0],
    context: Partial<EventContext> = {},
  ) {
    const event = build(contract, data, context);
    await republish(event);
    return event;
  }

  /** Hands a published event again to every function subscribed to it (at-least-once delivery). */
  async function republish(event: { source: string; detailType: string; detail: unknown }) {
    const names = subscribersOf(event);
    if (names.length === 0) throw new Error(`no function of ${manifest.name} subscribes to ${event.detailType}`);
    for (const name of names) await consume(name, event);
  }

  /** Runs the scheduled function `name` once, as its EventBridge schedule would. */
  async function tick(name: string, id: string = crypto.randomUUID()) {
    await handlerOf(name)(
      {
        version: '0',
        id,
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'ap-southeast-3',
        resources: [],
        detail: {},
      },
      lambdaContext(name),
    );
  }

  return {
    tableName: table.tableName,
    client: table.client,
    regionId,
    route,
    consume,
    deliver,
    publish,
    republish,
    tick,
    /** Every item in the table: test-only (request paths never scan). */
    items: table.items,
    /** How many transactions of the handlers were cancelled for a conflict (with `transactionConflicts`). */
    conflicts: (): number => conflicting?.conflicts() ?? 0,
    /** Cancels the handlers' next `count` transactions for a conflict (with `transactionConflicts`). */
    conflictNext(count: number): void {
      if (!conflicting) throw new Error('conflictNext needs the harness option transactionConflicts');
      conflicting.conflictNext(count);
    },
    async stop(): Promise<void> {
      await conflicting?.stop();
      for (const name of setByUs) delete process.env[name];
      delete process.env[ENV.regionSettingsFile];
      rmSync(settingsDir, { recursive: true, force: true });
      await table.stop();
    },
  };
}

export type ServiceHarness = Awaited<ReturnType<typeof startServiceHarness>>;
