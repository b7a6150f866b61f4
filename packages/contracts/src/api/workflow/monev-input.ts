import * as z from 'zod/mini';
import { text } from '../../innovation-profile';
import { wholeNumber } from '../whole-number';

const count = wholeNumber(0, 100_000_000);

/** The body of `POST /innovations/{id}/monev`: one period's progress report. */
export const monevInput = z.strictObject({
  /** The period reported on: `P1` is the first interval after launch, `P2` the next, … */
  period: z.string().check(z.regex(/^P[1-9][0-9]{0,2}$/, 'periode harus berbentuk P1, P2, …')),
  progress: text(10_000),
  indicators: z._default(
    z.strictObject({
      beneficiariesServed: z.optional(count),
      complaintsReceived: z.optional(count),
      complaintsResolved: z.optional(count),
    }),
    {},
  ),
  issues: z.optional(text(5_000)),
});
export type MonevInput = z.infer<typeof monevInput>;
