/** Thrown for an event pattern that Amazon EventBridge would reject with InvalidEventPatternException. */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  /** The reason alone, without AWS's "Event pattern is not valid." preamble. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.reason = reason;
  }
}

/** Rejects the pattern with `reason`, as PutRule does. */
export function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
