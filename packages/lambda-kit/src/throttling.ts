import { Problem } from '@inovda/kernel';

/**
 * The names the AWS SDK gives DynamoDB's throttling errors, which reach a handler once the SDK's own retries (with
 * backoff) are spent. The names only, so the kit needs no SDK types.
 */
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/**
 * Whether an error is DynamoDB throttling the service: a throttling error, or a transaction cancelled because one
 * of its items was throttled (`ThrottlingError` among its cancellation reasons).
 */
export function isThrottled(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (THROTTLING_ERRORS.has(error.name)) return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'ThrottlingError');
}

/** Seconds a caller waits before retrying a throttled request: long enough for DynamoDB's capacity to refill. */
const RETRY_AFTER_SECONDS = 2;

/**
 * The answer to a request the database throttled: 503 `service-busy` with `Retry-After`, so a client (the web app,
 * an OPD's script) backs off and retries rather than reporting a failure of ours.
 */
export function serviceBusy(): Problem {
  return new Problem(
    'service-busy',
    { detail: `Basis data sedang menerima terlalu banyak permintaan. Coba lagi dalam ${RETRY_AFTER_SECONDS} detik.` },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
