import type { StartLocalPlatformOptions } from '@inovda/local';

/**
 * Test-scale time for a chaos run (the e2e test and `npm run chaos` both use it): retries a few ms apart, consumer
 * retries 300 ms apart and set aside after 5 receives (so a consumer failing for a phase really fills its DLQ, which
 * the run then redrives), the sweeper taking rows pending for 2 s, and a quick stream poll.
 */
export const CHAOS_TIMINGS = {
  retryBaseDelayMs: 5,
  streamPollIntervalMs: 50,
  outboxSweepGraceSeconds: 2,
  consumerQueues: { visibilityTimeoutMs: 300, maxReceiveCount: 5 },
} as const satisfies Partial<StartLocalPlatformOptions>;
