import { type LocalLogger, type LocalPlatform, startLocalPlatform } from '@inovda/local';
import { type HttpMethod, routesOf } from '@inovda/manifest';
import { services } from '../../infra/lib/platform';
import { defaultLocalRegion } from '../../infra/regions';
import { type DynamoBaseline, measureDynamoBaseline } from './dynamo-baseline';
import { httpLoad, type LoadResult, type LoadShape } from './load';
import { ratio } from './stats';

/** The API under load, next to raw DynamoDB Local under the same load. */
export interface ApiLatency {
  readonly user: string;
  readonly shape: LoadShape;
  /** Platform start (DynamoDB Local's JVM, tables, API), in ms. */
  readonly startMs: number;
  /** Warm-up until every execution environment the load needs was started, in ms. */
  readonly warmUpMs: number;
  readonly post: LoadResult;
  readonly get: LoadResult;
  readonly dynamo: DynamoBaseline;
  /** API latency over DynamoDB latency: POST /innovations over PutItem, GET /innovations/{id} over GetItem. */
  readonly ratios: {
    readonly postP50: number;
    readonly postP99: number;
    readonly getP50: number;
    readonly getP99: number;
  };
  /** The functions behind the two routes, as the platform's `/health` counts them. */
  readonly functions: { readonly post: FunctionUnderLoad; readonly get: FunctionUnderLoad };
  /** Warnings and errors the platform logged (first few), which may explain odd numbers. */
  readonly platformMessages: readonly string[];
}

/** A function behind a loaded route. */
export interface FunctionUnderLoad {
  readonly id: string;
  /**
   * Execution environments it had during the load. Locally they are capped (Lambda would scale out), so with more
   * connections than environments requests wait for one, and the latencies include that wait.
   */
  readonly environments: number;
  /** Cold starts while the load ran: 0 when the warm-up did its job. */
  readonly coldStartsDuringLoad: number;
}

/** Options of {@link measureApiLatency}. */
export interface ApiLatencyOptions {
  readonly shape: LoadShape;
  /** The dev user whose token calls the API (an OPD user may create innovations). */
  readonly user: string;
  /** The innovation created on every POST. */
  readonly body: { readonly name: string; readonly opdId: string };
  readonly onStep?: (message: string) => void;
}

const MAX_PLATFORM_MESSAGES = 20;
/** Rounds of `concurrency` parallel calls per route before measuring (see {@link warmUp}). */
const WARM_UP_ROUNDS = 3;

/** Keeps the platform quiet on the console, but remembers its warnings and errors for the report. */
function collectingLogger(messages: string[]): LocalLogger {
  const keep = (level: string) => (message: string) => {
    if (messages.length < MAX_PLATFORM_MESSAGES) messages.push(`${level}: ${message}`);
  };
  return { info: () => {}, debug: () => {}, warn: keep('warn'), error: keep('error') };
}

async function call(url: string, init: RequestInit, expected: number): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(
      `${init.method ?? 'GET'} ${url} answered ${response.status}, not ${expected}: ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text);
}

function idOf(innovation: unknown): string {
  if (typeof innovation === 'object' && innovation !== null && 'id' in innovation) {
    const { id } = innovation;
    if (typeof id === 'string') return id;
  }
  throw new Error(`POST /innovations answered without an id: ${JSON.stringify(innovation).slice(0, 300)}`);
}

/** The `<service>/<function>` serving a route, from the manifests. */
function functionServing(method: HttpMethod, path: string): string {
  for (const manifest of services) {
    const bound = routesOf(manifest).find(({ route }) => route.method === method && route.path === path);
    if (bound) return `${manifest.name}/${bound.fn.name}`;
  }
  throw new Error(`no function serves ${method} ${path}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Environments and cold starts per function, from the platform's `/health` report. */
async function functionCounters(url: string): Promise<Map<string, { environments: number; coldStarts: number }>> {
  const report: unknown = await (await fetch(`${url}/health`)).json();
  const counters = new Map<string, { environments: number; coldStarts: number }>();
  const functions = isRecord(report) && Array.isArray(report.functions) ? report.functions : [];
  for (const entry of functions) {
    if (!isRecord(entry)) continue;
    const { id, environments, coldStarts } = entry;
    if (typeof id === 'string' && typeof environments === 'number' && typeof coldStarts === 'number') {
      counters.set(id, { environments, coldStarts });
    }
  }
  return counters;
}

function underLoad(
  id: string,
  before: Map<string, { environments: number; coldStarts: number }>,
  after: Map<string, { environments: number; coldStarts: number }>,
): FunctionUnderLoad {
  const start = before.get(id);
  const end = after.get(id);
  if (!start || !end) throw new Error(`/health does not report ${id}`);
  return { id, environments: end.environments, coldStartsDuringLoad: end.coldStarts - start.coldStarts };
}

/**
 * Calls each route `concurrency` times at once, a few rounds, before anything is measured. Locally each function
 * runs in worker threads started on first call (tsx transpiling the handler's module graph), up to a few per
 * function; the load must hit warm environments only, or the first second would measure cold starts.
 */
async function warmUp(concurrency: number, post: () => Promise<unknown>, get: () => Promise<unknown>): Promise<void> {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    await Promise.all(Array.from({ length: concurrency }, post));
    await Promise.all(Array.from({ length: concurrency }, get));
  }
}

/**
 * Starts the local platform in memory, loads `POST /innovations` and `GET /innovations/{id}` with autocannon, then
 * loads raw `PutItem`/`GetItem` on the same DynamoDB Local with the same concurrency and duration, and stops the
 * platform (DynamoDB Local's JVM with it), whatever happened. SIGINT/SIGTERM also stop it before exiting.
 */
export async function measureApiLatency(options: ApiLatencyOptions): Promise<ApiLatency> {
  const step = options.onStep ?? (() => {});
  const messages: string[] = [];
  const started = performance.now();
  const platform: LocalPlatform = await startLocalPlatform({
    region: defaultLocalRegion,
    services,
    port: 0,
    inMemory: true,
    log: collectingLogger(messages),
  });
  // Ctrl-C (or a CI timeout's SIGTERM) mid-load must still stop DynamoDB Local's JVM and the workers.
  const onInterrupt = () => {
    void platform.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    const startMs = performance.now() - started;
    step(`platform up in ${(startMs / 1000).toFixed(1)} s on ${platform.url}`);
    const token = await platform.tokenFor(options.user);
    const authorization = `Bearer ${token}`;
    // Content-Type on the POST only: the handlers' body parser rejects a GET that announces a JSON body it lacks.
    const postHeaders = { authorization, 'content-type': 'application/json' };
    const getHeaders = { authorization };
    const body = JSON.stringify(options.body);
    const collection = `${platform.url}/innovations`;
    const post = () => call(collection, { method: 'POST', headers: postHeaders, body }, 201);

    const warmUpStarted = performance.now();
    const innovationId = idOf(await post());
    const item = `${collection}/${encodeURIComponent(innovationId)}`;
    await warmUp(options.shape.concurrency, post, () => call(item, { headers: getHeaders }, 200));
    const warmUpMs = performance.now() - warmUpStarted;
    step(`warm in ${(warmUpMs / 1000).toFixed(1)} s; loading the API…`);
    const countersBefore = await functionCounters(platform.url);

    const postResult = await httpLoad('POST /innovations', options.shape, {
      url: collection,
      method: 'POST',
      headers: postHeaders,
      body,
    });
    const getResult = await httpLoad('GET /innovations/{id}', options.shape, {
      url: item,
      method: 'GET',
      headers: getHeaders,
    });
    const countersAfter = await functionCounters(platform.url);
    step('loading DynamoDB Local directly…');
    const dynamo = await measureDynamoBaseline(
      { endpoint: platform.dynamoEndpoint, region: defaultLocalRegion.aws.region },
      options.shape,
    );
    for (const result of [postResult, getResult, dynamo.putItem, dynamo.getItem]) {
      // Some failures are a finding; none succeeding means the bench measured nothing.
      if (result.ok === 0) throw new Error(`${result.label}: no request succeeded (first: ${result.firstFailure})`);
    }
    return {
      user: options.user,
      shape: options.shape,
      startMs,
      warmUpMs,
      post: postResult,
      get: getResult,
      dynamo,
      ratios: {
        postP50: ratio(postResult.latency?.p50 ?? Number.NaN, dynamo.putItem.latency?.p50 ?? Number.NaN),
        postP99: ratio(postResult.latency?.p99 ?? Number.NaN, dynamo.putItem.latency?.p99 ?? Number.NaN),
        getP50: ratio(getResult.latency?.p50 ?? Number.NaN, dynamo.getItem.latency?.p50 ?? Number.NaN),
        getP99: ratio(getResult.latency?.p99 ?? Number.NaN, dynamo.getItem.latency?.p99 ?? Number.NaN),
      },
      functions: {
        post: underLoad(functionServing('POST', '/innovations'), countersBefore, countersAfter),
        get: underLoad(functionServing('GET', '/innovations/{id}'), countersBefore, countersAfter),
      },
      platformMessages: messages,
    };
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
    await platform.stop();
  }
}
