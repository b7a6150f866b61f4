import { fileURLToPath } from 'node:url';
import { silentLogger } from '@inovda/local';
import { type AsyncInvokePolicy, asyncInvokePolicy, type RetryPolicy } from '@inovda/manifest';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../packages/local/src/eventbridge/bus';
import { lambdaTarget } from '../../packages/local/src/lambda/async-invoke';
import { LambdaFunction } from '../../packages/local/src/lambda/function';
import { DeadLetterStore } from '../../packages/local/src/sqs/dead-letters';

const BUS = 'inovda-kota-uji';
const BACKOFF = { baseDelayMs: 2, maxDelayMs: 10 };
const FUNCTION_ARN = 'arn:aws:lambda:ap-southeast-3:000000000000:function:inovda-kota-uji-fixture-fails';

describe('a Lambda function as a rule target: rule retries for invoking, Lambda retries for function errors', () => {
  const started: Array<{ bus: EventBus; fn: LambdaFunction }> = [];

  afterEach(async () => {
    for (const { bus, fn } of started.splice(0)) {
      await bus.stop();
      await fn.stop();
    }
  });

  /** A bus with one rule targeting the `fails` fixture, its async-invoke policy derived as the stack derives it. */
  function wire(rule: RetryPolicy, policy: AsyncInvokePolicy = asyncInvokePolicy(rule)) {
    const deadLetters = new DeadLetterStore();
    const bus = new EventBus({
      name: BUS,
      awsRegion: 'ap-southeast-3',
      deadLetters,
      log: silentLogger,
      backoff: BACKOFF,
    });
    const fn = new LambdaFunction({
      id: 'fixture/fails',
      functionName: 'inovda-kota-uji-fixture-fails',
      functionArn: FUNCTION_ARN,
      entryPath: fileURLToPath(new URL('./fixtures/handlers/fails.ts', import.meta.url)),
      handlerName: 'handler',
      env: { AWS_REGION: 'ap-southeast-3' },
      timeoutMs: 5_000,
      memoryMb: 512,
      maxConcurrency: 1,
      initTimeoutMs: 30_000,
      log: silentLogger,
    });
    started.push({ bus, fn });
    bus.addRule({
      name: 'fixture-fails',
      pattern: { source: ['inovda.fixture'] },
      retry: rule,
      target: lambdaTarget(fn, { policy, deadLetters, log: silentLogger, backoff: BACKOFF }),
    });
    const publish = async (detail: Record<string, unknown>) => {
      bus.putEvents([
        { EventBusName: BUS, Source: 'inovda.fixture', DetailType: 'ThingHappened', Detail: JSON.stringify(detail) },
      ]);
      await bus.whenIdle();
    };
    return { bus, fn, publish };
  }

  it("retries a function error min(2, the rule's retries) times, then dead-letters it as the function's", async () => {
    const { bus, fn, publish } = wire({ maximumRetryAttempts: 5, maximumEventAgeSeconds: 3600 });
    await publish({ failures: -1 });
    expect(fn.stats().invocations).toBe(3);
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({
        source: 'async-invoke',
        name: 'fixture/fails',
        targetArn: FUNCTION_ARN,
        reason: 'RetryAttemptsExhausted',
        attempts: 3,
        errorCode: 'Error',
        errorMessage: 'attempt 3 fails on purpose',
        payload: expect.objectContaining({ detail: { failures: -1 } }),
      }),
    ]);
  });

  it('does not retry a function error when the rule allows no retries', async () => {
    const { bus, fn, publish } = wire({ maximumRetryAttempts: 0, maximumEventAgeSeconds: 3600 });
    await publish({ failures: -1 });
    expect(fn.stats().invocations).toBe(1);
    expect(bus.deadLetters()).toEqual([expect.objectContaining({ source: 'async-invoke', attempts: 1 })]);
  });

  it('stops retrying once the function succeeds', async () => {
    const { bus, fn, publish } = wire({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 });
    await publish({ failures: 1 });
    expect(fn.stats()).toMatchObject({ invocations: 2, errors: 1 });
    expect(bus.deadLetters()).toEqual([]);
  });

  it("gives up once the next retry would exceed the function's maximum event age", async () => {
    const { bus, fn, publish } = wire(
      { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 },
      { retryAttempts: 2, maximumEventAgeSeconds: 0 },
    );
    await publish({ failures: -1 });
    expect(fn.stats().invocations).toBe(1);
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({ source: 'async-invoke', reason: 'MaximumEventAgeExceeded', attempts: 1 }),
    ]);
  });

  it("leaves a failure to invoke to the rule's retry policy and the rule's dead letter", async () => {
    const { bus, fn, publish } = wire({ maximumRetryAttempts: 1, maximumEventAgeSeconds: 3600 });
    await fn.stop();
    await publish({ failures: 0 });
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({
        source: 'event-rule',
        name: 'fixture-fails',
        reason: 'RetryAttemptsExhausted',
        attempts: 2,
        errorCode: 'Runtime.Stopped',
      }),
    ]);
  });
});
