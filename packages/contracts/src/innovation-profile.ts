import * as z from 'zod/mini';

/**
 * The innovation profile: the national form (Indeks Inovasi Daerah) an OPD fills as its innovation moves
 * through the 5D stages. Every field but the name and owner OPD is optional in a draft: completeness is a
 * stage-gate rule (workflow service), not a validation rule. Limits keep one item far below DynamoDB's 400 KB.
 */

export const MATURITIES = ['initiative', 'trial', 'implemented'] as const;
export const INITIATOR_KINDS = ['regional-head', 'dprd-member', 'opd', 'civil-servant', 'public'] as const;
export const INNOVATION_TYPES = ['digital', 'non-digital'] as const;
export const INNOVATION_FORMS = ['public-service', 'governance', 'other'] as const;
export const BUDGET_SOURCES = ['apbd', 'apbn', 'apbdes', 'csr', 'other', 'none'] as const;
/** Government affairs (urusan pemerintahan); the first six are the basic-service affairs the index counts. */
export const GOVERNMENT_AFFAIRS = [
  'education',
  'health',
  'public-works-spatial-planning',
  'housing-settlements',
  'public-order-protection',
  'social',
  'labour',
  'women-child-protection',
  'food',
  'land',
  'environment',
  'population-civil-registration',
  'village-community-empowerment',
  'family-planning',
  'transportation',
  'communication-informatics',
  'cooperatives-smes',
  'investment',
  'youth-sports',
  'statistics',
  'culture',
  'library',
  'archives',
  'tourism',
  'agriculture',
  'trade',
  'industry',
  'finance',
  'planning',
  'research-innovation',
  'other',
] as const;

/** Indicator codes of the innovation-level rubric (DOMAIN.md); evidence is attached per indicator. */
export const INDICATORS = [
  'regulation',
  'human-resources',
  'budget',
  'tools',
  'technical-training',
  'regional-work-plan',
  'actors',
  'implementer-mandate',
  'network',
  'socialisation',
  'technical-guide',
  'ease-of-information',
  'ease-of-process',
  'complaint-handling',
  'integrated-service',
  'replication',
  'speed-of-creation',
  'benefit',
  'monitoring-evaluation',
  'quality-video',
] as const;

export const OPD_ID = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'harus berupa kode OPD: huruf kecil, angka dan tanda hubung'),
    z.maxLength(64),
  );

/** Trimmed text of 1 to `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
export function text(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
}
// The schemas below are built in calls marked pure (`/* @__PURE__ */ (() => …)()`): a method call such as
// `.check()` would otherwise keep them, and the zod features they use, in every bundle importing this module, even
// one that only needs `OPD_ID` or the field names.

const isoDate = /* @__PURE__ */ (() => z.iso.date())();
const httpUrl = /* @__PURE__ */ (() => z.url({ protocol: /^https?$/ }).check(z.maxLength(2_000)))();

export const milestoneSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    title: text(300),
    dueDate: isoDate,
    done: z.optional(z.boolean()),
  }))();

export const evidenceSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    indicator: z.enum(INDICATORS),
    url: httpUrl,
    title: z.optional(text(300)),
  }))();

export const contactPersonSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: text(200),
    position: z.optional(text(200)),
    phone: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.regex(/^\+?[0-9 ()-]{6,20}$/, 'nomor telepon hanya boleh berisi angka, spasi, +, ( ) atau -'),
        ),
    ),
    email: z.optional(z.email().check(z.maxLength(254))),
  }))();

/** Every field of the profile; the shapes shared by the API, the events and the stage gates. */
export const profileFields = /* @__PURE__ */ (() =>
  ({
    name: text(200),
    opdId: OPD_ID,
    initiatorKind: z.enum(INITIATOR_KINDS),
    type: z.enum(INNOVATION_TYPES),
    form: z.enum(INNOVATION_FORMS),
    governmentAffairs: z.array(z.enum(GOVERNMENT_AFFAIRS)).check(
      z.minLength(1),
      z.maxLength(10),
      z.refine((items) => new Set(items).size === items.length, 'urusan pemerintahan tidak boleh berulang'),
    ),
    maturity: z.enum(MATURITIES),
    trialStartDate: isoDate,
    implementationStartDate: isoDate,
    problemStatement: text(10_000),
    rootCause: text(10_000),
    beneficiaries: text(5_000),
    designNarrative: text(30_000),
    goals: text(5_000),
    benefits: text(5_000),
    results: text(10_000),
    milestones: z.array(milestoneSchema).check(z.maxLength(50)),
    budgetSource: z.enum(BUDGET_SOURCES),
    evidence: z.array(evidenceSchema).check(z.maxLength(100)),
    contactPerson: contactPersonSchema,
  }) as const)();

export type ProfileFieldName = keyof typeof profileFields;

/**
 * The names of the profile's fields, in form order. Written out rather than taken from `profileFields`: code that
 * only names fields (the stage gates) then bundles none of the fields' schemas. The type checks it lists exactly the
 * fields of `profileFields`, and a test checks the order.
 */
export const PROFILE_FIELD_NAMES = [
  'name',
  'opdId',
  'initiatorKind',
  'type',
  'form',
  'governmentAffairs',
  'maturity',
  'trialStartDate',
  'implementationStartDate',
  'problemStatement',
  'rootCause',
  'beneficiaries',
  'designNarrative',
  'goals',
  'benefits',
  'results',
  'milestones',
  'budgetSource',
  'evidence',
  'contactPerson',
] as const satisfies readonly ProfileFieldName[];

/** A field added to `profileFields` and not listed above fails the type check here. */
export type UnlistedProfileFields = Exclude<ProfileFieldName, (typeof PROFILE_FIELD_NAMES)[number]>;
export const EVERY_PROFILE_FIELD_LISTED: [UnlistedProfileFields] extends [never] ? true : UnlistedProfileFields = true;

type OptionalFields = Omit<typeof profileFields, 'name' | 'opdId'>;

/** The optional profile fields, each wrapped by `wrap` (optional for the profile, nullable too for a patch). */
/* @__NO_SIDE_EFFECTS__ */
export function mapOptionalFields<Wrapped extends { [K in keyof OptionalFields]: z.ZodMiniType }>(
  wrap: (schema: OptionalFields[keyof OptionalFields]) => z.ZodMiniType,
): Wrapped {
  const { name: _name, opdId: _opdId, ...optionalFields } = profileFields;
  return Object.fromEntries(
    Object.entries(optionalFields).map(([key, schema]) => [key, wrap(schema as OptionalFields[keyof OptionalFields])]),
  ) as Wrapped;
}

/**
 * The profile as stored and published: name and OPD always present, everything else optional. Built in a call
 * marked pure, so a bundle that never uses the profile schema drops it (and the field schemas it pulls in).
 */
export const profileSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: profileFields.name,
    opdId: profileFields.opdId,
    ...mapOptionalFields<{ [K in keyof OptionalFields]: z.ZodMiniOptional<OptionalFields[K]> }>((schema) =>
      z.optional(schema),
    ),
  }))();
export type Profile = z.infer<typeof profileSchema>;

export const INNOVATION_STATUSES = ['draft', 'registered', 'withdrawn'] as const;
export type InnovationStatus = (typeof INNOVATION_STATUSES)[number];
