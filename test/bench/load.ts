import autocannon from 'autocannon';
import { type Summary, summarize } from './stats';

/** What a closed-loop load run measured. Latency counts successful requests only (as autocannon does). */
export interface LoadResult {
  readonly label: string;
  readonly concurrency: number;
  readonly elapsedMs: number;
  readonly ok: number;
  /** Failed requests by cause: HTTP status (`500`), `error` (connection/SDK errors). */
  readonly failures: Readonly<Record<string, number>>;
  /** Latency of the successful requests, in ms; undefined when none succeeded. */
  readonly latency: Summary | undefined;
  /** Successful requests per second over the run. */
  readonly requestsPerSecond: number;
  /** The first failure, to tell what went wrong. */
  readonly firstFailure?: string;
}

/** How a load is run: the same for the API and its DynamoDB baseline, so their numbers compare. */
export interface LoadShape {
  readonly concurrency: number;
  readonly durationMs: number;
}

function resultOf(
  label: string,
  shape: LoadShape,
  elapsedMs: number,
  samples: readonly number[],
  failures: Record<string, number>,
  firstFailure: string | undefined,
): LoadResult {
  return {
    label,
    concurrency: shape.concurrency,
    elapsedMs,
    ok: samples.length,
    failures,
    latency: samples.length > 0 ? summarize(samples) : undefined,
    requestsPerSecond: samples.length / (elapsedMs / 1000),
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs `operation` from `concurrency` loops for `durationMs`, each starting its next call when the previous one
 * answers: the closed-loop model autocannon uses with one request in flight per connection, so the DynamoDB
 * baseline sees the same concurrency as the API.
 */
export async function closedLoop(
  label: string,
  shape: LoadShape,
  operation: (sequence: number) => Promise<unknown>,
): Promise<LoadResult> {
  const samples: number[] = [];
  const failures: Record<string, number> = {};
  let firstFailure: string | undefined;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + shape.durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        await operation(sequence++);
        samples.push(performance.now() - sent);
      } catch (error) {
        failures.error = (failures.error ?? 0) + 1;
        firstFailure ??= describe(error);
      }
    }
  };
  await Promise.all(Array.from({ length: shape.concurrency }, loop));
  return resultOf(label, shape, performance.now() - started, samples, failures, firstFailure);
}

/** One HTTP request of a load run. */
export interface HttpRequestSpec {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Runs autocannon against one URL with `concurrency` connections for `durationMs`. Latencies come from its
 * per-response event (sub-millisecond floats) rather than its summary histogram, which keeps whole milliseconds
 * only and would round a 3 ms GET against a float baseline. Runs in this process, alongside the local API: a
 * separate process would not give the load generator a free core on a two-core machine anyway.
 */
export function httpLoad(label: string, shape: LoadShape, request: HttpRequestSpec): Promise<LoadResult> {
  const samples: number[] = [];
  const failures: Record<string, number> = {};
  let firstFailure: string | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: request.method,
        headers: { ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
        connections: shape.concurrency,
        duration: shape.durationMs / 1000,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(describe(error)));
          return;
        }
        // autocannon's own run time (seconds): the duration asked for, without connection setup.
        resolve(resultOf(label, shape, result.duration * 1000, samples, failures, firstFailure));
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) {
        samples.push(responseTime);
      } else {
        failures[String(statusCode)] = (failures[String(statusCode)] ?? 0) + 1;
        firstFailure ??= `HTTP ${statusCode}`;
      }
    });
    instance.on('reqError', (error: unknown) => {
      failures.error = (failures.error ?? 0) + 1;
      firstFailure ??= describe(error);
    });
  });
}
