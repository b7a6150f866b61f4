/**
 * A service manifest declares everything about a service that infrastructure needs to know: its table,
 * its functions, the HTTP routes each serves (with the roles allowed) and the events each consumes.
 * The CDK stack (infra/) and the local runtime (@inovda/local) are both generated from these, so nothing is
 * wired twice by hand. Manifests are plain data: importing one must never pull in handler code or the SDK.
 */

import type { Role } from '@inovda/kernel';
import type { ConsumerQueueSpec } from './consumer-queue';

export * from './consumer-queue';
export * from './event-archive';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An HTTP API route. `path` uses API Gateway syntax: `/innovations/{id}`. */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  /** Roles allowed to call the route. Enforced in the handler (HTTP API JWT authorizers cannot check groups). */
  readonly roles: readonly Role[];
  /** A public read: no JWT authorizer in front of it, no roles (see `publicHttpHandler` in @inovda/lambda-kit). */
  readonly public?: true;
}

export type AttributeType = 'S' | 'N';

export interface KeySpec {
  readonly partitionKey: { readonly name: string; readonly type: AttributeType };
  readonly sortKey?: { readonly name: string; readonly type: AttributeType };
}

export interface IndexSpec extends KeySpec {
  readonly name: string;
}

export interface TableSpec extends KeySpec {
  /** Logical name, unique in the stack (e.g. `submissions`). */
  readonly name: string;
  readonly globalIndexes: readonly IndexSpec[];
  /** Attribute holding an epoch-seconds expiry (idempotency, outbox and processed-event rows). */
  readonly timeToLiveAttribute: string;
}

/**
 * The table shape every service uses: string `pk`/`sk`, TTL on `expiresAt`, and generic overloaded indexes
 * `gsi1`…`gsiN` (each with `gsiNpk`/`gsiNsk`), whose meaning each service documents in its store/keys.ts.
 */
export function singleTable(name: string, indexCount: number): TableSpec {
  return {
    name,
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    timeToLiveAttribute: 'expiresAt',
    globalIndexes: Array.from({ length: indexCount }, (_, i) => ({
      name: `gsi${i + 1}`,
      partitionKey: { name: `gsi${i + 1}pk`, type: 'S' as const },
      sortKey: { name: `gsi${i + 1}sk`, type: 'S' as const },
    })),
  };
}

/** How data access is granted to a function: least privilege, decided per function. */
export type TableAccess = 'read' | 'write' | 'read-write';

/**
 * Retry policy of an EventBridge rule target (mirrors the CDK target props). For a subscription it covers only
 * delivering the event into the consumer's queue; errors of the consumer itself are the queue's to retry
 * ({@link CONSUMER_QUEUE}).
 */
export interface RetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
}

/**
 * An event subscription: an EventBridge rule on the region's bus whose target is the consumer function's queue
 * (one per function, see {@link consumerQueuePolicy}); the function reads the queue through an event source mapping.
 */
export interface SubscriptionSpec {
  /** Rule name, unique within the service. */
  readonly name: string;
  /** An EventBridge event pattern. */
  readonly pattern: Readonly<Record<string, unknown>>;
  readonly retry: RetryPolicy;
}

/** A scheduled rule: `rate(1 day)` or `cron(0 1 * * ? *)` in AWS; `localExpression` overrides locally. */
export interface ScheduleSpec {
  readonly name: string;
  readonly expression: string;
  readonly localExpression?: string;
  /**
   * Also run once as the local platform starts, before it takes requests or seeds: for a schedule that prepares what
   * requests and events rely on (the notifications' copy of the user directory), which would otherwise be missing
   * until its first run. In AWS the first run comes within one period of the deployment.
   */
  readonly localAtStart?: boolean;
}

export interface FunctionSpec {
  /** Logical id, unique within the service, kebab-case (e.g. `create-innovation`). */
  readonly name: string;
  /** Path of the handler module relative to the service folder; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly tableAccess?: TableAccess;
  /**
   * True when the function updates items in place (`UpdateItem`, or an `Update` in a transaction): its write
   * grant then includes `dynamodb:UpdateItem`. Without it a write grant is `PutItem` and `ConditionCheckItem` only.
   */
  readonly updatesItems?: boolean;
  /** True when the function publishes to the region's event bus (only outbox publishers should). */
  readonly putsEvents?: boolean;
  readonly routes?: readonly RouteSpec[];
  readonly subscriptions?: readonly SubscriptionSpec[];
  readonly schedules?: readonly ScheduleSpec[];
  /** True for the function fed by the service table's stream (the outbox publisher). */
  readonly consumesTableStream?: boolean;
  /**
   * True for the outbox sweeper: it gets the grace period after which a pending outbox row is its to republish
   * (`OUTBOX_SWEEP_GRACE_SECONDS`). See {@link withOutbox}.
   */
  readonly sweepsOutbox?: boolean;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  /**
   * Region settings the function reads: names of top-level entries of the region's settings (the region config,
   * `infra/regions/`), e.g. `opds`. Only the named entries reach the function, in its region settings file.
   */
  readonly regionSettings?: readonly string[];
  /** How the function's subscriptions are buffered and delivered to it, beyond {@link CONSUMER_QUEUE}'s defaults. */
  readonly consumerQueue?: ConsumerQueueSpec;
  /**
   * Failures the function handles rather than throws (so no error metric sees them), each logged with a fixed
   * `message`: the stack counts those log lines and alarms on any (e.g. a webhook delivery given up on).
   */
  readonly alarmOnLogs?: readonly LogAlarmSpec[];
  /** Permissions beyond the service's own table and the region bus, as data (see {@link FunctionGrant}). */
  readonly grants?: readonly FunctionGrant[];
}

/** An alarm on a log line: the function logs `message` (its JSON `message` field) when the failure happens. */
export interface LogAlarmSpec {
  /** PascalCase, unique in the function: names the metric and the alarm. */
  readonly name: string;
  readonly message: string;
  /** What the alarm tells the operator (English: operators read the runbook in English). */
  readonly description: string;
}

/**
 * A permission a function needs beyond its table and the bus. The stack turns each into least-privilege IAM; the
 * local runtime gives a function the local stand-in of a service (its endpoint) only when a grant names it.
 *
 * - `send-email`: SES v2 `SendEmail`, only from the region's sender identity and through its configuration set.
 * - `secrets`: Secrets Manager on the secrets named `inovda/<region>/<service>/<prefix>…` and no others; `read`
 *   is `GetSecretValue`, `manage` adds creating, rotating (putting a new version) and deleting them.
 * - `https-egress`: the function calls hosts outside AWS over HTTPS (webhooks). Lambda outside a VPC can always
 *   reach the internet, so this is a declaration the architecture test holds code to: only functions with it may
 *   make outbound HTTP calls.
 * - `user-directory`: reads the region's user directory (Cognito `ListUsersInGroup` on the region's user pool, and
 *   nothing else of it); the function gets the pool's id as `USER_POOL_ID`.
 */
export type FunctionGrant =
  | { readonly kind: 'send-email' }
  | { readonly kind: 'user-directory' }
  | { readonly kind: 'secrets'; readonly access: 'read' | 'manage'; readonly prefix: string }
  | { readonly kind: 'https-egress' };

export interface ServiceManifest {
  /** Service name; events it publishes have source `inovda.<name>`. */
  readonly name: string;
  /** Absolute path of the service folder (function entries are relative to it). */
  readonly root: string;
  readonly table: TableSpec;
  readonly functions: readonly FunctionSpec[];
}

/** Environment variable names shared by the stack, the local runtime and the handlers. */
export const ENV = {
  tableName: 'TABLE_NAME',
  eventBusName: 'EVENT_BUS_NAME',
  regionId: 'INOVDA_REGION_ID',
  /** Path of the function's region settings file (JSON), set only when the function reads region settings. */
  regionSettingsFile: 'INOVDA_REGION_SETTINGS_FILE',
  serviceName: 'INOVDA_SERVICE',
  /** Level of the functions' logs: DEBUG, INFO (default), WARN, ERROR or SILENT. */
  logLevel: 'INOVDA_LOG_LEVEL',
  /** Seconds an outbox row stays pending before the sweeper republishes it (only the sweeper has it). */
  outboxSweepGraceSeconds: 'OUTBOX_SWEEP_GRACE_SECONDS',
  /** The region's Cognito user pool, for a function with a `user-directory` grant (only it has it). */
  userPoolId: 'USER_POOL_ID',
} as const;

/**
 * Region settings travel in a file, not in the environment: Lambda allows 4 KB for all of a function's variables
 * together, and a kabupaten's 80 OPDs, stage gates of 50 rules a stage or a rubric edition are far bigger. In AWS
 * the file is written into the function's bundle at synth (`/var/task/region-settings.json`, versioned and
 * deployed with the code, read once at cold start with no network call); locally the runtime writes it per
 * function. Either way it holds only the entries the function's manifest names.
 */
export const REGION_SETTINGS_FILE_NAME = 'region-settings.json';

/** Where a deployed function finds its region settings file (the bundle root, `LAMBDA_TASK_ROOT`). */
export const DEPLOYED_REGION_SETTINGS_FILE = `/var/task/${REGION_SETTINGS_FILE_NAME}`;

/**
 * The region settings one function receives: exactly the entries its manifest names. A named entry the region
 * does not have is a wiring mistake, refused at synth and at local start alike.
 */
export function functionRegionSettings(
  manifest: ServiceManifest,
  fn: FunctionSpec,
  regionSettings: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const names = fn.regionSettings ?? [];
  if (names.length === 0) return undefined;
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    if (!Object.hasOwn(regionSettings, name) || regionSettings[name] === undefined) {
      throw new Error(`${manifest.name}/${fn.name} reads region setting '${name}', which the region does not define`);
    }
    picked[name] = regionSettings[name];
  }
  return picked;
}

/** What a function's environment is built from, in AWS and locally alike. */
export interface FunctionEnvironmentInput {
  readonly manifest: ServiceManifest;
  readonly fn: FunctionSpec;
  readonly tableName: string;
  readonly eventBusName: string;
  readonly regionId: string;
  /** Where the function's region settings file is (only used when the function reads region settings). */
  readonly regionSettingsFile: string;
  /** Overrides {@link OUTBOX_SWEEP}'s grace period (the local runtime's tests shorten it, as they shorten retries). */
  readonly outboxSweepGraceSeconds?: number;
  /** The region's user pool id; required for a function with a `user-directory` grant. */
  readonly userPoolId?: string;
}

/**
 * The environment of one function. The stack and the local runtime both call this, so a handler sees the same
 * variables everywhere; only SDK endpoints and credentials (standard `AWS_*` variables) differ locally.
 */
export function functionEnvironment(input: FunctionEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {
    [ENV.serviceName]: input.manifest.name,
    [ENV.regionId]: input.regionId,
  };
  if (input.fn.tableAccess || input.fn.consumesTableStream) env[ENV.tableName] = input.tableName;
  if (input.fn.putsEvents) env[ENV.eventBusName] = input.eventBusName;
  if ((input.fn.regionSettings ?? []).length > 0) env[ENV.regionSettingsFile] = input.regionSettingsFile;
  if (input.fn.sweepsOutbox) {
    env[ENV.outboxSweepGraceSeconds] = String(input.outboxSweepGraceSeconds ?? OUTBOX_SWEEP.graceSeconds);
  }
  if ((input.fn.grants ?? []).some((grant) => grant.kind === 'user-directory')) {
    if (!input.userPoolId) {
      throw new Error(`${input.manifest.name}/${input.fn.name} reads the user directory, but no user pool was given`);
    }
    env[ENV.userPoolId] = input.userPoolId;
  }
  return env;
}

/**
 * Only outbox rows reach the publisher: the stream's event-source filter (Lambda filter criteria use the
 * EventBridge pattern syntax, so the local poller applies the same pattern with the same matcher).
 */
export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } },
} as const;

/**
 * CORS of the HTTP API, in AWS (the stack's `corsPreflight`) and locally alike: the request headers the web app
 * sends beyond the CORS-safelisted ones, the response headers it reads (optimistic concurrency and created
 * resources), and how long a browser may cache a preflight. The allowed origins are per region.
 */
export const API_CORS = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
  exposeHeaders: ['etag', 'location'],
  maxAgeSeconds: 3600,
} as const;

/** Memory and timeout of a function whose manifest entry does not set them (stack and local runtime alike). */
export const FUNCTION_DEFAULTS = { memoryMb: 512, timeoutSeconds: 10 } as const;

/**
 * Retry policy of schedule targets (a `ScheduleSpec` sets none): a missed tick is retried for an hour, then kept
 * as a dead letter.
 */
export const SCHEDULE_RETRY: RetryPolicy = { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 };

/**
 * What Lambda allows in a function's asynchronous invocation config (`EventInvokeConfig`): at most 2 retries of
 * an event the function failed on, and an event age between 1 minute and 6 hours.
 */
export const LAMBDA_ASYNC_INVOKE_LIMITS = {
  maximumRetryAttempts: 2,
  minimumEventAgeSeconds: 60,
  maximumEventAgeSeconds: 21_600,
} as const;

/**
 * How Lambda itself retries an asynchronous invocation (an EventBridge rule or schedule invoking the function)
 * when the function fails, before the event goes to the function's DLQ. This is a separate layer from the rule
 * target's {@link RetryPolicy}, which covers only failures to invoke (throttling, service errors).
 */
export interface AsyncInvokePolicy {
  readonly retryAttempts: number;
  readonly maximumEventAgeSeconds: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The asynchronous invocation policy that carries a rule target's retry policy over to the function, within
 * Lambda's limits: `min(2, maximumRetryAttempts)` retries, the same event age (1 minute to 6 hours).
 */
export function asyncInvokePolicy(retry: RetryPolicy): AsyncInvokePolicy {
  return {
    retryAttempts: clamp(Math.floor(retry.maximumRetryAttempts), 0, LAMBDA_ASYNC_INVOKE_LIMITS.maximumRetryAttempts),
    maximumEventAgeSeconds: clamp(
      Math.floor(retry.maximumEventAgeSeconds),
      LAMBDA_ASYNC_INVOKE_LIMITS.minimumEventAgeSeconds,
      LAMBDA_ASYNC_INVOKE_LIMITS.maximumEventAgeSeconds,
    ),
  };
}

/**
 * The asynchronous invocation policy of a function, or undefined when no schedule invokes it. Subscriptions do
 * not invoke their function asynchronously: their rules deliver into the function's queue, which the function
 * reads through an event source mapping (see {@link consumerQueuePolicy}). The stack and the local runtime both
 * use this.
 */
export function functionAsyncInvokePolicy(fn: FunctionSpec): AsyncInvokePolicy | undefined {
  const policies = (fn.schedules ?? []).length > 0 ? [asyncInvokePolicy(SCHEDULE_RETRY)] : [];
  if (policies.length === 0) return undefined;
  return {
    retryAttempts: Math.max(...policies.map((policy) => policy.retryAttempts)),
    maximumEventAgeSeconds: Math.max(...policies.map((policy) => policy.maximumEventAgeSeconds)),
  };
}

/** Retry policy of the stream event source mapping before a batch goes to the DLQ. */
export const OUTBOX_STREAM_RETRY = { maximumRetryAttempts: 10, batchSize: 50, bisectBatchOnError: true } as const;

/** Every route of a manifest with the function serving it. */
export function routesOf(manifest: ServiceManifest): Array<{ fn: FunctionSpec; route: RouteSpec }> {
  return manifest.functions.flatMap((fn) => (fn.routes ?? []).map((route) => ({ fn, route })));
}

/**
 * The sparse index of outbox rows not yet published: a row is written with `outboxPending` (always
 * {@link OUTBOX_PENDING_INDEX.pendingValue}) and `outboxPendingSince` (`<ISO time written>#<event id>`, oldest
 * first), and the publisher removes both once EventBridge has accepted the event, which drops the row out of the
 * index. What is left in it is exactly what may not have reached the bus: the sweeper's work list, and what an
 * operator reads to see it (`Query outbox-pending where outboxPending = PENDING`). A dedicated index rather than a
 * spare `gsiN`: the outbox code is shared by every service, so its keys must be the same in every table.
 */
export const OUTBOX_PENDING_INDEX = {
  name: 'outbox-pending',
  partitionKey: 'outboxPending',
  sortKey: 'outboxPendingSince',
  pendingValue: 'PENDING',
} as const;

/**
 * The outbox sweeper's schedule and limits. Every 5 minutes in AWS (every minute locally) it republishes rows
 * pending for longer than `graceSeconds`: long enough that the stream path (seconds, its in-call retries
 * included) has normally marked the row, so a healthy region sees no duplicates; a duplicate is harmless anyway,
 * consumers being idempotent on `metadata.eventId`. `maxRowsPerRun` bounds one run's work (the next run goes on),
 * well inside `timeoutSeconds` even when every call is retried.
 */
export const OUTBOX_SWEEP = {
  expression: 'rate(5 minutes)',
  localExpression: 'rate(1 minute)',
  graceSeconds: 120,
  maxRowsPerRun: 500,
  timeoutSeconds: 120,
} as const;

/**
 * Gives a service its outbox, declared once: the pending index on its table, the publisher (fed by the table's
 * stream; it marks what it published, an in-place update) and the sweeper (on a schedule; it republishes what
 * stayed pending, whatever the stream did with it). Both handlers are the shared ones of `@inovda/dynamo`,
 * re-exported by the service as `src/handlers/outbox-publisher.ts` and `src/handlers/outbox-sweeper.ts`.
 */
export function withOutbox(manifest: ServiceManifest): ServiceManifest {
  const index: IndexSpec = {
    name: OUTBOX_PENDING_INDEX.name,
    partitionKey: { name: OUTBOX_PENDING_INDEX.partitionKey, type: 'S' },
    sortKey: { name: OUTBOX_PENDING_INDEX.sortKey, type: 'S' },
  };
  return {
    ...manifest,
    table: { ...manifest.table, globalIndexes: [...manifest.table.globalIndexes, index] },
    functions: [
      ...manifest.functions,
      {
        name: 'outbox-publisher',
        entry: 'src/handlers/outbox-publisher.ts',
        description: 'Publish outbox rows from the table stream to the region event bus, and mark them published',
        consumesTableStream: true,
        putsEvents: true,
        tableAccess: 'write',
        updatesItems: true,
        timeoutSeconds: 60,
      },
      {
        name: 'outbox-sweeper',
        entry: 'src/handlers/outbox-sweeper.ts',
        description: 'Republish outbox rows still pending after the grace period (the stream gave up on them)',
        sweepsOutbox: true,
        putsEvents: true,
        tableAccess: 'read-write',
        updatesItems: true,
        schedules: [
          { name: 'outbox-sweep', expression: OUTBOX_SWEEP.expression, localExpression: OUTBOX_SWEEP.localExpression },
        ],
        timeoutSeconds: OUTBOX_SWEEP.timeoutSeconds,
      },
    ],
  };
}

/** How the web app signs people in: the local dev users' page, or Cognito managed login (code flow with PKCE). */
export type WebAppAuth =
  | { readonly kind: 'local' }
  | { readonly kind: 'cognito'; readonly domain: string; readonly clientId: string; readonly userPoolId: string };

/** The web app's `/config.json`: what one build needs to serve a region (its API, its sign-in, its OPDs' names). */
export interface WebAppConfig {
  readonly apiUrl: string;
  readonly regionName: string;
  /** The region's OPDs, so pages name an OPD rather than show its id. */
  readonly opds: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly auth: WebAppAuth;
}

/**
 * The web app's `/config.json` for a region, as the region stack deploys it and the local platform serves it. One
 * definition, so the two cannot differ.
 */
export function webAppConfig(settings: {
  readonly apiUrl: string;
  readonly region: {
    readonly displayName: string;
    readonly opds: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  };
  readonly auth: WebAppAuth;
}): WebAppConfig {
  return {
    apiUrl: settings.apiUrl,
    regionName: settings.region.displayName,
    opds: settings.region.opds.map(({ id, name }) => ({ id, name })),
    auth: settings.auth,
  };
}

/**
 * The response headers the web app is served with, in AWS by CloudFront's response headers policy and locally by
 * the platform's stand-in: a strict CSP that lets the app reach only itself, the region's API and its sign-in
 * domain, no framing, no sniffing, and no referrer beyond the origin. One definition, so the two cannot differ.
 */
export function webAppSecurityHeaders(connect: { readonly apiOrigin: string; readonly authOrigin?: string }) {
  const connectSources = ["'self'", connect.apiOrigin, ...(connect.authOrigin ? [connect.authOrigin] : [])];
  return {
    contentSecurityPolicy: [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connectSources.join(' ')}`,
      `form-action 'self'${connect.authOrigin ? ` ${connect.authOrigin}` : ''}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
    referrerPolicy: 'strict-origin-when-cross-origin',
    frameOptions: 'DENY',
    contentTypeOptions: 'nosniff',
    /** HTTPS only, two years, subdomains too (CloudFront sends it; the local origin is plain HTTP and does not). */
    strictTransportSecurityMaxAgeSeconds: 63_072_000,
    permissionsPolicy: 'camera=(), microphone=(), geolocation=(), payment=()',
  } as const;
}
