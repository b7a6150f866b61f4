import * as z from 'zod/mini';
import { INNOVATION_STATUSES, profileSchema } from '../../innovation-profile';
import { actorRefSchema } from '../actor-ref';
import { pageOf } from '../common';

/** An innovation: its profile plus lifecycle state. `version` grows by one with every accepted change. */
export const innovationSchema = z.strictObject({
  ...profileSchema.shape,
  id: z.string(),
  version: z.int().check(z.positive()),
  status: z.enum(INNOVATION_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  createdBy: actorRefSchema,
  registeredAt: z.optional(z.iso.datetime()),
  /** The programme cycle it was registered into. */
  cycleId: z.optional(z.string()),
  withdrawnAt: z.optional(z.iso.datetime()),
  withdrawReason: z.optional(z.string()),
});
export type Innovation = z.infer<typeof innovationSchema>;

export const HISTORY_ACTIONS = ['created', 'updated', 'registered', 'withdrawn', 'registration-refused'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** One entry of an innovation's change history: who, when, which fields. */
export const historyEntrySchema = z.strictObject({
  version: z.int().check(z.positive()),
  action: z.enum(HISTORY_ACTIONS),
  at: z.iso.datetime(),
  actor: actorRefSchema,
  changedFields: z.array(z.string()),
  note: z.optional(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const innovationPageSchema = pageOf(innovationSchema);
export const historyPageSchema = pageOf(historyEntrySchema);
