import * as z from 'zod/mini';
import { actorRefSchema } from '../actor-ref';
import { pageOf } from '../common';
import { stageWindowsSchema } from './cycle-input';

/** A programme cycle is planned, then open for registrations, then closed. Closed is final. */
export const CYCLE_STATUSES = ['planned', 'open', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** A programme cycle (e.g. "Program Inovasi 2027"). `version` grows by one with every accepted change. */
export const cycleSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  year: z.int(),
  status: z.enum(CYCLE_STATUSES),
  version: z.int().check(z.positive()),
  stageWindows: stageWindowsSchema,
  targetPerOpd: z.int(),
  monevIntervalDays: z.int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  createdBy: actorRefSchema,
  openedAt: z.optional(z.iso.datetime()),
  closedAt: z.optional(z.iso.datetime()),
});
export type Cycle = z.infer<typeof cycleSchema>;

export const cyclePageSchema = pageOf(cycleSchema);
