import { ulid } from './ids';

/** Time and new ids, as use cases get them: the system's in a function, a test's own in tests. */
export interface Clock {
  readonly now: () => Date;
  readonly newId: () => string;
}

/** The real clock: wall time and ULIDs (ids that sort by creation time). */
export const systemClock: Clock = { now: () => new Date(), newId: () => ulid() };
