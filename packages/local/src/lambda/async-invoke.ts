import type { AsyncInvokePolicy } from '@inovda/manifest';
import type { BusTarget, DeliveryOutcome } from '../eventbridge/bus';
import type { LocalLogger } from '../log';
import { type BackoffOptions, backoffDelay, sleep } from '../retry';
import type { DeadLetterStore } from '../sqs/dead-letters';
import type { LambdaFunction } from './function';

/** How a function's asynchronous invocations are retried and where they end up. */
export interface AsyncInvokeOptions {
  /** The function's async-invoke config (`functionAsyncInvokePolicy`, as the stack sets it). */
  readonly policy: AsyncInvokePolicy;
  /** The function's DLQ, locally. */
  readonly deadLetters: DeadLetterStore;
  readonly log: LocalLogger;
  /** Delays between Lambda's retries (AWS waits about 1 and 2 minutes; locally the bus's backoff). */
  readonly backoff: BackoffOptions;
  /** Aborted when the runtime stops: retries waiting then are given up. */
  readonly signal?: AbortSignal;
}

/**
 * A Lambda function as the target of a rule or schedule, invoked asynchronously as EventBridge invokes it, with
 * the same two layers as in AWS:
 * - the rule target's retry policy covers failures to invoke (locally only a stopped runtime), which the bus
 *   retries and dead-letters as the rule's;
 * - once the event is accepted, errors the function returns are Lambda's to retry: `policy.retryAttempts` more
 *   times while the event is younger than `policy.maximumEventAgeSeconds`, then the event goes to the function's
 *   DLQ (a dead letter with source `async-invoke`). The delivery counts as done for the rule either way.
 * The delivery resolves only once the function has succeeded or the event is dead-lettered, so `whenIdle()` and
 * `runSchedule()` cover the processing, as they did before.
 */
export function lambdaTarget(fn: LambdaFunction, options: AsyncInvokeOptions): BusTarget {
  const { policy, log } = options;
  return {
    arn: fn.spec.functionArn,
    deliver: async (event): Promise<DeliveryOutcome> => {
      const acceptedAt = Date.now();
      const maxAgeMs = policy.maximumEventAgeSeconds * 1000;
      for (let attempt = 1; ; attempt++) {
        const result = await fn.invoke(event);
        if (result.ok) return { ok: true };
        const { errorType, errorMessage } = result.error;
        // The function could not be invoked at all: the rule's retry policy decides.
        if (errorType === 'Runtime.Stopped') return { ok: false, errorCode: errorType, errorMessage };
        const retry = attempt;
        const delay = backoffDelay(retry, options.backoff);
        const exhausted = retry > policy.retryAttempts;
        const expired = Date.now() + delay - acceptedAt > maxAgeMs;
        if (exhausted || expired) {
          options.deadLetters.add({
            source: 'async-invoke',
            name: fn.spec.id,
            targetArn: fn.spec.functionArn,
            reason: exhausted ? 'RetryAttemptsExhausted' : 'MaximumEventAgeExceeded',
            attempts: attempt,
            errorCode: errorType,
            errorMessage,
            payload: event,
          });
          log.warn(
            `${fn.spec.id}: event ${event.id} dead-lettered after ${attempt} attempt(s): ${errorType}: ${errorMessage}`,
          );
          return { ok: true };
        }
        log.debug(`${fn.spec.id}: event ${event.id} attempt ${attempt} failed, Lambda retries in ${delay} ms`);
        if (!(await sleep(delay, options.signal))) {
          log.warn(`${fn.spec.id}: event ${event.id} not retried: the runtime stopped`);
          return { ok: true };
        }
      }
    },
  };
}
