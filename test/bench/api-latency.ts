import { type LocalLogger, type LocalPlatform, startLocalPlatform } from '@inovda/local';
import { type HttpMethod, routesOf } from '@inovda/manifest';
import { services } from '../../infra/lib/platform';
import { defaultLocalRegion } from '../../infra/regions';
import { cycleAhead } from '../support/cycle-ahead';
import {
  type HandlerOverhead,
  httpApiClaims,
  importHandler,
  measureHandler,
  type OperationSummary,
  type RouteRequest,
  replayer,
} from './handler-bench';
import { closedLoop, httpLoad, type LoadResult, type LoadShape } from './load';
import { ratio } from './stats';

/** One route: under load over HTTP, its DynamoDB operations replayed under the same load, and in process. */
export interface RouteLatency {
  /** `POST /innovations` */
  readonly label: string;
  readonly functionId: string;
  readonly api: LoadResult;
  /** The very DynamoDB operations the handler made, recorded in process and replayed (see handler-bench.ts). */
  readonly baseline: LoadResult;
  readonly operations: readonly OperationSummary[];
  readonly ratios: { readonly p50: number; readonly p99: number };
  /** The handler's own warm cost in process, beyond those operations. */
  readonly inProcess: HandlerOverhead;
  readonly underLoad: FunctionUnderLoad;
}

/** The API under load, route by route, next to the DynamoDB operations each makes under the same load. */
export interface ApiLatency {
  readonly user: string;
  readonly shape: LoadShape;
  /** Platform start (DynamoDB Local's JVM, tables, API), in ms. */
  readonly startMs: number;
  /** Warm-up until every execution environment the load needs was started, in ms. */
  readonly warmUpMs: number;
  readonly handlerRuns: number;
  readonly routes: readonly RouteLatency[];
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
  /** Invocations per handler in process (after a warm-up), for its own overhead. */
  readonly handlerRuns: number;
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

/** The coordinator dev user, who plans and opens the bench's cycle and reads its board. */
const COORDINATOR = 'koordinator';

/** Retries `attempt` until it succeeds: events take a moment to reach the other service. */
async function waitFor(attempt: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The function serving a route, and the route as its manifest declares it. */
function functionServing(method: HttpMethod, path: string) {
  for (const manifest of services) {
    const bound = routesOf(manifest).find(({ route }) => route.method === method && route.path === path);
    if (bound) return { manifest, fn: bound.fn, route: bound.route, id: `${manifest.name}/${bound.fn.name}` };
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
async function warmUp(concurrency: number, calls: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    for (const call of calls) await Promise.all(Array.from({ length: concurrency }, call));
  }
}

/** A measured route: how to call it, over HTTP and in process. */
interface RouteCase {
  readonly method: HttpMethod;
  readonly path: string;
  readonly expectedStatus: number;
  readonly request: (sequence: number) => RouteRequest;
  /** The caller's token when not the bench user's (a route only the coordinator may call). */
  readonly token?: string;
}

/** Unrecorded in-process invocations before the measured ones (module graph and SDK warm, sockets open). */
const IN_PROCESS_WARM_UP = 20;

/**
 * Starts the local platform in memory, and for each route: invokes its handler in this process (against the same
 * DynamoDB Local) to record the DynamoDB operations it makes and its own overhead beyond them; loads the route over
 * HTTP with autocannon; then replays the recorded operations with the SDK under the same closed-loop load, right
 * after, so both see the same machine. Stops the platform (DynamoDB Local's JVM with it), whatever happened;
 * SIGINT/SIGTERM also stop it before exiting.
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
    // The platform as deployed: no fault plumbing between the functions and DynamoDB (see the option).
    dynamoDbFaults: false,
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
    const body = JSON.stringify(options.body);
    const innovationId = idOf(
      await call(
        `${platform.url}/innovations`,
        { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body },
        201,
      ),
    );
    // A cycle for the workflow routes, planned and opened by the coordinator; the innovation registered into it, and
    // its track (opened by the workflow from the InnovationRegistered event) waited for.
    const coordinatorToken = await platform.tokenFor(COORDINATOR);
    const coordinator = `Bearer ${coordinatorToken}`;
    const cycleId = idOf(
      await call(
        `${platform.url}/cycles`,
        {
          method: 'POST',
          headers: { authorization: coordinator, 'content-type': 'application/json' },
          body: JSON.stringify(cycleAhead('Siklus uji bench')),
        },
        201,
      ),
    );
    await call(
      `${platform.url}/cycles/${cycleId}/open`,
      { method: 'POST', headers: { authorization: coordinator } },
      200,
    );
    const json = { authorization, 'content-type': 'application/json' };
    await waitFor(() =>
      call(
        `${platform.url}/innovations/${innovationId}/register`,
        { method: 'POST', headers: json, body: JSON.stringify({ cycleId }) },
        200,
      ),
    );
    await waitFor(() => call(`${platform.url}/innovations/${innovationId}/track`, { headers: { authorization } }, 200));
    // Scoring hears of the cycle through CycleOpened.
    await waitFor(() =>
      call(`${platform.url}/cycles/${cycleId}/ranking`, { headers: { authorization: coordinator } }, 200),
    );
    const opdId = options.body.opdId;
    // Content-Type only with a body: the handlers' body parser rejects a GET that announces a JSON body it lacks.
    const cases: RouteCase[] = [
      {
        method: 'POST',
        path: '/innovations',
        expectedStatus: 201,
        request: () => ({ path: '/innovations', headers: { authorization, 'content-type': 'application/json' }, body }),
      },
      {
        method: 'GET',
        path: '/innovations/{id}',
        expectedStatus: 200,
        request: () => ({
          path: `/innovations/${encodeURIComponent(innovationId)}`,
          pathParameters: { id: innovationId },
          headers: { authorization },
        }),
      },
      {
        method: 'GET',
        path: '/innovations',
        expectedStatus: 200,
        request: () => ({ path: '/innovations', headers: { authorization } }),
      },
      {
        method: 'GET',
        path: '/innovations/{id}/versions',
        expectedStatus: 200,
        request: () => ({
          path: `/innovations/${innovationId}/versions`,
          pathParameters: { id: innovationId },
          headers: { authorization },
        }),
      },
      {
        method: 'GET',
        path: '/cycles/{id}',
        expectedStatus: 200,
        request: () => ({ path: `/cycles/${cycleId}`, pathParameters: { id: cycleId }, headers: { authorization } }),
      },
      {
        method: 'PUT',
        path: '/cycles/{id}/commitments/{opdId}',
        expectedStatus: 200,
        request: () => ({
          path: `/cycles/${cycleId}/commitments/${opdId}`,
          pathParameters: { id: cycleId, opdId },
          headers: json,
          body: JSON.stringify({ pledged: 2 }),
        }),
      },
      {
        method: 'GET',
        path: '/innovations/{id}/track',
        expectedStatus: 200,
        request: () => ({
          path: `/innovations/${innovationId}/track`,
          pathParameters: { id: innovationId },
          headers: { authorization },
        }),
      },
      {
        method: 'GET',
        path: '/cycles/{id}/board',
        expectedStatus: 200,
        token: coordinatorToken,
        request: () => ({
          path: `/cycles/${cycleId}/board`,
          pathParameters: { id: cycleId },
          headers: { authorization: coordinator },
        }),
      },
      // The ranking and the index: a bounded Query and two GetItems, whatever the number of innovations.
      ...(['ranking', 'region-index'] as const).map(
        (read): RouteCase => ({
          method: 'GET',
          path: `/cycles/{id}/${read}`,
          expectedStatus: 200,
          token: coordinatorToken,
          request: () => ({
            path: `/cycles/${cycleId}/${read}`,
            pathParameters: { id: cycleId },
            headers: { authorization: coordinator },
          }),
        }),
      ),
    ];
    const httpCall = (route: RouteCase) => {
      const request = route.request(0);
      const init: RequestInit = {
        method: route.method,
        headers: { ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
      };
      return () => call(`${platform.url}${request.path}`, init, route.expectedStatus);
    };

    const warmUpStarted = performance.now();
    await warmUp(options.shape.concurrency, cases.map(httpCall));
    const warmUpMs = performance.now() - warmUpStarted;

    const target = {
      dynamoEndpoint: platform.dynamoEndpoint,
      awsRegion: defaultLocalRegion.aws.region,
      tableNames: platform.tableNames,
    };
    const routes: RouteLatency[] = [];
    for (const route of cases) {
      const label = `${route.method} ${route.path}`;
      const serving = functionServing(route.method, route.path);
      step(`${label}: ${serving.id} in process, ${options.handlerRuns} invocations…`);
      const handler = await importHandler(serving.manifest, serving.fn, target);
      const inProcess = await measureHandler({
        id: serving.id,
        handler,
        route: serving.route,
        claims: httpApiClaims(route.token ?? token),
        request: route.request,
        expectedStatus: route.expectedStatus,
        warmUp: IN_PROCESS_WARM_UP,
        invocations: options.handlerRuns,
      });
      if (inProcess.calls.length === 0) throw new Error(`${serving.id} made no DynamoDB call: nothing to compare with`);

      step(`${label}: loading the API, then its DynamoDB operations…`);
      const before = await functionCounters(platform.url);
      const request = route.request(0);
      const api = await httpLoad(label, options.shape, {
        url: `${platform.url}${request.path}`,
        method: route.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      const after = await functionCounters(platform.url);
      const { replay, close } = replayer(inProcess.calls, {
        endpoint: platform.dynamoEndpoint,
        region: defaultLocalRegion.aws.region,
      });
      let baseline: LoadResult;
      try {
        // Warm-up, unrecorded: the client resolves its config and opens its sockets, as the functions did.
        await Promise.all(Array.from({ length: options.shape.concurrency }, replay));
        const operations = inProcess.operations.map((operation) => operation.command).join(' + ');
        baseline = await closedLoop(operations, options.shape, replay);
      } finally {
        close();
      }
      for (const result of [api, baseline]) {
        // Some failures are a finding; none succeeding means the bench measured nothing.
        if (result.ok === 0) throw new Error(`${result.label}: no request succeeded (first: ${result.firstFailure})`);
      }
      const { calls: _calls, ...overhead } = inProcess;
      routes.push({
        label,
        functionId: serving.id,
        api,
        baseline,
        operations: inProcess.operations,
        ratios: {
          p50: ratio(api.latency?.p50 ?? Number.NaN, baseline.latency?.p50 ?? Number.NaN),
          p99: ratio(api.latency?.p99 ?? Number.NaN, baseline.latency?.p99 ?? Number.NaN),
        },
        inProcess: overhead,
        underLoad: underLoad(serving.id, before, after),
      });
    }
    return {
      user: options.user,
      shape: options.shape,
      startMs,
      warmUpMs,
      handlerRuns: options.handlerRuns,
      routes,
      platformMessages: messages,
    };
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
    await platform.stop();
  }
}
