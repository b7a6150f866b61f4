/** How long to wait between attempts. */
export interface BackoffOptions {
  /** Delay before the first retry; each later retry doubles it. */
  readonly baseDelayMs: number;
  /** Cap on one delay. */
  readonly maxDelayMs: number;
}

/**
 * The delay before retry number `retry` (1-based): exponential backoff with jitter, as EventBridge and Lambda
 * event source mappings retry (half the exponential step fixed, half random, so retries spread out).
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

/** Waits `ms`, or less if `signal` aborts; resolves whether the full wait happened. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
