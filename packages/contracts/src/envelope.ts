import * as z from 'zod/mini';
import { ROLES } from './api/roles';

/** A string that is not empty. */
/* @__NO_SIDE_EFFECTS__ */
export function nonEmpty() {
  return z.string().check(z.minLength(1));
}

/** Who caused an event: taken from the caller's verified token, never from a request body. */
export const actorSchema = z.strictObject({
  sub: nonEmpty(),
  username: nonEmpty(),
  role: z.enum([...ROLES, 'system']),
  opdId: z.optional(nonEmpty()),
});
export type Actor = z.infer<typeof actorSchema>;

/** The metadata every event carries, the same for every contract. */
export const metadataSchema = z.strictObject({
  eventId: nonEmpty(),
  eventType: nonEmpty(),
  version: z.int().check(z.positive()),
  occurredAt: z.iso.datetime(),
  regionId: nonEmpty(),
  correlationId: nonEmpty(),
  actor: actorSchema,
});
export type EventMetadata = z.infer<typeof metadataSchema>;

/** The EventBridge `detail` of every inovda event: `{ metadata, data }`. */
/* @__NO_SIDE_EFFECTS__ */
export function envelopeSchema<Data extends z.ZodMiniType>(data: Data) {
  return z.strictObject({ metadata: metadataSchema, data });
}
