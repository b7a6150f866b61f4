import { EDITION_IDS } from '@inovda/scoring';
import { DEFAULT_STAGE_GATES, stageGatesSchema } from '@inovda/workflow';
import * as z from 'zod';

/**
 * Longest OPD id: the same cap as the contracts' `OPD_ID` (packages/contracts), so every id a region config
 * accepts is one the events and the API accept too.
 */
export const OPD_ID_MAX_LENGTH = 64;

/**
 * The window the per-caller limits count over, in seconds: AWS WAF's default evaluation window for rate-based
 * rules (it also offers 60, 120 and 600). The local gateway refills each caller's budget over the same window.
 */
export const RATE_LIMIT_WINDOW_SECONDS = 300;

/** The smallest rate limit AWS WAF accepts for a rate-based rule. */
const WAF_MIN_RATE_LIMIT = 10;

/**
 * What Cognito accepts as a managed login domain prefix: lower-case letters, digits and hyphens, not at either end,
 * at most 63 characters, without the words Cognito reserves.
 */
const COGNITO_DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const COGNITO_RESERVED_WORDS = ['aws', 'amazon', 'cognito'];

/** The region's sign-in domain prefix: the config's, or `inovda-<region id>`. */
export function signInDomainPrefixOf(config: { id: string; signInDomainPrefix?: string | undefined }): string {
  return config.signInDomainPrefix ?? `inovda-${config.id}`;
}

/** A work unit (OPD) of a region. `id` is a stable slug used in tokens, keys and events. */
const opdSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'OPD id must be a kebab-case slug')
    .max(OPD_ID_MAX_LENGTH, `OPD id must be at most ${OPD_ID_MAX_LENGTH} characters`),
  name: z.string().min(3).max(200),
  /** The OPD's official address: told by e-mail even when none of its staff has signed in yet. */
  email: z.email().optional(),
  /** The coordinating agency (Balitbang / BRIDA) runs the programme. */
  coordinator: z.boolean().default(false),
});

/**
 * Everything that differs between two Pemda deployments. Validated when the CDK app and the local runtime load
 * it, so a bad config fails `cdk synth` (and `npm start`) with a readable message instead of a broken stack.
 */
export const regionConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'region id must be a kebab-case slug'),
    displayName: z.string().min(3),
    kind: z.enum(['kota', 'kabupaten', 'provinsi']),
    /** AWS region the stack deploys to; account comes from the CLI environment unless pinned here. */
    aws: z.strictObject({
      region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/),
      account: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
    }),
    opds: z.array(opdSchema).min(1),
    /**
     * Edition of the national innovation-index rubric the scoring service applies to the cycles opened from now on
     * (a cycle keeps the edition it opened under). One of the editions the scoring service ships.
     */
    rubricEdition: z.enum(EDITION_IDS as [string, ...string[]]),
    /**
     * How an indicator's verified level comes from its evaluators' levels: their median (the lower middle one for
     * an even count) or, stricter, their minimum.
     */
    scoringRule: z.enum(['median', 'minimum']).default('median'),
    /**
     * What leaving each 5D stage requires (the workflow service's gate rules, as data). Absent: the workflow
     * default from the domain notes. Reaches the functions that need it through their environment.
     */
    stageGates: z.optional(stageGatesSchema).transform((gates) => gates ?? DEFAULT_STAGE_GATES),
    /** Production stacks keep their data when the stack is deleted. */
    production: z.boolean(),
    logRetentionDays: z.union([z.literal(30), z.literal(90), z.literal(180), z.literal(365), z.literal(731)]),
    api: z.strictObject({
      throttleRatePerSecond: z.number().int().positive().max(10_000),
      throttleBurst: z.number().int().positive().max(5_000),
      /** Origins of the web app allowed by CORS. */
      allowedOrigins: z.array(z.url()).min(1),
      /**
       * Requests one caller (one token) may send per {@link RATE_LIMIT_WINDOW_SECONDS}; more are refused with 429
       * at the edge. 600 (2 a second sustained, the whole budget at once after a quiet spell) is far above what a
       * person clicking through the web app sends, and keeps a looping client to a small share of the stage's rate.
       */
      perCallerLimit: z.number().int().min(WAF_MIN_RATE_LIMIT).max(2_000_000_000).default(600),
      /**
       * Requests one client address may send per window, whatever token they carry: the backstop for requests with
       * no token or a new made-up one each time (each would otherwise be a caller of its own). Higher than the
       * per-caller limit because a whole OPD office may reach the API through one NAT address.
       */
      perAddressLimit: z.number().int().min(WAF_MIN_RATE_LIMIT).max(2_000_000_000).default(3000),
    }),
    notifications: z.strictObject({
      senderEmail: z.email(),
      /**
       * Whether the stack creates the SES identity of the sender (an address identity: SES mails it a verification
       * link once). Off when the Pemda's IT already verified the address or its domain for other systems (SES
       * refuses a second identity for it); the identity outlives the stack either way (it is retained).
       */
      createSenderIdentity: z.boolean().default(true),
    }),
    alarmEmail: z.email(),
    /**
     * Prefix of the managed login domain, `https://<prefix>.auth.<aws-region>.amazoncognito.com`. Unique per AWS
     * Region across all accounts: when `inovda-<id>` is taken by another account, name another here.
     */
    signInDomainPrefix: z.string().optional(),
  })
  .superRefine((config, ctx) => {
    const prefix = signInDomainPrefixOf(config);
    if (!COGNITO_DOMAIN_PREFIX.test(prefix) || COGNITO_RESERVED_WORDS.some((word) => prefix.includes(word))) {
      ctx.addIssue({
        code: 'custom',
        path: ['signInDomainPrefix'],
        message: `sign-in domain prefix ${prefix} is not one Cognito accepts: 1-63 lower-case letters, digits and inner hyphens, without ${COGNITO_RESERVED_WORDS.join(', ')}`,
      });
    }
    const ids = config.opds.map((opd) => opd.id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) ctx.addIssue({ code: 'custom', path: ['opds'], message: `duplicate OPD id ${duplicate}` });
    if (config.opds.filter((opd) => opd.coordinator).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['opds'], message: 'exactly one OPD must be the coordinator' });
    }
  });

export type RegionConfigInput = z.input<typeof regionConfigSchema>;
export type RegionConfig = z.output<typeof regionConfigSchema>;
export type OpdConfig = RegionConfig['opds'][number];

/** Validates a region config, failing with every problem listed. */
export function defineRegion(input: RegionConfigInput): RegionConfig {
  const result = regionConfigSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`invalid region config ${String(input.id)}:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
