import { describe, expect, it } from 'vitest';
import { CONSUMER_QUEUE, consumerQueueNames, consumerQueuePolicy } from './consumer-queue';
import type { FunctionSpec } from './index';

const consumer = (overrides: Partial<FunctionSpec> = {}): FunctionSpec => ({
  name: 'track-events',
  entry: 'handlers/track-events.ts',
  description: 'a consumer',
  subscriptions: [{ name: 'x', pattern: { source: ['inovda.submissions'] }, retry: CONSUMER_RETRY }],
  ...overrides,
});
const CONSUMER_RETRY = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

describe('the queue policy of a consumer', () => {
  it('is undefined for a function without subscriptions', () => {
    expect(consumerQueuePolicy(consumer({ subscriptions: [] }), 10)).toBeUndefined();
  });

  it('retries a failing record for at least a day, then sets it aside for 14 days', () => {
    for (const timeout of [3, 10, 60, 300, 900]) {
      const policy = consumerQueuePolicy(consumer(), timeout);
      if (!policy) throw new Error('a consumer has a queue policy');
      expect(policy.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * timeout);
      expect(policy.maxReceiveCount).toBeLessThanOrEqual(1000);
      expect(policy.maxReceiveCount * policy.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(24 * 3600);
      expect(policy.retentionSeconds).toBeGreaterThan(policy.maxReceiveCount * policy.visibilityTimeoutSeconds);
      expect(policy.deadLetterRetentionSeconds).toBe(14 * 24 * 3600);
    }
  });

  it('spaces retries by the visibility timeout: 6 × the timeout, at least 2 minutes', () => {
    expect(consumerQueuePolicy(consumer(), 10)).toMatchObject({ visibilityTimeoutSeconds: 120, maxReceiveCount: 750 });
    expect(consumerQueuePolicy(consumer(), 60)).toMatchObject({ visibilityTimeoutSeconds: 360, maxReceiveCount: 250 });
  });

  it('takes batch size and maximum concurrency from the manifest, within what Lambda allows', () => {
    expect(consumerQueuePolicy(consumer(), 10)).toMatchObject({
      batchSize: CONSUMER_QUEUE.batchSize,
      maximumConcurrency: CONSUMER_QUEUE.maximumConcurrency,
    });
    expect(consumerQueuePolicy(consumer({ consumerQueue: { batchSize: 1, maximumConcurrency: 5 } }), 10)).toMatchObject(
      { batchSize: 1, maximumConcurrency: 5 },
    );
    expect(() => consumerQueuePolicy(consumer({ consumerQueue: { maximumConcurrency: 1 } }), 10)).toThrow(/2 to 1000/);
    expect(() => consumerQueuePolicy(consumer({ consumerQueue: { batchSize: 11 } }), 10)).toThrow(/1 to 10/);
  });
});

describe('the names of a consumer queue', () => {
  it('are the same everywhere: the queue, its DLQ, and the rule targets’ DLQ', () => {
    expect(consumerQueueNames('kota-solok', 'workflow', 'track-events')).toEqual({
      queue: 'inovda-kota-solok-workflow-track-events',
      deadLetterQueue: 'inovda-kota-solok-workflow-track-events-dlq',
      undeliveredQueue: 'inovda-kota-solok-workflow-track-events-undelivered',
    });
  });

  it('refuse a name SQS would refuse (over 80 characters)', () => {
    expect(() =>
      consumerQueueNames('kabupaten-yang-sangat-panjang-namanya', 'submissions', 'registration-refusals'),
    ).toThrow(/80 characters/);
  });
});
