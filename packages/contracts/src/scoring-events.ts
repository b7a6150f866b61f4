import * as z from 'zod/mini';
import { actorRefSchema } from './api/actor-ref';
import { defineEvent } from './define-event';
import { nonEmpty } from './envelope';
import { OPD_ID } from './innovation-profile';

// Each contract (and schema it exports) is built in a call marked pure (`/* @__PURE__ */ (() => …)()`), so a function
// bundles only the contracts it uses: spreads and `.check()` calls would otherwise keep all of them in every bundle.
// Data schemas are functions, built on a contract's first use (define-event.ts), and so are the pieces they share.

const SERVICE = 'scoring';

/** A level of an indicator: 1, 2 or 3 (every edition has exactly three). */
export const levelSchema = /* @__PURE__ */ (() => z.union([z.literal(1), z.literal(2), z.literal(3)]))();

const innovationRef = () => ({ innovationId: nonEmpty(), opdId: OPD_ID, cycleId: nonEmpty() });

/** An indicator as scored: its verified level, weight and score (weight × level). */
export const scoredIndicatorSchema = /* @__PURE__ */ (() =>
  z.strictObject({ indicator: nonEmpty(), level: levelSchema, weight: z.number(), score: z.number() }))();

/** A coordinator (or the balanced rule) assigned an evaluator to an innovation. */
export const EvaluatorAssigned = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'EvaluatorAssigned',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        name: nonEmpty(),
        evaluator: z.strictObject({ sub: nonEmpty(), username: nonEmpty() }),
        how: z.enum(['manual', 'automatic']),
        assignedAt: z.iso.datetime(),
      }),
  }))();

/** The owner OPD submitted its self-assessment: a claimed level and evidence per indicator. */
export const SelfAssessmentSubmitted = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'SelfAssessmentSubmitted',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        editionId: nonEmpty(),
        claimedScore: z.number(),
        indicators: z.int().check(z.nonnegative()),
        submittedAt: z.iso.datetime(),
      }),
  }))();

/**
 * An evaluator submitted their verification of an innovation. Carries no levels: evaluators are blind to each
 * other until they have submitted, and the bus is not the place to break that.
 */
export const ScoreSubmitted = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'ScoreSubmitted',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        evaluator: z.strictObject({ sub: nonEmpty(), username: nonEmpty() }),
        submittedAt: z.iso.datetime(),
      }),
  }))();

/** Every evaluator has submitted and some indicators are more than one level apart: the coordinator calibrates. */
export const ScoreDisagreementFlagged = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'ScoreDisagreementFlagged',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        indicators: z.array(nonEmpty()).check(z.minLength(1)),
        flaggedAt: z.iso.datetime(),
      }),
  }))();

/**
 * An innovation's verified score: per indicator, the level, weight and score. `revision` grows with every change
 * (a calibration, a correction after publication); consumers keep the highest.
 */
export const InnovationScored = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'InnovationScored',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        ...innovationRef(),
        editionId: nonEmpty(),
        revision: z.int().check(z.positive()),
        score: z.number(),
        indicators: z.array(scoredIndicatorSchema),
        scoredAt: z.iso.datetime(),
        /** Why a published score changed (a recorded correction); absent for the first verified score. */
        correction: z.optional(z.strictObject({ reason: nonEmpty(), by: actorRefSchema })),
      }),
  }))();

/** An OPD's row of a published ranking. */
export const rankingRowSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    rank: z.int().check(z.positive()),
    opdId: OPD_ID,
    /** Σ of its innovations' scores ÷ MAX(k, count). */
    value: z.number(),
    sum: z.number(),
    count: z.int().check(z.positive()),
    best: z.number(),
  }))();

/**
 * A coordinator published a cycle's results (or republished them after a correction: `revision` grows). Carries
 * the OPD ranking and the region index as published.
 */
export const RankingPublished = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'RankingPublished',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        cycleId: nonEmpty(),
        editionId: nonEmpty(),
        revision: z.int().check(z.positive()),
        k: z.int().check(z.positive()),
        ranking: z.array(rankingRowSchema),
        index: z.strictObject({ value: z.number(), predicate: nonEmpty() }),
        publishedAt: z.iso.datetime(),
      }),
  }))();

/** The OPDs at the top of a published ranking, who get the incentive (the study trip). */
export const IncentiveShortlisted = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'IncentiveShortlisted',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        cycleId: nonEmpty(),
        revision: z.int().check(z.positive()),
        opdIds: z.array(OPD_ID),
        publishedAt: z.iso.datetime(),
      }),
  }))();

/** Every event the scoring service publishes. */
export const scoringEvents = [
  EvaluatorAssigned,
  SelfAssessmentSubmitted,
  ScoreSubmitted,
  ScoreDisagreementFlagged,
  InnovationScored,
  RankingPublished,
  IncentiveShortlisted,
] as const;
