import * as z from 'zod/mini';
import { OPD_ID } from '../../innovation-profile';
import { STAGES, type Stage } from '../../stages';
import { pageOf } from '../common';
import { CYCLE_STATUSES } from './cycle';
import { pendingRequestSchema, TRACK_STATUSES } from './track';

const stage = z.enum(STAGES);
const count = z.int().check(z.nonnegative());
const stageCounts = z.strictObject(
  Object.fromEntries(STAGES.map((name) => [name, count])) as Record<Stage, typeof count>,
);

/** An OPD's pledge for a cycle (Drum up), as recorded. */
export const commitmentSchema = z.strictObject({ cycleId: z.string(), opdId: OPD_ID, pledged: z.int() });

/** An innovation in a stage of a cycle: the board's list. */
export const stageEntrySchema = z.strictObject({
  innovationId: z.string(),
  name: z.string(),
  opdId: OPD_ID,
  stage,
  status: z.enum(TRACK_STATUSES),
  stageEnteredAt: z.iso.datetime(),
  pendingRequest: z.nullable(pendingRequestSchema),
});

/**
 * The coordinator's board of a cycle: the funnel and, per OPD of the region, pledged vs registered vs in each
 * stage. Asked with `?stage=`, it carries that stage and a page of the innovations in it too.
 */
export const boardSchema = z.strictObject({
  cycle: z.strictObject({ id: z.string(), name: z.string(), year: z.int(), status: z.enum(CYCLE_STATUSES) }),
  funnel: z.strictObject({ stages: stageCounts, registered: count, withdrawn: count, held: count }),
  opds: z.array(
    z.strictObject({
      opdId: OPD_ID,
      /** Null until the OPD pledged. */
      pledged: z.nullable(z.int()),
      target: z.int(),
      registered: count,
      withdrawn: count,
      held: count,
      stages: stageCounts,
    }),
  ),
  stage: z.optional(stage),
  innovations: z.optional(pageOf(stageEntrySchema)),
});

/** One innovation of the review queue: a request waiting for a coordinator, oldest first. */
export const reviewQueueEntrySchema = z.strictObject({
  innovationId: z.string(),
  name: z.string(),
  opdId: OPD_ID,
  stage,
  status: z.enum(TRACK_STATUSES),
  request: pendingRequestSchema,
});
export const reviewQueuePageSchema = pageOf(reviewQueueEntrySchema);
