/**
 * When a webhook delivery is tried again, and when an endpoint is given up on. Pure: the caller passes the clock
 * readings and the random source.
 *
 * The Standard Webhooks spec ("Deliverability and reliability") asks for a retry schedule spanning days, with
 * exponential backoff and random jitter, and for endpoints that fail consistently over a long period to be
 * disabled with the consumer told through another channel.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The wait before each retry, after the attempt before it: attempt 1 goes at once, attempt 2 about 30 s after the
 * first, …, attempt 10 about 12 h after the ninth. Nominal times after the first attempt:
 *
 * | attempt | wait   | since the first |
 * |--------:|-------:|----------------:|
 * | 1       | –      | 0               |
 * | 2       | 30 s   | 30 s            |
 * | 3       | 2 min  | 2 min 30 s      |
 * | 4       | 10 min | 12 min 30 s     |
 * | 5       | 30 min | 42 min 30 s     |
 * | 6       | 1 h    | 1 h 42 min      |
 * | 7       | 2 h    | 3 h 42 min      |
 * | 8       | 4 h    | 7 h 42 min      |
 * | 9       | 8 h    | 15 h 42 min     |
 * | 10      | 12 h   | 27 h 42 min     |
 *
 * With the jitter below the last attempt still comes at least 26 h after the first: more than a day.
 */
export const RETRY_WAITS_MS: readonly number[] = [
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  1 * HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  12 * HOUR,
];

/** Attempts in all, the first included. */
export const MAX_ATTEMPTS = RETRY_WAITS_MS.length + 1;

/**
 * Each retry moves by up to this fraction of its wait, earlier or later, at random: endpoints that failed together
 * (an outage) are not all retried in the same second. Below one half, so attempts stay in order.
 */
export const JITTER_FRACTION = 0.1;

/** Nominal offset of attempt `n` (1-based) from the first attempt, without jitter. */
function nominalOffsetMs(attempt: number): number {
  let offset = 0;
  for (let index = 0; index < attempt - 1; index++) offset += RETRY_WAITS_MS[index] ?? 0;
  return offset;
}

/**
 * When to make the attempt after attempt number `attempt` (1-based: 1 is the first attempt) failed, given when the
 * first attempt was made; undefined when `attempt` was the last, and the delivery is given up (it stays replayable).
 * Times are measured from the first attempt, not from the failed one, so a slow queue does not stretch the
 * schedule; a time already past means "now". `random` returns a number in [0, 1), as `Math.random`.
 */
export function nextAttemptAt(attempt: number, firstAt: Date, random: () => number = Math.random): Date | undefined {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  if (attempt >= MAX_ATTEMPTS) return undefined;
  const wait = RETRY_WAITS_MS[attempt - 1] ?? 0;
  const jitter = wait * JITTER_FRACTION * (2 * Math.min(Math.max(random(), 0), 1) - 1);
  return new Date(firstAt.getTime() + nominalOffsetMs(attempt + 1) + Math.round(jitter));
}

/**
 * The rule that disables an endpoint: every attempt to it has failed for at least {@link DISABLE_AFTER.failingForMs}
 * (a day) AND there have been at least {@link DISABLE_AFTER.consecutiveFailures} failed attempts in a row. Both, so
 * neither a burst of failures within minutes (a deploy, a short outage) nor two failures a day apart (a quiet
 * endpoint that failed twice) disables it. Ten is one delivery's whole schedule, which itself spans more than a day:
 * an endpoint that received one event and failed all its attempts is disabled, as is a busy one that has answered
 * nothing but failures for a day. A success resets both counters.
 *
 * Besides, `410 Gone` disables at once: the spec ("Delivery success and failure") reads it as the receiver saying
 * it wants no more webhooks.
 */
export const DISABLE_AFTER = { failingForMs: 24 * HOUR, consecutiveFailures: MAX_ATTEMPTS } as const;

/** What is kept per endpoint to decide its health. */
export interface EndpointHealthCounters {
  /** Failed attempts since the last success (any delivery to this endpoint). */
  readonly consecutiveFailures: number;
  /** When the first of those failures happened (ISO 8601); absent while the last attempt succeeded. */
  readonly failingSince?: string;
}

/** An attempt's outcome, as far as the endpoint's health is concerned. */
export interface AttemptOutcome {
  readonly ok: boolean;
  readonly status?: number;
  readonly at: Date;
}

/** The counters of an endpoint that has never failed. */
export const HEALTHY: EndpointHealthCounters = { consecutiveFailures: 0 };

/** The counters after one more attempt: a success resets them, a failure counts and starts the clock if not running. */
export function recordAttempt(counters: EndpointHealthCounters, outcome: AttemptOutcome): EndpointHealthCounters {
  if (outcome.ok) return HEALTHY;
  return {
    consecutiveFailures: counters.consecutiveFailures + 1,
    failingSince: counters.failingSince ?? outcome.at.toISOString(),
  };
}

/** Whether an endpoint stays enabled, and why it is disabled when it is not. */
export type EndpointVerdict =
  | { readonly disable: false }
  | { readonly disable: true; readonly reason: 'gone' | 'sustained-failures' };

/**
 * Decides after an attempt whether to disable the endpoint (see {@link DISABLE_AFTER}). `counters` already include
 * the attempt (see {@link recordAttempt}); `lastStatus` is its HTTP status, if it got one.
 */
export function endpointVerdict(counters: EndpointHealthCounters, now: Date, lastStatus?: number): EndpointVerdict {
  if (lastStatus === 410) return { disable: true, reason: 'gone' };
  if (counters.failingSince === undefined) return { disable: false };
  const failingFor = now.getTime() - Date.parse(counters.failingSince);
  if (counters.consecutiveFailures >= DISABLE_AFTER.consecutiveFailures && failingFor >= DISABLE_AFTER.failingForMs) {
    return { disable: true, reason: 'sustained-failures' };
  }
  return { disable: false };
}
