import * as z from 'zod';

/** Who caused an event: taken from the caller's verified token, never from a request body. */
export const actorSchema = z.strictObject({
  sub: z.string().min(1),
  username: z.string().min(1),
  role: z.enum(['opd', 'coordinator', 'evaluator', 'admin', 'system']),
  opdId: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** The metadata every event carries, the same for every contract. */
export const metadataSchema = z.strictObject({
  eventId: z.string().min(1),
  eventType: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  regionId: z.string().min(1),
  correlationId: z.string().min(1),
  actor: actorSchema,
});
export type EventMetadata = z.infer<typeof metadataSchema>;

/** The EventBridge `detail` of every inovda event: `{ metadata, data }`. */
export function envelopeSchema<Data extends z.ZodType>(data: Data) {
  return z.strictObject({ metadata: metadataSchema, data });
}
