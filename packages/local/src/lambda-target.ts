import type { BusTarget } from './event-bus';
import type { LambdaFunction } from './lambda-function';

/**
 * A Lambda function as the target of a rule. A function error counts as a failed delivery, retried with the
 * target's policy and then dead-lettered. (In AWS the function's own async-invoke retries and its DLQ handle
 * errors the function throws; the rule's policy covers failures to invoke. Locally both collapse into the rule's
 * policy, which is the stricter of the two and ends in a visible dead letter either way.)
 */
export function lambdaTarget(fn: LambdaFunction): BusTarget {
  return {
    arn: fn.spec.functionArn,
    deliver: async (event) => {
      const result = await fn.invoke(event);
      return result.ok
        ? { ok: true }
        : { ok: false, errorCode: result.error.errorType, errorMessage: result.error.errorMessage };
    },
  };
}
