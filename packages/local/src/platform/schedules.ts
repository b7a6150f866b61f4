import { errorMessage, LocalRuntimeError } from '../errors';
import type { EventBus } from '../eventbridge/bus';
import type { LocalLogger } from '../log';
import { type ScheduledRuleSpec, Scheduler } from '../scheduler/scheduled-rules';
import type { StopOrder } from './stop-order';

/** Arms the scheduled rules; an expression EventBridge would refuse fails the start. */
export function startSchedules(
  rules: readonly ScheduledRuleSpec[],
  bus: EventBus,
  awsRegion: string,
  log: LocalLogger,
  stops: StopOrder,
): Scheduler {
  let scheduler: Scheduler;
  try {
    scheduler = new Scheduler(rules, bus, awsRegion, log);
  } catch (error) {
    throw new LocalRuntimeError(`A schedule is invalid: ${errorMessage(error)}`);
  }
  stops.add(() => scheduler.stop());
  scheduler.start();
  if (rules.length > 0) log.info(`▸ schedules: ${rules.map((rule) => `${rule.name} ${rule.expression}`).join(', ')}`);
  return scheduler;
}
