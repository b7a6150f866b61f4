import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type FunctionSpec,
  functionEnvironment,
  functionRegionSettings,
  REGION_SETTINGS_FILE_NAME,
  type RouteSpec,
  type ServiceManifest,
} from '@inovda/manifest';
import { ulid } from 'ulid';
import { defaultLocalRegion } from '../../infra/regions';
import { installDynamoProbe, type RecordedCall, recordCalls, timeInCalls } from './dynamo-probe';
import { BENCH_DIR } from './paths';
import { type Summary, summarize } from './stats';

/** Where the handlers imported into this process find DynamoDB: the platform's DynamoDB Local and its tables. */
export interface InProcessTarget {
  readonly dynamoEndpoint: string;
  readonly awsRegion: string;
  /** Table name per service, as the platform created them. */
  readonly tableNames: Readonly<Record<string, string>>;
}

/** A handler as the Lambda runtime calls it. */
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** One DynamoDB operation of a route, as recorded, in the shape the report prints. */
export interface OperationSummary {
  readonly command: string;
  /** `TransactWriteItems` of 4 `Put`s → `4 items`; a Query's index and limit; a Get's key attributes. */
  readonly detail: string;
}

/** A handler's own warm cost in process, beyond the DynamoDB calls it makes. */
export interface HandlerOverhead {
  readonly invocations: number;
  /** Whole invocation, from calling the handler to its promise settling. */
  readonly totalMs: Summary;
  /** Time waiting on DynamoDB (the union of the calls' spans, SDK included). */
  readonly dynamoMs: Summary;
  /** Total minus DynamoDB, per invocation: routing, validation, auth, mapping, logging, response. */
  readonly overheadMs: Summary;
  /** The DynamoDB operations of one invocation: what the latency baseline replays. */
  readonly operations: readonly OperationSummary[];
}

/**
 * The environment the stack would give the function (`functionEnvironment()`, the platform's table), its region
 * settings file, and the SDK pointed at DynamoDB Local. Set in this process before the handler's module is first
 * imported: handlers read it at module scope, once, as at a cold start.
 */
async function setHandlerEnvironment(manifest: ServiceManifest, fn: FunctionSpec, target: InProcessTarget) {
  const folder = path.join(BENCH_DIR, 'in-process', manifest.name, fn.name);
  await mkdir(folder, { recursive: true });
  const regionSettingsFile = path.join(folder, REGION_SETTINGS_FILE_NAME);
  const settings = functionRegionSettings(manifest, fn, defaultLocalRegion as unknown as Record<string, unknown>);
  if (settings !== undefined) await writeFile(regionSettingsFile, JSON.stringify(settings));
  const tableName = target.tableNames[manifest.name];
  if (tableName === undefined) throw new Error(`the platform has no table for ${manifest.name}`);
  Object.assign(process.env, {
    ...functionEnvironment({
      manifest,
      fn,
      tableName,
      eventBusName: 'bench-bus',
      regionId: defaultLocalRegion.id,
      regionSettingsFile,
    }),
    AWS_REGION: target.awsRegion,
    AWS_ENDPOINT_URL_DYNAMODB: target.dynamoEndpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
}

/** Imports a function's handler from source into this process, with its environment (see above). */
export async function importHandler(
  manifest: ServiceManifest,
  fn: FunctionSpec,
  target: InProcessTarget,
): Promise<Handler> {
  installDynamoProbe();
  await setHandlerEnvironment(manifest, fn, target);
  const module: { handler?: unknown } = await import(pathToFileURL(path.join(manifest.root, fn.entry)).href);
  if (typeof module.handler !== 'function') throw new Error(`${manifest.name}/${fn.name} exports no handler`);
  return module.handler as Handler;
}

/** Claims of a JWT as HTTP API hands them to Lambda: strings, arrays in their bracketed string form. */
export function httpApiClaims(token: string): Record<string, string> {
  const payload: Record<string, unknown> = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

/** A request to a route, as the bench sends it over HTTP and in process. */
export interface RouteRequest {
  /** `/innovations/01J…`: the route's path with its parameters filled in. */
  readonly path: string;
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The payload-2.0 event HTTP API sends for `request` on `route`, with the caller's claims. */
export function routeEvent(route: RouteSpec, request: RouteRequest, claims: Record<string, string>): unknown {
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: '',
    headers: { host: 'localhost', ...request.headers },
    ...(request.pathParameters ? { pathParameters: { ...request.pathParameters } } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  };
}

function lambdaContext(functionName: string) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${defaultLocalRegion.aws.region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function statusOf(response: unknown): number | undefined {
  return typeof response === 'object' && response !== null && 'statusCode' in response
    ? Number(response.statusCode)
    : undefined;
}

/** What a recorded command did, in a few words. */
function operationOf(call: RecordedCall): OperationSummary {
  const input = (call.input ?? {}) as Record<string, unknown>;
  const name = call.command.replace(/Command$/, '');
  if (Array.isArray(input.TransactItems)) {
    const kinds = input.TransactItems.map((item: object) => Object.keys(item)[0] ?? '?');
    const counts = [...new Set(kinds)].map((kind) => `${kinds.filter((k) => k === kind).length} ${kind}`);
    return { command: name, detail: `${input.TransactItems.length} items (${counts.join(', ')})` };
  }
  if (name.startsWith('Query')) {
    const index = typeof input.IndexName === 'string' ? input.IndexName : 'table';
    const limit = typeof input.Limit === 'number' ? `, limit ${input.Limit}` : '';
    return { command: name, detail: `${index}${limit}` };
  }
  const key = input.Key && typeof input.Key === 'object' ? Object.keys(input.Key).join('+') : '';
  return { command: name, detail: key === '' ? '' : `key ${key}` };
}

/**
 * Invokes a handler in this process `invocations` times, one after another, after `warmUp` unrecorded ones, and
 * splits each invocation's time into DynamoDB (the calls' spans, SDK included) and the handler's own work.
 * `request(i)` gives the i-th request; every response must have `expectedStatus`.
 */
export async function measureHandler(options: {
  readonly id: string;
  readonly handler: Handler;
  readonly route: RouteSpec;
  readonly claims: Record<string, string>;
  readonly request: (sequence: number) => RouteRequest;
  readonly expectedStatus: number;
  readonly warmUp: number;
  readonly invocations: number;
}): Promise<HandlerOverhead & { readonly calls: readonly RecordedCall[] }> {
  const totals: number[] = [];
  const dynamo: number[] = [];
  const overheads: number[] = [];
  let lastCalls: RecordedCall[] = [];
  for (let sequence = 0; sequence < options.warmUp + options.invocations; sequence++) {
    const event = routeEvent(options.route, options.request(sequence), options.claims);
    const context = lambdaContext(options.id.replace('/', '-'));
    const started = performance.now();
    const { result, calls } = await recordCalls(() => options.handler(event, context));
    const total = performance.now() - started;
    const status = statusOf(result);
    if (status !== options.expectedStatus) {
      throw new Error(`${options.id} answered ${String(status)} in process, not ${options.expectedStatus}`);
    }
    if (sequence < options.warmUp) continue;
    const inDynamo = timeInCalls(calls);
    totals.push(total);
    dynamo.push(inDynamo);
    overheads.push(total - inDynamo);
    lastCalls = calls;
  }
  return {
    invocations: options.invocations,
    totalMs: summarize(totals),
    dynamoMs: summarize(dynamo),
    overheadMs: summarize(overheads),
    operations: lastCalls.map(operationOf),
    calls: lastCalls,
  };
}

const ULID = /[0-9A-HJKMNP-TV-Z]{26}/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** `value` with every ULID and UUID in its strings replaced, the same one by the same new one throughout. */
function withFreshIds(value: unknown, fresh: Map<string, string>): unknown {
  if (typeof value === 'string') {
    return value
      .replace(ULID, (id) => fresh.get(id) ?? fresh.set(id, ulid()).get(id) ?? id)
      .replace(UUID, (id) => fresh.get(id) ?? fresh.set(id, randomUUID()).get(id) ?? id);
  }
  if (Array.isArray(value)) return value.map((item) => withFreshIds(item, fresh));
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withFreshIds(item, fresh)]));
}

/**
 * A recorded input as replayed: the rows a write creates (a Put, or the Puts of a transaction) get fresh ids, so
 * their conditions (`attribute_not_exists`) pass as the handler's did instead of failing on the rows the previous
 * replay wrote; what a write checks or updates in place (a ConditionCheck on the cycle, an Update of counters) keeps
 * its ids, since it must find the very rows the handler found.
 */
function replayInput(command: string, input: unknown, fresh: Map<string, string>): unknown {
  if (/^(Put|BatchWrite)/.test(command)) return withFreshIds(input, fresh);
  if (/^TransactWrite/.test(command)) {
    const { TransactItems = [], ...rest } = input as { TransactItems?: Array<Record<string, unknown>> };
    return {
      ...structuredClone(rest),
      TransactItems: TransactItems.map((item) => ('Put' in item ? withFreshIds(item, fresh) : structuredClone(item))),
    };
  }
  return structuredClone(input);
}

/**
 * Sends the recorded calls again: the very commands (class and input) the handler made, through a document client
 * configured as `@inovda/dynamo`'s, in the same order, calls the handler overlapped sent together. The rows a write
 * creates get fresh ids on each replay (see `replayInput`).
 */
export function replayer(
  calls: readonly RecordedCall[],
  target: { readonly endpoint: string; readonly region: string },
): { replay: () => Promise<void>; close: () => void } {
  const client = new DynamoDBClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // Calls that overlapped in the recording (a Promise.all in the handler) form one step, sent together.
  const steps: RecordedCall[][] = [];
  let stepEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    const step = steps.at(-1);
    if (step && call.startedAt < stepEnd) step.push(call);
    else steps.push([call]);
    stepEnd = Math.max(stepEnd, call.endedAt);
  }
  const replay = async () => {
    const fresh = new Map<string, string>();
    for (const step of steps) {
      await Promise.all(
        step.map((call) => {
          const input = replayInput(call.command, call.input, fresh);
          const command = new call.commandClass(input as never) as Parameters<DynamoDBClient['send']>[0];
          const sent = call.documentClient ? documentClient.send(command) : client.send(command);
          return sent.catch((error: unknown) => {
            throw new Error(`replaying ${call.command}: ${error instanceof Error ? error.message : String(error)}`, {
              cause: error,
            });
          });
        }),
      );
    }
  };
  return { replay, close: () => documentClient.destroy() };
}
