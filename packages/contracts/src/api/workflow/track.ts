import * as z from 'zod/mini';
import { MATURITIES, OPD_ID } from '../../innovation-profile';
import { STAGES } from '../../stages';
import { actorRefSchema } from '../actor-ref';
import { pageOf } from '../common';

const stage = z.enum(STAGES);

/** Maturity under PP 38/2017: initiative → trial → implemented. */
export type Maturity = (typeof MATURITIES)[number];

/** A track is active, held by a coordinator, or closed because the innovation was withdrawn (final). */
export const TRACK_STATUSES = ['active', 'held', 'withdrawn'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

/** The advance request a track is waiting on, if any (at most one at a time). */
export const pendingRequestSchema = z.strictObject({
  requestId: z.string(),
  from: stage,
  to: stage,
  note: z.optional(z.string()),
  requestedAt: z.iso.datetime(),
  requestedBy: actorRefSchema,
});
export type PendingRequest = z.infer<typeof pendingRequestSchema>;

/**
 * The next date the deadline schedule must look at this track: the due date of its current stage's window, or,
 * once launched, the due date of its next monev report. Absent when nothing is due (withdrawn, or overdue
 * already announced for this stage).
 */
export const trackDueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stage'), stage, date: z.iso.date() }),
  z.strictObject({ kind: z.literal('monev'), period: z.int().check(z.positive()), date: z.iso.date() }),
]);
export type TrackDue = z.infer<typeof trackDueSchema>;

/** The 5D track of one registered innovation in its cycle. `version` grows by one with every change. */
export const trackSchema = z.strictObject({
  innovationId: z.string(),
  opdId: OPD_ID,
  cycleId: z.string(),
  name: z.string(),
  stage,
  status: z.enum(TRACK_STATUSES),
  version: z.int().check(z.positive()),
  openedAt: z.iso.datetime(),
  stageEnteredAt: z.iso.datetime(),
  pendingRequest: z.optional(pendingRequestSchema),
  maturity: z.optional(z.enum(MATURITIES)),
  maturityDates: z.optional(z.partialRecord(z.enum(MATURITIES), z.iso.date())),
  launchedAt: z.optional(z.iso.datetime()),
  withdrawnAt: z.optional(z.iso.datetime()),
  due: z.optional(trackDueSchema),
  monevIntervalDays: z.optional(z.int()),
  /** The last monev period reported (0 before the first report). */
  monevLastReported: z.optional(z.int().check(z.nonnegative())),
});
export type Track = z.infer<typeof trackSchema>;

/** One thing the gate of the track's stage still needs, said in Indonesian (`field` or `indicator` names it). */
export const gateMissingItemSchema = z.strictObject({
  kind: z.string(),
  field: z.optional(z.string()),
  indicator: z.optional(z.string()),
  message: z.string(),
});

/**
 * What leaving the track's current stage still needs, against the profile the workflow service knows now: the same
 * check an advance request meets (`gate-not-met` lists the same items). `next` is null at Display, the last stage.
 */
export const gateStatusSchema = z.strictObject({
  innovationId: z.string(),
  stage,
  next: z.nullable(stage),
  met: z.boolean(),
  missing: z.array(gateMissingItemSchema),
});
export type GateStatus = z.infer<typeof gateStatusSchema>;

export const TRACK_ACTIONS = [
  'opened',
  'advance-requested',
  'advanced',
  'returned',
  'held',
  'resumed',
  'withdrawn',
  'maturity-recorded',
  'monev-reported',
  'stage-overdue',
  'monev-due',
  'renamed',
] as const;
export type TrackAction = (typeof TRACK_ACTIONS)[number];

/** One entry of a track's history: who (and in which role), when, what, from/to, and the note. */
export const trackHistoryEntrySchema = z.strictObject({
  version: z.int().check(z.positive()),
  action: z.enum(TRACK_ACTIONS),
  at: z.iso.datetime(),
  actor: actorRefSchema,
  from: z.optional(stage),
  to: z.optional(stage),
  stage,
  note: z.optional(z.string()),
});
export type TrackHistoryEntry = z.infer<typeof trackHistoryEntrySchema>;

/** An advance request as kept for the record. `cancelled`: the innovation was withdrawn while it waited. */
export const advanceRequestSchema = z.strictObject({
  ...pendingRequestSchema.shape,
  status: z.enum(['pending', 'approved', 'returned', 'cancelled']),
  reviewedAt: z.optional(z.iso.datetime()),
  reviewedBy: z.optional(actorRefSchema),
  reasons: z.optional(z.string()),
});
export type AdvanceRequest = z.infer<typeof advanceRequestSchema>;

/** A coordinator's decision on an advance request: the track after it and the request as decided. */
export const reviewResultSchema = z.strictObject({ track: trackSchema, request: advanceRequestSchema });

export const trackHistoryPageSchema = pageOf(trackHistoryEntrySchema);
