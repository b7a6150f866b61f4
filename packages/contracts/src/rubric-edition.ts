import * as z from 'zod/mini';
import { GOVERNMENT_AFFAIRS, text } from './innovation-profile';
import { STAGES } from './stages';

/**
 * A rubric edition: one version of the innovation index (Indeks Inovasi Daerah) as data. Weights, levels,
 * divisors and predicate thresholds change between editions, so none of them is code. The shape is checked
 * here; the consistency between its numbers (maxima, ordering of thresholds) is checked where editions are
 * loaded (the scoring service), since only a loaded edition is ever scored against.
 */

// Schemas are built in calls marked pure, like the profile's: a bundle that only needs the types drops them.

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const slug = /* @__PURE__ */ (() =>
  z.string().check(z.regex(SLUG, 'harus berupa kode: huruf kecil, angka dan tanda hubung'), z.maxLength(64)))();
/** Weights and maxima: positive, and not necessarily whole (0.75, 1.5). */
const positive = /* @__PURE__ */ (() => z.number().check(z.positive()))();

/** One level (1, 2 or 3) of an innovation indicator: what it means and the evidence that proves it. */
export const rubricLevelSchema = /* @__PURE__ */ (() =>
  z.strictObject({ description: text(500), evidence: text(500) }))();
export type RubricLevel = z.infer<typeof rubricLevelSchema>;

/** A basis on which an innovation's benefit is measured (people served, revenue added…), with its three bands. */
export const benefitBasisSchema = /* @__PURE__ */ (() =>
  z.strictObject({ code: slug, name: text(200), bands: z.tuple([text(200), text(200), text(200)]) }))();
export type BenefitBasis = z.infer<typeof benefitBasisSchema>;

/** An innovation-level indicator: scored weight × level (1–3) for each innovation. */
export const indicatorSpecSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    code: slug,
    name: text(200),
    weight: positive,
    mandatory: z.boolean(),
    levels: z.tuple([rubricLevelSchema, rubricLevelSchema, rubricLevelSchema]),
    /** Only on the indicator coded `benefit`: the OPD picks one basis per innovation. */
    benefitBases: z.optional(z.array(benefitBasisSchema).check(z.minLength(1), z.maxLength(20))),
  }))();
export type IndicatorSpec = z.infer<typeof indicatorSpecSchema>;

/** A region readiness row (SPD): a statistic or fact of the region, scored weight × level (1–3) once a year. */
export const readinessRowSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    code: slug,
    /** The readiness indicator the row belongs to; some indicators have two rows (trend and level). */
    indicator: text(200),
    name: text(200),
    weight: positive,
    mandatory: z.boolean(),
    levels: z.tuple([text(300), text(300), text(300)]),
  }))();
export type ReadinessRow = z.infer<typeof readinessRowSchema>;

/** How the region's index is made from the two parts, and the predicate it earns. */
export const indexParametersSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Index = (SPD + SID) ÷ maxTotal × 100. */
    maxTotal: positive,
    /** The floor k of the divisor MAX(k, n), from a year on; for a year before the first entry, the first k. */
    divisorFloor: z
      .array(z.strictObject({ fromYear: z.int().check(z.minimum(2000), z.maximum(2200)), k: z.number() }))
      .check(z.minLength(1), z.maxLength(50)),
    /** perInnovation × min(n, cap) points for the number of innovations. */
    countBonus: z.strictObject({ perInnovation: z.number().check(z.nonnegative()), cap: z.int().check(z.minimum(0)) }),
    /** The count bonus is 0 unless the region's innovations cover every one of these affairs. */
    basicServiceAffairs: z.array(z.enum(GOVERNMENT_AFFAIRS)).check(z.maxLength(GOVERNMENT_AFFAIRS.length)),
    /** Descending by `min`: an index (in hundredths) at or above `min` earns `name`. */
    predicates: z.array(z.strictObject({ name: text(100), min: z.number() })).check(z.minLength(1), z.maxLength(20)),
    /** The predicate below every threshold (nothing reported, or no evidence). */
    fallbackPredicate: text(100),
  }))();
export type IndexParameters = z.infer<typeof indexParametersSchema>;

export const rubricEditionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: slug,
    name: text(200),
    description: z.optional(text(2_000)),
    /** The stage a track must have reached before its OPD may self-assess. */
    selfAssessmentStage: z.enum(STAGES),
    innovation: z.strictObject({
      maxScore: positive,
      indicators: z.array(indicatorSpecSchema).check(z.minLength(1), z.maxLength(100)),
    }),
    readiness: z.strictObject({
      maxScore: positive,
      rows: z.array(readinessRowSchema).check(z.minLength(1), z.maxLength(100)),
    }),
    index: indexParametersSchema,
  }))();
export type RubricEdition = z.infer<typeof rubricEditionSchema>;

/** `GET /rubric-editions`: every edition the platform ships. */
export const rubricEditionListSchema = /* @__PURE__ */ (() =>
  z.strictObject({ items: z.array(rubricEditionSchema) }))();
