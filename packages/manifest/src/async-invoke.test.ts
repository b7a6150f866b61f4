import { describe, expect, it } from 'vitest';
import {
  asyncInvokePolicy,
  type FunctionSpec,
  functionAsyncInvokePolicy,
  LAMBDA_ASYNC_INVOKE_LIMITS,
  SCHEDULE_RETRY,
  type SubscriptionSpec,
} from './index';

const subscription = (maximumRetryAttempts: number, maximumEventAgeSeconds: number): SubscriptionSpec => ({
  name: `retry-${maximumRetryAttempts}-${maximumEventAgeSeconds}`,
  pattern: { source: ['inovda.submissions'] },
  retry: { maximumRetryAttempts, maximumEventAgeSeconds },
});

const fn = (overrides: Partial<FunctionSpec>): FunctionSpec => ({
  name: 'consumer',
  entry: 'handlers/consumer.ts',
  description: 'a consumer',
  ...overrides,
});

describe('the asynchronous invocation policy of a rule target', () => {
  it('retries function errors min(2, maximumRetryAttempts) times', () => {
    expect(asyncInvokePolicy(subscription(0, 3600).retry).retryAttempts).toBe(0);
    expect(asyncInvokePolicy(subscription(1, 3600).retry).retryAttempts).toBe(1);
    expect(asyncInvokePolicy(subscription(2, 3600).retry).retryAttempts).toBe(2);
    expect(asyncInvokePolicy(subscription(185, 3600).retry).retryAttempts).toBe(2);
  });

  it("keeps the subscription's event age within Lambda's 1 minute to 6 hours", () => {
    expect(asyncInvokePolicy(subscription(2, 7200).retry).maximumEventAgeSeconds).toBe(7200);
    expect(asyncInvokePolicy(subscription(2, 86_400).retry).maximumEventAgeSeconds).toBe(
      LAMBDA_ASYNC_INVOKE_LIMITS.maximumEventAgeSeconds,
    );
    expect(asyncInvokePolicy(subscription(2, 10).retry).maximumEventAgeSeconds).toBe(60);
  });
});

describe('the asynchronous invocation policy of a function', () => {
  it('is undefined for a function nothing invokes asynchronously', () => {
    expect(functionAsyncInvokePolicy(fn({ routes: [{ method: 'GET', path: '/x', roles: ['opd'] }] }))).toBeUndefined();
  });

  it("is the schedule retry policy's for a scheduled function", () => {
    expect(functionAsyncInvokePolicy(fn({ schedules: [{ name: 'nightly', expression: 'rate(1 day)' }] }))).toEqual(
      asyncInvokePolicy(SCHEDULE_RETRY),
    );
  });

  it('is undefined for a subscribed function: its rules deliver into its queue, not to the function', () => {
    expect(functionAsyncInvokePolicy(fn({ subscriptions: [subscription(1, 600), subscription(5, 7200)] }))).toBe(
      undefined,
    );
  });
});
