import { randomUUID } from 'node:crypto';
import { SCHEDULE_RETRY } from '@inovda/manifest';
import type { BusRule, BusTarget, DeliveryOutcome, EventBus } from '../eventbridge/bus';
import { type EventBridgeEvent, eventTime } from '../eventbridge/put-events';
import { LOCAL_ACCOUNT_ID } from '../local-region';
import type { LocalLogger } from '../log';
import { ruleArn } from '../naming';
import { nextFireTime, parseScheduleExpression, type ScheduleExpression } from './schedule-expression';

// setTimeout's limit; longer waits are re-armed.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One scheduled rule and its target. */
export interface ScheduledRuleSpec {
  /** Rule name (`<service>-<schedule>`). */
  readonly name: string;
  /** The schedule's own name in the manifest (accepted by `run` when unambiguous). */
  readonly scheduleName: string;
  /** The expression in effect locally (`localExpression` when the manifest sets one). */
  readonly expression: string;
  /** Run once as the platform starts (the manifest's `localAtStart`). */
  readonly atStart?: boolean;
  readonly target: BusTarget;
}

/** A scheduled rule as `/health` and the banner show it. */
export interface ScheduleView {
  readonly name: string;
  readonly expression: string;
  readonly nextRun: string | undefined;
}

interface Armed {
  readonly spec: ScheduledRuleSpec;
  readonly parsed: ScheduleExpression;
  readonly rule: BusRule;
  readonly since: Date;
  next: Date | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Thrown by `run` for a schedule nobody declared. */
export class UnknownScheduleError extends Error {
  override readonly name = 'UnknownScheduleError';
}

/**
 * Fires scheduled rules on their `rate(...)`/`cron(...)` (in UTC) with the "Scheduled Event" EventBridge sends,
 * through the bus's delivery (retries, dead letters). Expressions are parsed at start, so a bad one fails
 * `npm start` as it would fail the deployment.
 */
export class Scheduler {
  private readonly armed: Armed[];
  private stopped = false;

  constructor(
    specs: readonly ScheduledRuleSpec[],
    private readonly bus: EventBus,
    private readonly awsRegion: string,
    private readonly log: LocalLogger,
  ) {
    const since = new Date();
    this.armed = specs.map((spec) => ({
      spec,
      parsed: parseScheduleExpression(spec.expression),
      since,
      next: undefined,
      timer: undefined,
      rule: {
        name: spec.name,
        scheduleExpression: spec.expression,
        retry: SCHEDULE_RETRY,
        target: spec.target,
        source: 'schedule',
      },
    }));
  }

  /** Arms every schedule. */
  start(): void {
    for (const armed of this.armed) this.arm(armed);
  }

  /** Fires a schedule now (by rule name, or by schedule name when only one has it); resolves the delivery outcome. */
  run(name: string): { eventId: string; delivery: Promise<DeliveryOutcome> } {
    const byRule = this.armed.find((armed) => armed.spec.name === name);
    const byScheduleName = this.armed.filter((armed) => armed.spec.scheduleName === name);
    const armed = byRule ?? (byScheduleName.length === 1 ? byScheduleName[0] : undefined);
    if (!armed) throw new UnknownScheduleError(`no schedule named ${name}`);
    return this.fire(armed, new Date());
  }

  /** Every schedule with its next run. */
  list(): ScheduleView[] {
    return this.armed.map((armed) => ({
      name: armed.spec.name,
      expression: armed.spec.expression,
      nextRun: armed.next?.toISOString(),
    }));
  }

  /** Disarms every schedule. */
  stop(): void {
    this.stopped = true;
    for (const armed of this.armed) clearTimeout(armed.timer);
  }

  private arm(armed: Armed): void {
    if (this.stopped) return;
    const next = nextFireTime(armed.parsed, new Date(), armed.since);
    armed.next = next;
    if (!next) return;
    const wait = next.getTime() - Date.now();
    armed.timer = setTimeout(
      () => {
        // A wait longer than a timer allows wakes up early: then only re-arm. Re-arming looks strictly after
        // now, so one scheduled time never fires twice.
        if (Date.now() >= next.getTime()) this.fire(armed, next);
        this.arm(armed);
      },
      Math.max(0, Math.min(wait, MAX_TIMER_MS)),
    );
    armed.timer.unref();
  }

  private fire(armed: Armed, scheduledAt: Date): { eventId: string; delivery: Promise<DeliveryOutcome> } {
    const event: EventBridgeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: LOCAL_ACCOUNT_ID,
      time: eventTime(scheduledAt),
      region: this.awsRegion,
      // Schedules live on the account's default bus, as in the stack.
      resources: [ruleArn(this.awsRegion, 'default', armed.spec.name)],
      detail: {},
    };
    this.log.debug(`schedule ${armed.spec.name} fired (${event.id})`);
    return { eventId: event.id, delivery: this.bus.deliver(armed.rule, event) };
  }
}
