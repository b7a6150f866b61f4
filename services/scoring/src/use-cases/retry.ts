import { PROCESSED_ITEM, TransactionCancelled } from '@inovda/dynamo';
import { Problem } from '@inovda/kernel';

/** How many times a use case re-reads and retries when a concurrent change moved what it read (totals, a score). */
const ATTEMPTS = 5;

/**
 * Runs a read-modify-write until it commits: a condition failing means a concurrent change moved what it read (the
 * totals, another evaluation, an evaluator's load), so it reads again and retries; after a few tries it is a 409
 * `concurrent-change`. `onConflict` runs before each retry (to refresh what the caller keeps, or to throw when
 * the item that moved is the one the caller named in `If-Match`: that is a 412, not a retry).
 */
export async function retryingConflicts<T>(
  run: () => Promise<T>,
  onConflict: (error: TransactionCancelled) => void | Promise<void> = () => {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof TransactionCancelled) || error.failed(PROCESSED_ITEM)) throw error;
      await onConflict(error);
      if (attempt >= ATTEMPTS) {
        throw new Problem('concurrent-change', { detail: 'Data penilaian sedang diubah bersamaan; coba lagi.' });
      }
    }
  }
}
