import { randomUUID } from 'node:crypto';
import type { RetryPolicy } from '@inovda/manifest';
import { errorMessage } from '../errors';
import { testEventPattern, validateEventPattern } from '../event-pattern';
import type { LocalLogger } from '../log';
import { eventBusArn, ruleArn } from '../naming';
import { type BackoffOptions, backoffDelay, sleep } from '../retry';
import type { DeadLetter, DeadLetterSource, DeadLetterStore } from '../sqs/dead-letters';
import type { EventArchive } from './event-archive';
import {
  type EventBridgeEvent,
  isResultError,
  type PutEventsEntryInput,
  type PutEventsResult,
  type PutEventsResultEntry,
  toEventBridgeEvent,
  validateEntry,
  validatePutEventsRequest,
} from './put-events';

/** The result of one delivery attempt to a target. */
export type DeliveryOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly errorCode: string; readonly errorMessage: string };

/** Where a rule sends matching events: a Lambda function, or an in-process test subscriber. */
export interface BusTarget {
  readonly arn: string;
  deliver(event: EventBridgeEvent): Promise<DeliveryOutcome>;
}

/** A rule: a pattern (or a schedule, see scheduler.ts), one target and the target's retry policy. */
export interface BusRule {
  readonly name: string;
  /** Undefined for scheduled rules, which match no events. */
  readonly pattern?: Readonly<Record<string, unknown>>;
  readonly scheduleExpression?: string;
  readonly retry: RetryPolicy;
  readonly target: BusTarget;
  /** What the dead letter records it as. */
  readonly source?: DeadLetterSource;
}

/** A rule as `ListRules` describes it. */
export interface RuleView {
  readonly Name: string;
  readonly Arn: string;
  readonly EventPattern?: string;
  readonly ScheduleExpression?: string;
  readonly State: 'ENABLED';
  readonly EventBusName: string;
}

/** An in-process subscriber (tests). Throwing counts as a failed delivery, retried per the subscription. */
export type BusSubscriber = (event: EventBridgeEvent) => unknown;

/** How the bus is set up. */
export interface EventBusOptions {
  readonly name: string;
  readonly awsRegion: string;
  readonly deadLetters: DeadLetterStore;
  readonly log: LocalLogger;
  /** Retry delays (defaults: 1 s doubling up to 60 s; tests pass a few milliseconds). */
  readonly backoff?: Partial<BackoffOptions>;
  /** The bus's archive, if it has one: every event the bus accepts is offered to it. */
  readonly archive?: EventArchive;
}

/** The event bus of the region, as the platform exposes it. */
export interface LocalEventBus {
  readonly name: string;
  readonly arn: string;
  /** Subscribes in-process to events matching `pattern`; returns the unsubscribe function. */
  subscribe(
    name: string,
    pattern: Readonly<Record<string, unknown>>,
    handler: BusSubscriber,
    retry?: RetryPolicy,
  ): () => void;
  /** PutEvents, in-process (the HTTP endpoint calls the same). */
  putEvents(entries: readonly PutEventsEntryInput[]): PutEventsResult;
  /** Every dead letter, oldest first. */
  deadLetters(): readonly DeadLetter[];
  /** The events in the bus's archive, oldest arrival first (none without an archive). */
  archived(): readonly EventBridgeEvent[];
  /** The rules, as `ListRules` answers. */
  rules(): readonly RuleView[];
  /** Resolves once no delivery is in flight or waiting for a retry, and no replay is running. */
  whenIdle(): Promise<void>;
}

const IN_PROCESS_RETRY: RetryPolicy = { maximumRetryAttempts: 0, maximumEventAgeSeconds: 86_400 };

/**
 * The local EventBridge bus: PutEvents validated as AWS validates it, rules matched with EventBridge's pattern
 * semantics (`event-pattern/`), and each matching target invoked asynchronously, after PutEvents has answered,
 * with the rule target's retry policy; what keeps failing goes to the dead-letter store.
 */
export class EventBus implements LocalEventBus {
  readonly arn: string;
  private readonly ruleList: BusRule[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: EventBusOptions) {
    this.arn = eventBusArn(options.awsRegion, options.name);
    this.backoff = { baseDelayMs: 1_000, maxDelayMs: 60_000, ...options.backoff };
  }

  get name(): string {
    return this.options.name;
  }

  /** The retry delays in effect (Lambda targets retry function errors with the same). */
  get backoffOptions(): BackoffOptions {
    return this.backoff;
  }

  /** Adds a rule; its pattern is validated as PutRule would (throws `InvalidEventPatternError`). */
  addRule(rule: BusRule): void {
    if (rule.pattern) validateEventPattern(rule.pattern);
    if (this.ruleList.some((existing) => existing.name === rule.name)) {
      throw new Error(`rule ${rule.name} already exists on ${this.name}`);
    }
    this.ruleList.push(rule);
  }

  /** Removes a rule by name. */
  removeRule(name: string): void {
    const index = this.ruleList.findIndex((rule) => rule.name === name);
    if (index >= 0) this.ruleList.splice(index, 1);
  }

  subscribe(
    name: string,
    pattern: Readonly<Record<string, unknown>>,
    handler: BusSubscriber,
    retry: RetryPolicy = IN_PROCESS_RETRY,
  ): () => void {
    const ruleName = `local-subscription-${name}`;
    this.addRule({
      name: ruleName,
      pattern,
      retry,
      target: {
        arn: `local:subscription:${name}`,
        deliver: async (event) => {
          try {
            await handler(event);
            return { ok: true };
          } catch (error) {
            return { ok: false, errorCode: 'SubscriberError', errorMessage: errorMessage(error) };
          }
        },
      },
    });
    return () => this.removeRule(ruleName);
  }

  putEvents(entries: readonly PutEventsEntryInput[]): PutEventsResult {
    validatePutEventsRequest(entries);
    const now = new Date();
    const accepted: EventBridgeEvent[] = [];
    const results = entries.map((entry): PutEventsResultEntry => {
      const valid = validateEntry(entry);
      if (isResultError(valid)) return valid;
      if (valid.eventBusName && valid.eventBusName !== 'default' && !this.isThisBus(valid.eventBusName)) {
        // AWS does not publish this case's wording; failing the entry surfaces a misconfigured bus name locally.
        return {
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Event bus ${valid.eventBusName} does not exist.`,
        };
      }
      const event = toEventBridgeEvent(valid, randomUUID(), this.options.awsRegion, now);
      if (!valid.eventBusName || valid.eventBusName === 'default') {
        // Without EventBusName an event goes to the account's default bus, as in AWS, where no rule of ours
        // listens: accepted, delivered nowhere. Said aloud, since it is almost always a missing EVENT_BUS_NAME.
        this.options.log.warn(`event ${event.id} (${valid.detailType}) went to the default bus, where no rule listens`);
        return { EventId: event.id };
      }
      accepted.push(event);
      // Archived on acceptance, in arrival order: an entry PutEvents failed never reached the bus, so is not here.
      this.options.archive?.record(event, now);
      return { EventId: event.id };
    });
    // Delivery is asynchronous: targets run after PutEvents has answered, never inside the caller's request.
    if (accepted.length > 0) {
      setImmediate(() => {
        for (const event of accepted) this.dispatch(event);
      });
    }
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  /**
   * Sends an already built event to every matching rule (asynchronously); with `ruleArns`, only to the matching
   * rules among those (a replay's `FilterArns`).
   */
  dispatch(event: EventBridgeEvent, ruleArns?: ReadonlySet<string>): void {
    for (const rule of this.ruleList) {
      if (!rule.pattern) continue;
      if (ruleArns && !ruleArns.has(this.ruleArnOf(rule.name))) continue;
      let matches = false;
      try {
        matches = testEventPattern(event, rule.pattern);
      } catch (error) {
        this.options.log.error(`rule ${rule.name}: pattern failed on event ${event.id}: ${errorMessage(error)}`);
      }
      if (matches) void this.deliver(rule, event);
    }
  }

  /**
   * Delivers one event to a rule's target, retrying with backoff within `maximumRetryAttempts` and
   * `maximumEventAgeSeconds`; then dead-letters it. Resolves with the final outcome.
   */
  deliver(rule: BusRule, event: EventBridgeEvent): Promise<DeliveryOutcome> {
    const delivery = this.deliverWithRetry(rule, event);
    this.track(delivery);
    return delivery;
  }

  /** Counts `work` (a delivery, a running replay) as in flight until it settles: `whenIdle` waits for it. */
  track(work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  deadLetters(): readonly DeadLetter[] {
    return this.options.deadLetters.list();
  }

  archived(): readonly EventBridgeEvent[] {
    return this.options.archive?.events() ?? [];
  }

  /** The ARNs of the rules (what a replay's `FilterArns` names). */
  ruleArns(): readonly string[] {
    return this.ruleList.map((rule) => this.ruleArnOf(rule.name));
  }

  rules(): readonly RuleView[] {
    return this.ruleList.map((rule) => ({
      Name: rule.name,
      Arn: this.ruleArnOf(rule.name),
      ...(rule.pattern ? { EventPattern: JSON.stringify(rule.pattern) } : {}),
      ...(rule.scheduleExpression ? { ScheduleExpression: rule.scheduleExpression } : {}),
      State: 'ENABLED' as const,
      EventBusName: this.name,
    }));
  }

  /** Whether no delivery is in flight or waiting for a retry right now. */
  isIdle(): boolean {
    return this.inFlight.size === 0;
  }

  async whenIdle(): Promise<void> {
    // A delivery can start another (a consumer that publishes), so wait until the set stays empty.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Stops retrying: deliveries waiting for a retry give up (logged), attempts in progress finish. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([...this.inFlight]);
  }

  private ruleArnOf(name: string): string {
    return ruleArn(this.options.awsRegion, this.name, name);
  }

  private isThisBus(nameOrArn: string): boolean {
    return nameOrArn === this.name || nameOrArn === this.arn;
  }

  private async deliverWithRetry(rule: BusRule, event: EventBridgeEvent): Promise<DeliveryOutcome> {
    const acceptedAt = Date.now();
    const maxAgeMs = rule.retry.maximumEventAgeSeconds * 1000;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(rule, event);
      if (outcome.ok) return outcome;
      const retry = attempt;
      const delay = backoffDelay(retry, this.backoff);
      const exhausted = retry > rule.retry.maximumRetryAttempts;
      const expired = Date.now() + delay - acceptedAt > maxAgeMs;
      if (exhausted || expired) {
        this.options.deadLetters.add({
          source: rule.source ?? 'event-rule',
          name: rule.name,
          targetArn: rule.target.arn,
          reason: exhausted ? 'RetryAttemptsExhausted' : 'MaximumEventAgeExceeded',
          attempts: attempt,
          errorCode: outcome.errorCode,
          errorMessage: outcome.errorMessage,
          payload: event,
        });
        this.options.log.warn(
          `rule ${rule.name}: event ${event.id} dead-lettered after ${attempt} attempt(s): ${outcome.errorCode}: ${outcome.errorMessage}`,
        );
        return outcome;
      }
      this.options.log.debug(`rule ${rule.name}: event ${event.id} attempt ${attempt} failed, retrying in ${delay} ms`);
      if (!(await sleep(delay, this.abort.signal))) {
        this.options.log.warn(`rule ${rule.name}: event ${event.id} not retried: the runtime stopped`);
        return outcome;
      }
    }
  }

  private async attempt(rule: BusRule, event: EventBridgeEvent): Promise<DeliveryOutcome> {
    try {
      return await rule.target.deliver(event);
    } catch (error) {
      return { ok: false, errorCode: 'DeliveryError', errorMessage: errorMessage(error) };
    }
  }
}
