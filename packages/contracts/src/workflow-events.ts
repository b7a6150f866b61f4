import * as z from 'zod/mini';
import { defineEvent } from './define-event';
import { nonEmpty } from './envelope';
import { MATURITIES, OPD_ID } from './innovation-profile';
import { STAGES } from './stages';

// Each contract (and schema it exports) is built in a call marked pure (`/* @__PURE__ */ (() => …)()`), so a function
// bundles only the contracts it uses: spreads and `.check()` calls would otherwise keep all of them in every bundle.
// Data schemas are functions, built on a contract's first use (define-event.ts), and so are the pieces they share.

const SERVICE = 'workflow';

const stage = z.enum(STAGES);
const isoDate = /* @__PURE__ */ (() => z.iso.date())();

/** The window of one stage in a cycle. */
export const stageWindowSchema = /* @__PURE__ */ (() => z.strictObject({ start: isoDate, due: isoDate }))();

const cycleRef = () => ({ cycleId: nonEmpty(), name: nonEmpty(), year: z.int() });
const trackRef = () => ({
  innovationId: nonEmpty(),
  opdId: OPD_ID,
  cycleId: nonEmpty(),
  /** The track's version after the change; consumers ignore stale, out-of-order events with it. */
  trackVersion: z.int().check(z.positive()),
});

/** A coordinator opened a programme cycle: OPDs may register innovations into it. */
export const CycleOpened = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'CycleOpened',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...cycleRef(),
        openedAt: z.iso.datetime(),
        stageWindows: z.record(stage, stageWindowSchema),
      }),
  }))();

/** A coordinator closed a cycle: no more registrations into it. */
export const CycleClosed = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'CycleClosed',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...cycleRef(), closedAt: z.iso.datetime() }),
  }))();

/** A move from one stage to the next, as requested and as approved (the same shape for both events). */
const advance = () =>
  z.strictObject({
    ...trackRef(),
    requestId: nonEmpty(),
    from: stage,
    to: stage,
    note: z.optional(z.string()),
  });

/** The owner OPD asked to leave the current stage; the gate found nothing missing. */
export const StageAdvanceRequested = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'StageAdvanceRequested',
    service: SERVICE,
    version: 1,
    data: advance,
  }))();

/** A coordinator approved an advance: the innovation is now in `to`. */
export const StageAdvanced = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'StageAdvanced',
    service: SERVICE,
    version: 1,
    data: advance,
  }))();

/** A coordinator returned an advance request with reasons; the innovation stays in `stage`. */
export const StageReturned = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'StageReturned',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...trackRef(), requestId: nonEmpty(), stage, reasons: nonEmpty() }),
  }))();

/** A coordinator put a track on hold. */
export const TrackHeld = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'TrackHeld',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...trackRef(), stage, note: z.optional(z.string()) }),
  }))();

/** A coordinator resumed a held track. */
export const TrackResumed = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'TrackResumed',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...trackRef(), stage, note: z.optional(z.string()) }),
  }))();

/** The innovation entered Display: launched, shown to the public, and scored from now on. */
export const InnovationLaunched = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'InnovationLaunched',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({ ...trackRef(), launchedAt: z.iso.datetime(), maturity: z.optional(z.enum(MATURITIES)) }),
  }))();

/** A stage's window passed with the innovation still in it (once per track and stage). */
export const StageOverdue = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'StageOverdue',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...trackRef(), stage, due: isoDate }),
  }))();

/** A monitoring (monev) report is due for a delivered innovation (once per period). */
export const MonevDue = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'MonevDue',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...trackRef(), period: nonEmpty(), due: isoDate }),
  }))();

/** The owner OPD filed a monitoring (monev) report. */
export const MonevReported = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'MonevReported',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...trackRef(), period: nonEmpty(), reportedAt: z.iso.datetime() }),
  }))();

/**
 * The workflow refused a registration: it reached the programme after its cycle had closed (submissions accepted it
 * on its own, lagging view of the cycle). No track opened; submissions takes the innovation back to a draft, and the
 * owner OPD is told why.
 */
export const RegistrationRefused = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'RegistrationRefused',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        innovationId: nonEmpty(),
        opdId: OPD_ID,
        cycleId: nonEmpty(),
        /** The version of the innovation the refused registration made (submissions reverts only that one). */
        innovationVersion: z.int().check(z.positive()),
        registeredAt: z.iso.datetime(),
        reason: z.enum(['cycle-closed']),
        closedAt: z.iso.datetime(),
      }),
  }))();

/** Every event the workflow service publishes. */
export const workflowEvents = [
  CycleOpened,
  CycleClosed,
  StageAdvanceRequested,
  StageAdvanced,
  StageReturned,
  TrackHeld,
  TrackResumed,
  InnovationLaunched,
  StageOverdue,
  MonevDue,
  MonevReported,
  RegistrationRefused,
];
