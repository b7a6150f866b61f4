import { type LocalLogger, type LocalPlatform, startLocalPlatform } from '@inovda/local';
import { defaultLocalRegion } from '../../infra/regions';
import { services } from '../../infra/lib/platform';
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
  /** Warnings and errors the platform logged (first few), which may explain odd numbers. */
  readonly platformMessages: readonly string[];
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
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}, not ${expected}: ${text.slice(0, 300)}`);
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
 * platform (DynamoDB Local's JVM with it), whatever happened. Ctrl-C also stops it before exiting.
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
  const onInterrupt = () => {
    void platform.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    const startMs = performance.now() - started;
    step(`platform up in ${(startMs / 1000).toFixed(1)} s on ${platform.url}`);
    const token = await platform.tokenFor(options.user);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const body = JSON.stringify(options.body);
    const collection = `${platform.url}/innovations`;
    const post = () => call(collection, { method: 'POST', headers, body }, 201);

    const warmUpStarted = performance.now();
    const innovationId = idOf(await post());
    const item = `${collection}/${encodeURIComponent(innovationId)}`;
    await warmUp(options.shape.concurrency, post, () => call(item, { headers }, 200));
    const warmUpMs = performance.now() - warmUpStarted;
    step(`warm in ${(warmUpMs / 1000).toFixed(1)} s; loading the API…`);

    const postResult = await httpLoad('POST /innovations', options.shape, {
      url: collection,
      method: 'POST',
      headers,
      body,
    });
    const getResult = await httpLoad('GET /innovations/{id}', options.shape, { url: item, method: 'GET', headers });
    step('loading DynamoDB Local directly…');
    const dynamo = await measureDynamoBaseline(
      { endpoint: platform.dynamoEndpoint, region: defaultLocalRegion.aws.region },
      options.shape,
    );
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
      platformMessages: messages,
    };
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await platform.stop();
  }
}
