import * as z from 'zod/mini';
import { OPD_ID } from '../../innovation-profile';
import { levelSchema, rankingRowSchema } from '../../scoring-events';
import { actorRefSchema } from '../actor-ref';
import { pageOf } from '../common';
import { evidenceLinkSchema, verifiedLevelSchema } from './inputs';

const evaluatorRef = /* @__PURE__ */ (() => z.strictObject({ sub: z.string(), username: z.string() }))();

/** A claimed indicator as stored: the evidence resolved (given, or the profile's links for it). */
export const claimSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    indicator: z.string(),
    level: levelSchema,
    evidence: z.array(evidenceLinkSchema),
    basis: z.optional(z.string()),
  }))();

/** An innovation's self-assessment: a draft until the owner OPD submits it. */
export const selfAssessmentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    innovationId: z.string(),
    opdId: OPD_ID,
    cycleId: z.string(),
    editionId: z.string(),
    status: z.enum(['draft', 'submitted']),
    claims: z.array(claimSchema),
    /** Σ weight × claimed level: what the innovation would score if every claim were accepted. */
    claimedScore: z.number(),
    version: z.int().check(z.positive()),
    updatedAt: z.iso.datetime(),
    updatedBy: actorRefSchema,
    submittedAt: z.optional(z.iso.datetime()),
  }))();

/** An evaluator as the coordinator assigns them: their OPD, declared conflicts and current load. */
export const evaluatorSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    sub: z.string(),
    username: z.string(),
    opdId: z.optional(OPD_ID),
    conflicts: z.strictObject({ opdIds: z.array(OPD_ID), innovationIds: z.array(z.string()) }),
    assigned: z.int().check(z.nonnegative()),
    updatedAt: z.iso.datetime(),
  }))();
export const evaluatorListSchema = /* @__PURE__ */ (() => z.strictObject({ items: z.array(evaluatorSchema) }))();

/** One evaluator's assignment to one innovation. */
export const assignmentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    innovationId: z.string(),
    opdId: OPD_ID,
    cycleId: z.string(),
    name: z.string(),
    evaluator: evaluatorRef,
    how: z.enum(['manual', 'automatic']),
    assignedAt: z.iso.datetime(),
    status: z.enum(['assigned', 'submitted']),
    submittedAt: z.optional(z.iso.datetime()),
  }))();
export const assignmentListSchema = /* @__PURE__ */ (() => z.strictObject({ items: z.array(assignmentSchema) }))();
export const assignmentPageSchema = /* @__PURE__ */ (() => pageOf(assignmentSchema))();

/** What the balanced rule did: who was assigned where, and what it could not staff, with why. */
export const autoAssignResultSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    assigned: z.array(z.strictObject({ innovationId: z.string(), evaluator: evaluatorRef })),
    unstaffed: z.array(z.strictObject({ innovationId: z.string(), missing: z.int().check(z.positive()) })),
  }))();

/** One evaluator's decision on one claimed indicator; `level` is what the decision leaves (0: rejected). */
export const decisionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    indicator: z.string(),
    decision: z.enum(['accept', 'lower', 'reject']),
    claimedLevel: levelSchema,
    level: verifiedLevelSchema,
    reason: z.optional(z.string()),
  }))();

/** One evaluator's verification of an innovation: a draft until submitted, then final. */
export const evaluationSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    innovationId: z.string(),
    evaluator: evaluatorRef,
    status: z.enum(['draft', 'submitted']),
    decisions: z.array(decisionSchema),
    /** The claims to verify (the submitted self-assessment), so the form needs no second call. */
    claims: z.array(claimSchema),
    version: z.int().check(z.nonnegative()),
    updatedAt: z.optional(z.iso.datetime()),
    submittedAt: z.optional(z.iso.datetime()),
  }))();
export const evaluationListSchema = /* @__PURE__ */ (() => z.strictObject({ items: z.array(evaluationSchema) }))();

/** Who settled an indicator's level: the evaluators (median or minimum), a calibration, or a correction. */
export const DECIDED_BY = ['evaluators', 'calibration', 'correction'] as const;

/** One indicator of an innovation's score. `evaluators` is for programme staff only; an OPD never sees who. */
export const scoreIndicatorSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    indicator: z.string(),
    name: z.string(),
    weight: z.number(),
    claimedLevel: z.optional(levelSchema),
    level: verifiedLevelSchema,
    score: z.number(),
    decidedBy: z.enum(DECIDED_BY),
    flagged: z.boolean(),
    reason: z.optional(z.string()),
    evaluators: z.optional(z.array(z.strictObject({ evaluator: evaluatorRef, level: verifiedLevelSchema }))),
  }))();

/** An innovation's score: pending (evaluations outstanding), flagged (calibration needed) or scored. */
export const scoreSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    innovationId: z.string(),
    opdId: OPD_ID,
    cycleId: z.string(),
    editionId: z.string(),
    status: z.enum(['pending', 'flagged', 'scored']),
    revision: z.int().check(z.nonnegative()),
    total: z.number(),
    maxScore: z.number(),
    indicators: z.array(scoreIndicatorSchema),
    updatedAt: z.iso.datetime(),
  }))();

/** The OPD ranking of a cycle, as it stands (staff) or as published (everyone once published). */
export const rankingSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    cycleId: z.string(),
    editionId: z.string(),
    k: z.int().check(z.positive()),
    rows: z.array(rankingRowSchema),
    shortlist: z.array(OPD_ID),
    published: z.nullable(z.strictObject({ revision: z.int().check(z.positive()), publishedAt: z.iso.datetime() })),
  }))();

/** The region's innovation index for a cycle, with its parts and the gain one more innovation would bring. */
export const regionIndexSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    cycleId: z.string(),
    editionId: z.string(),
    year: z.int(),
    k: z.int().check(z.positive()),
    readiness: z.array(
      z.strictObject({
        code: z.string(),
        name: z.string(),
        weight: z.number(),
        level: verifiedLevelSchema,
        score: z.number(),
      }),
    ),
    spd: z.number(),
    count: z.int().check(z.nonnegative()),
    sumScores: z.number(),
    meanScore: z.number(),
    sidScores: z.number(),
    countBonus: z.number(),
    coveredAffairs: z.array(z.string()),
    allBasicAffairsCovered: z.boolean(),
    sid: z.number(),
    index: z.number(),
    predicate: z.string(),
    gainOfOneMore: z.number(),
  }))();

/** A published ranking as anyone may read it: the latest revision, with the cycle it ranks and the region index. */
export const publicRankingSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    cycleId: z.string(),
    cycleName: z.string(),
    year: z.int(),
    revision: z.int().check(z.positive()),
    publishedAt: z.iso.datetime(),
    k: z.int().check(z.positive()),
    rows: z.array(z.extend(rankingRowSchema, { opdName: z.string() })),
    shortlist: z.array(OPD_ID),
    index: z.strictObject({ value: z.number(), predicate: z.string() }),
  }))();

/** The cycles whose ranking was published, newest publication first (one entry per cycle: its latest revision). */
export const publicRankingListSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    items: z.array(
      z.strictObject({
        cycleId: z.string(),
        cycleName: z.string(),
        year: z.int(),
        revision: z.int().check(z.positive()),
        publishedAt: z.iso.datetime(),
        index: z.strictObject({ value: z.number(), predicate: z.string() }),
      }),
    ),
  }))();
