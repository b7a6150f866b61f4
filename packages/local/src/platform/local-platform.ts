import type { DevUser } from '../cognito/dev-users';
import type { LocalEventBus } from '../eventbridge/bus';
import type { LocalReplayRequest } from '../eventbridge/local-replays';
import type { ReplayDescription } from '../eventbridge/replays';
import type { LocalFaults } from '../faults/switchboard';
import type { InvokeResult } from '../lambda/invocation';
import type { LocalRegion } from '../local-region';
import type { ScheduleView } from '../scheduler/scheduled-rules';
import type { LocalMailbox } from '../ses/mailbox';
import type { LocalQueues } from './consumer-queues';

/** The running platform. */
export interface LocalPlatform {
  /** The API, `http://localhost:<port>`. */
  readonly url: string;
  /** The web app, `http://localhost:<port>`, when it is served (option `webApp`). */
  readonly webUrl?: string;
  readonly region: LocalRegion;
  readonly dynamoEndpoint: string;
  /** Where `AWS_ENDPOINT_URL_EVENTBRIDGE` points. */
  readonly eventBridgeEndpoint: string;
  /**
   * Where `AWS_ENDPOINT_URL_SESV2` points: the SES v2 emulator, whose page at this address shows the sent mails.
   * Undefined when it is off (`sesEndpoint: false`).
   */
  readonly sesEndpoint: string | undefined;
  /** The mails the SES v2 emulator has accepted, read back (undefined when it is off). */
  readonly mailbox: LocalMailbox | undefined;
  /** Where `AWS_ENDPOINT_URL_SECRETS_MANAGER` points (functions with a `secrets` grant). */
  readonly secretsManagerEndpoint: string;
  readonly eventBusName: string;
  /** Table name per service. */
  readonly tableNames: Readonly<Record<string, string>>;
  /** Undefined in memory. */
  readonly dataDir: string | undefined;
  /** The bus; its `whenIdle()` also waits for every consumer queue to be empty (retries and DLQ moves included). */
  readonly bus: LocalEventBus;
  /** The consumer queues and their DLQs: depths, contents, redrive (also `/local/queues`). */
  readonly queues: LocalQueues;
  /** Faults to inject (PutEvents failing, stream pollers stopped…), all off at start; also `/local/faults`. */
  readonly faults: LocalFaults;
  readonly users: readonly DevUser[];
  /** An ID token for a dev user (throws for an unknown one). */
  tokenFor(username: string): Promise<string>;
  /** Invokes `<service>/<function>` directly, synchronously. */
  invoke(functionId: string, event: unknown): Promise<InvokeResult>;
  /** Fires a schedule now; resolves when its delivery (with retries) is done. */
  runSchedule(name: string): Promise<void>;
  /** Scheduled rules and when they next run. */
  schedules(): readonly ScheduleView[];
  /**
   * Replays the bus's archive (an EventBridge `StartReplay`): the archived events whose `time` is in [`from`, `to`)
   * go again, in order and with `replay-name`, to the bus's rules (only `rules`, by name or ARN, when given).
   * Resolves once the replay has ended and the bus is idle, so the consumers have processed every replayed event
   * too (retries and DLQ moves included, as `bus.whenIdle()`). Refuses as StartReplay does (`EventBridgeError`).
   */
  replay(request: LocalReplayRequest & { readonly name: string }): Promise<ReplayDescription>;
  /** Stops everything started (DynamoDB Local and the SES v2 emulator too, unless passed in). Safe to call twice. */
  stop(): Promise<void>;
}
