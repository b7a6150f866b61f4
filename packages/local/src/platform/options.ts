import type { ServiceManifest } from '@inovda/manifest';
import type { CallerLimit } from '../apigateway/caller-limits';
import type { LocalServiceEndpoints } from '../lambda/environment';
import type { LocalRegion } from '../local-region';
import type { LocalLogger } from '../log';
import type { ConsumerQueueOverrides } from './consumer-queues';

/** What a seed function gets: the running API and tokens of the dev users. */
export interface SeedContext {
  readonly url: string;
  readonly region: LocalRegion;
  tokenFor(username: string): Promise<string>;
}

/** Options of `startLocalPlatform`. */
export interface StartLocalPlatformOptions {
  /** The region config; it is also the source of the region settings functions read (see {@link LocalRegion}). */
  readonly region: LocalRegion;
  readonly services: readonly ServiceManifest[];
  /** API port (default: env PORT, else 3000; 0 picks a free one). */
  readonly port?: number;
  /** Where data persists (default: env INOVDA_DATA_DIR, else `<repo>/.inovda/data`). */
  readonly dataDir?: string;
  /** Keep nothing on disk (default: env INOVDA_IN_MEMORY=1). */
  readonly inMemory?: boolean;
  /** Use an already running DynamoDB Local instead of spawning one. */
  readonly dynamoEndpoint?: string;
  /**
   * Whether the functions reach DynamoDB Local through the runtime's pass-through, where the `dynamodb-throttled`
   * fault acts (default true). `false`: they call it directly and the fault has no effect. The load run and the
   * bench measure the platform, not this test plumbing: every consumer's DynamoDB call crossing the runtime's own
   * event loop (shared with the gateway and a load generator) slowed the consumers several times under load.
   */
  readonly dynamoDbFaults?: boolean;
  /**
   * The SES v2 emulator: by default the platform starts one (aws-ses-v2-local); a URL uses an already running
   * aws-ses-v2-local instead (the mailbox reads its `/store`); `false` runs none, so functions with a `send-email`
   * grant get no SES endpoint.
   */
  readonly sesEndpoint?: string | false;
  /** Prefix of table names, to isolate runs sharing one DynamoDB Local. */
  readonly tablePrefix?: string;
  /**
   * Local stand-ins of further AWS services (Secrets Manager), already running. A function gets one's endpoint
   * only when its manifest entry grants it (`secrets`), as IAM would allow only then. SES v2 is `sesEndpoint`'s.
   */
  readonly endpoints?: Omit<LocalServiceEndpoints, 'sesv2'>;
  /** The API's OpenAPI document, served at `GET /openapi.json` (no token needed); without it that path is a 404. */
  readonly openApi?: () => unknown;
  /** Runs once the platform is up, when the data dir is new (or always in memory); its result is ignored. */
  readonly seed?: (context: SeedContext) => Promise<unknown>;
  readonly log?: LocalLogger;
  /** First retry delay of rule targets and stream batches (default 1000 ms and 200 ms; tests pass a few ms). */
  readonly retryBaseDelayMs?: number;
  /**
   * Shorter visibility timeouts (retry spacing) and receive counts of the consumer queues (default: the manifest's,
   * 2 minutes and a day of receives); tests shorten them, as they shorten retry delays.
   */
  readonly consumerQueues?: ConsumerQueueOverrides;
  /**
   * How long an outbox row stays pending before the outbox sweeper republishes it (default: the manifest's,
   * `OUTBOX_SWEEP.graceSeconds`); tests shorten it, as they shorten retry delays.
   */
  readonly outboxSweepGraceSeconds?: number;
  /** Stream poll interval (default 200 ms). */
  readonly streamPollIntervalMs?: number;
  /** Log level of the handlers (`INOVDA_LOG_LEVEL`, default INFO). */
  readonly functionLogLevel?: string;
  /** HTTP API integration timeout (default 30 s, as in AWS). */
  readonly integrationTimeoutMs?: number;
  /**
   * The built web app to serve (`packages/web/dist`), on its own port as CloudFront serves it apart from the API
   * (default: env WEB_PORT, else 3001; 0 picks a free one). Without it no web app is served.
   */
  readonly webApp?: { readonly distDir: string; readonly port?: number };
  /** CORS origins allowed besides localhost (e.g. the region's web app origins). */
  readonly allowedOrigins?: readonly string[];
  /**
   * Each caller's request budget, as the WAF rules in front of the API enforce it in AWS (`npm start` passes the
   * region's `api.perCallerLimit` per 300 s); absent, callers are not limited (tests that loop over the API).
   */
  readonly callerLimit?: CallerLimit;
}
