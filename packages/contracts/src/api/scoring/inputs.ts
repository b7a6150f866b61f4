import * as z from 'zod/mini';
import { OPD_ID, text } from '../../innovation-profile';
import { levelSchema } from '../../scoring-events';
import { ulidId } from '../common';

// Schemas built with a method call are wrapped in calls marked pure, so a function bundles only those it uses.

/** Indicator, readiness-row and benefit-basis codes of an edition: kebab-case slugs. */
export const rubricCode = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'harus berupa kode rubrik'), z.maxLength(64)))();

/** A verified level: 1 to 3, or 0 when the indicator was rejected (missing evidence) and scores nothing. */
export const verifiedLevelSchema = /* @__PURE__ */ (() =>
  z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]))();

const httpUrl = /* @__PURE__ */ (() => z.url({ protocol: /^https?$/ }).check(z.maxLength(2_000)))();

/** A link given as evidence for an indicator. */
export const evidenceLinkSchema = /* @__PURE__ */ (() =>
  z.strictObject({ url: httpUrl, title: z.optional(text(300)) }))();

/* @__NO_SIDE_EFFECTS__ */
function uniqueBy<T>(key: (item: T) => string, message: string) {
  return z.refine<T[]>((items) => new Set(items.map(key)).size === items.length, message);
}

/** One claimed indicator of a self-assessment. `evidence` absent: the links attached to it in the profile. */
export const claimInput = /* @__PURE__ */ (() =>
  z.strictObject({
    indicator: rubricCode,
    level: levelSchema,
    evidence: z.optional(z.array(evidenceLinkSchema).check(z.maxLength(20))),
    /** Benefit only: the measurement basis the OPD chose (its bands say what each level means). */
    basis: z.optional(rubricCode),
  }))();

/** `PUT /innovations/{id}/self-assessment`: the whole draft (it replaces the previous draft). */
export const selfAssessmentInput = /* @__PURE__ */ (() =>
  z.strictObject({
    claims: z.array(claimInput).check(
      z.maxLength(50),
      uniqueBy((claim: { indicator: string }) => claim.indicator, 'setiap indikator hanya boleh diklaim sekali'),
    ),
  }))();

/** `PUT /evaluators/me`: the evaluator's declared conflicts of interest (besides their own OPD, always one). */
export const conflictsInput = /* @__PURE__ */ (() =>
  z.strictObject({
    opdIds: z._default(z.array(OPD_ID).check(z.maxLength(50)), []),
    innovationIds: z._default(z.array(ulidId).check(z.maxLength(200)), []),
  }))();

/** A user's id (Cognito `sub`: a UUID in AWS). */
export const evaluatorSub = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[A-Za-z0-9-]{1,128}$/, 'harus berupa id pengguna')))();

/** `PUT /innovations/{id}/assignments`: the evaluators of an innovation, chosen by hand. */
export const assignmentsInput = /* @__PURE__ */ (() =>
  z.strictObject({
    evaluators: z.array(evaluatorSub).check(
      z.minLength(1),
      z.maxLength(5),
      uniqueBy((sub: string) => sub, 'penilai tidak boleh berulang'),
    ),
  }))();

/** `POST /cycles/{id}/assignments/auto`: evaluators per innovation for the balanced rule. */
export const autoAssignInput = /* @__PURE__ */ (() =>
  z.strictObject({ perInnovation: z._default(z.int().check(z.minimum(1), z.maximum(5)), 2) }))();

/** One indicator verified by an evaluator: accepted as claimed, lowered, or rejected (no level). */
export const decisionInput = /* @__PURE__ */ (() =>
  z.discriminatedUnion('decision', [
    z.strictObject({ indicator: rubricCode, decision: z.literal('accept') }),
    z.strictObject({ indicator: rubricCode, decision: z.literal('lower'), level: levelSchema, reason: text(2_000) }),
    z.strictObject({ indicator: rubricCode, decision: z.literal('reject'), reason: text(2_000) }),
  ]))();

/** `PUT /innovations/{id}/evaluations/mine`: the evaluator's decisions so far (a draft, replaced whole). */
export const evaluationInput = /* @__PURE__ */ (() =>
  z.strictObject({
    decisions: z.array(decisionInput).check(
      z.maxLength(50),
      uniqueBy((decision: { indicator: string }) => decision.indicator, 'setiap indikator hanya boleh dinilai sekali'),
    ),
  }))();

/** `POST /innovations/{id}/calibrations` and `…/score-corrections`: one indicator's level settled, with why. */
export const settleInput = /* @__PURE__ */ (() =>
  z.strictObject({ indicator: rubricCode, level: verifiedLevelSchema, reason: text(2_000) }))();

/** `PUT /cycles/{id}/readiness`: the region readiness (SPD) rows' levels, 0 for a row not met. */
export const readinessInput = /* @__PURE__ */ (() =>
  z.strictObject({ levels: z.record(rubricCode, verifiedLevelSchema) }))();

/** Path parameters of `/rubric-editions/{editionId}`. */
export const editionParams = /* @__PURE__ */ (() => z.strictObject({ editionId: rubricCode }))();

/** Query of `GET /evaluations`: a page of the evaluator's assignments. */
export { pageQuery as myAssignmentsQuery } from '../common';
