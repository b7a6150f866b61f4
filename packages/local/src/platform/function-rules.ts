import { type FunctionSpec, functionAsyncInvokePolicy, type ServiceManifest } from '@inovda/manifest';
import type { BusTarget } from '../eventbridge/bus';
import { lambdaTarget } from '../lambda/async-invoke';
import type { LocalFunctions } from '../lambda/functions';
import type { LocalLogger } from '../log';
import type { BackoffOptions } from '../retry';
import type { ScheduledRuleSpec } from '../scheduler/scheduled-rules';
import type { DeadLetterStore } from '../sqs/dead-letters';

/** A function that rules or schedules invoke asynchronously, as their target. */
export interface AsyncInvokedFunction {
  readonly manifest: ServiceManifest;
  readonly fn: FunctionSpec;
  readonly target: BusTarget;
}

/**
 * Every function a schedule invokes, as a target with the function's asynchronous invocation policy (Lambda's own
 * retries, then the function's dead letters). Subscriptions deliver into queues instead (consumer-queues.ts).
 */
export function asyncInvokedFunctions(
  services: readonly ServiceManifest[],
  functions: LocalFunctions,
  options: {
    readonly deadLetters: DeadLetterStore;
    readonly log: LocalLogger;
    readonly backoff: BackoffOptions;
    /** Aborted when the runtime stops: Lambda's retries then are given up (not dead-lettered). */
    readonly signal: AbortSignal;
  },
): AsyncInvokedFunction[] {
  return services.flatMap((manifest) =>
    manifest.functions.flatMap((fn) => {
      const policy = functionAsyncInvokePolicy(fn);
      if (!policy) return [];
      const target = lambdaTarget(functions.get(`${manifest.name}/${fn.name}`), { policy, ...options });
      return [{ manifest, fn, target }];
    }),
  );
}

/** The scheduled rules of the functions, named `<service>-<schedule>`, with the expression in effect locally. */
export function scheduledRules(invoked: readonly AsyncInvokedFunction[]): ScheduledRuleSpec[] {
  return invoked.flatMap(({ manifest, fn, target }) =>
    (fn.schedules ?? []).map((schedule) => ({
      name: `${manifest.name}-${schedule.name}`,
      scheduleName: schedule.name,
      expression: schedule.localExpression ?? schedule.expression,
      atStart: schedule.localAtStart === true,
      target,
    })),
  );
}
