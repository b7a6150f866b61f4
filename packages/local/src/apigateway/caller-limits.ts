import { PROBLEM_TYPE_BASE, PROBLEMS } from '@inovda/kernel';
import type { GatewayResponse } from './response-mapping';

/**
 * The local stand-in of the per-caller rate limit AWS WAF enforces in front of the API (see infra/lib/edge.ts):
 * a budget of `requests` per `windowSeconds` for each caller. WAF counts a caller's requests over a sliding window;
 * here a token bucket holding the whole budget and refilling it evenly over the window gives the same bound
 * (never more than `requests` in any window, a full burst after a quiet window) and can say exactly when the next
 * request will be served, which is what `Retry-After` needs.
 */
export interface CallerLimit {
  /** Requests a caller may send in one window (WAF's rate limit). */
  readonly requests: number;
  /** The window, in seconds (WAF's evaluation window; 300 in AWS). */
  readonly windowSeconds: number;
}

/** The outcome of one request: served, or refused until `retryAfterSeconds` have passed. */
export type CallerLimitCheck = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets kept before idle, full ones are dropped (a full bucket is the same as none). */
const PRUNE_ABOVE = 10_000;

/** One token bucket per caller key; callers never share a bucket, so one caller's loop never refuses another. */
export class CallerLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly limit: CallerLimit,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(limit.requests) || limit.requests < 1) throw new Error('caller limit: requests must be ≥ 1');
    if (!(limit.windowSeconds > 0)) throw new Error('caller limit: windowSeconds must be > 0');
    this.refillPerMs = limit.requests / (limit.windowSeconds * 1000);
  }

  /** Takes one request from the caller's budget, or says how long until one is available. */
  take(key: string): CallerLimitCheck {
    const nowMs = this.now();
    const bucket = this.refilled(key, nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const waitMs = (1 - bucket.tokens) / this.refillPerMs;
    // Whole seconds (Retry-After's unit), rounded up: retrying after that long is always served.
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private refilled(key: string, nowMs: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing) {
      existing.tokens = Math.min(
        this.limit.requests,
        existing.tokens + (nowMs - existing.updatedMs) * this.refillPerMs,
      );
      existing.updatedMs = nowMs;
      return existing;
    }
    if (this.buckets.size >= PRUNE_ABOVE) this.prune(nowMs);
    const bucket = { tokens: this.limit.requests, updatedMs: nowMs };
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Drops the buckets that have refilled completely: keeps memory bounded by the callers active in one window. */
  private prune(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (nowMs - bucket.updatedMs) * this.refillPerMs >= this.limit.requests)
        this.buckets.delete(key);
    }
  }
}

/**
 * The answer to a caller over its limit, as the WAF rule's custom response gives it in AWS: 429, `Retry-After` in
 * seconds, and a problem+json body (`too-many-requests`) whose title and detail the web app can show as they are.
 */
export function tooManyRequests(retryAfterSeconds: number): GatewayResponse {
  const code = 'too-many-requests';
  const { status, title } = PROBLEMS[code];
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'retry-after': String(retryAfterSeconds) },
    cookies: [],
    body: Buffer.from(
      JSON.stringify({
        type: `${PROBLEM_TYPE_BASE}${code}`,
        code,
        title,
        status,
        detail: `Anda mengirim terlalu banyak permintaan dalam waktu singkat. Coba lagi dalam ${retryAfterSeconds} detik.`,
      }),
    ),
  };
}
