import * as z from 'zod/mini';
import { defineEvent } from './define-event';
import { nonEmpty } from './envelope';
import { OPD_ID, profileSchema } from './innovation-profile';

// Each contract (and schema it exports) is built in a call marked pure (`/* @__PURE__ */ (() => …)()`), so a function
// bundles only the contracts it uses: spreads and `.check()` calls would otherwise keep all of them in every bundle.
// Data schemas are functions, built on a contract's first use (define-event.ts), and so are the pieces they share.

const SERVICE = 'submissions';

const innovationRef = () => ({
  innovationId: nonEmpty(),
  opdId: OPD_ID,
  /** The innovation's version after the change; consumers use it to ignore stale, out-of-order events. */
  version: z.int().check(z.positive()),
});

/** An OPD created a draft innovation. */
export const InnovationDrafted = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'InnovationDrafted',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ ...innovationRef(), name: nonEmpty(), profile: profileSchema }),
  }))();

/** A draft was registered into the programme (it now enters the 5D track). */
export const InnovationRegistered = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'InnovationRegistered',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        name: nonEmpty(),
        /** The programme cycle the innovation was registered into (open at the time). */
        cycleId: nonEmpty(),
        registeredAt: z.iso.datetime(),
      }),
  }))();

/** The profile changed; carries the whole profile so consumers keep their own projection without reading ours. */
export const InnovationProfileUpdated = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'InnovationProfileUpdated',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        changedFields: z.array(z.string()).check(z.minLength(1)),
        profile: profileSchema,
      }),
  }))();

/** The owner OPD (or an admin) withdrew the innovation; its track closes. */
export const InnovationWithdrawn = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'InnovationWithdrawn',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        reason: z.optional(z.string().check(z.maxLength(2_000))),
        withdrawnAt: z.iso.datetime(),
      }),
  }))();

/**
 * A registration the workflow service refused (its cycle had closed: RegistrationRefused) was taken back: the
 * innovation is a draft again, in no cycle, and may be registered into an open one.
 */
export const InnovationRegistrationReverted = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'InnovationRegistrationReverted',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        cycleId: nonEmpty(),
        reason: z.enum(['cycle-closed']),
        revertedAt: z.iso.datetime(),
      }),
  }))();

/** Every event the submissions service publishes. */
export const submissionsEvents = [
  InnovationDrafted,
  InnovationRegistered,
  InnovationProfileUpdated,
  InnovationWithdrawn,
  InnovationRegistrationReverted,
];
