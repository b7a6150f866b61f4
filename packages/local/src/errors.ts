/**
 * A failure the person running `npm start` can act on. Its message is one line saying what is wrong and what to
 * do; the entry point prints only that line, no stack.
 */
export class LocalRuntimeError extends Error {
  override readonly name = 'LocalRuntimeError';
}

/** The message of anything thrown, for logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
