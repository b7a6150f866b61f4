import type { StartLocalPlatformOptions } from '@inovda/local';

/**
 * Test-scale time for a chaos run (the e2e test and `npm run chaos` both use it): retries a few ms apart, the sweeper
 * taking rows pending for 2 s, a quick stream poll, and consumer retries 2 s apart, set aside after 5 receives.
 *
 * The consumer queues' visibility timeout is not scaled down as far as the rest: a message comes back when its
 * visibility ends even while a healthy invocation is still working on it, as in SQS (hence AWS's advice of a visibility
 * of six times the function's timeout). At 300 ms, a machine busy with the rest of the suite made healthy batches
 * outlast it, so messages nobody failed were received five times and set aside, and each redrive of them loaded the
 * machine again. At 2 s the same happened at the end of a full `npm test` (DynamoDB Local by then holding every
 * file's tables): notify's batches of ten took longer than 2 s, and one batch was set aside again at every redrive
 * while the run settled. At 6 s a batch must be stuck for about 30 s before it is set aside; a consumer failing for
 * a phase still retries through it (failures are immediate), and the dead-letter path with its redrive has its own
 * test (test/e2e/consumer-queues.e2e.test.ts).
 */
export const CHAOS_TIMINGS = {
  retryBaseDelayMs: 5,
  streamPollIntervalMs: 50,
  outboxSweepGraceSeconds: 2,
  consumerQueues: { visibilityTimeoutMs: 6000, maxReceiveCount: 5 },
} as const satisfies Partial<StartLocalPlatformOptions>;
