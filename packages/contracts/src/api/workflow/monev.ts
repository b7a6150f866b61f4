import * as z from 'zod/mini';
import { actorRefSchema } from '../actor-ref';
import { pageOf } from '../common';

const count = z.int().check(z.nonnegative());

/** A monev report as filed: the period's report, whose it is, when and by whom. */
export const monevReportSchema = z.strictObject({
  period: z.string().check(z.regex(/^P[1-9][0-9]{0,2}$/)),
  progress: z.string(),
  indicators: z.strictObject({
    beneficiariesServed: z.optional(count),
    complaintsReceived: z.optional(count),
    complaintsResolved: z.optional(count),
  }),
  issues: z.optional(z.string()),
  innovationId: z.string(),
  reportedAt: z.iso.datetime(),
  reportedBy: actorRefSchema,
});
export type MonevReport = z.infer<typeof monevReportSchema>;

/** A page of an innovation's monev reports, by period. */
export const monevReportPageSchema = pageOf(monevReportSchema);
