/**
 * `npm run chaos`: the whole local platform in memory, OPD users and a coordinator pushing at least CHAOS_EVENTS
 * (5,000) domain events through submissions → workflow while put-events, stream-poller-stopped and consumer-fails
 * are switched on and off; then every fault off, the platform settles (sweepers, queues, redrive) and the tables
 * are checked against what the API accepted. Exits 1 on anything lost or applied twice.
 *
 * Knobs (environment): CHAOS_EVENTS (5000), CHAOS_USERS (40), CHAOS_PHASE_SECONDS (5), CHAOS_MAX_MINUTES (15,
 * bound on the traffic), CHAOS_SETTLE_SECONDS (300).
 */
import { type LocalLogger, startLocalPlatform } from '@inovda/local';
import { services } from '../../infra/lib/platform';
import { defaultLocalRegion } from '../../infra/regions';
import { heading } from '../bench/report';
import { runChaos } from './chaos';
import { CHAOS_TIMINGS } from './platform-options';
import { renderReport } from './render';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw} is not a positive integer`);
  return value;
}

const progress = (message: string) => console.error(`  · ${message}`);

/** The platform's own warnings are expected under faults (that is the point); counted, the first few kept. */
function countingLogger(counts: { warn: number; error: number }): LocalLogger {
  return { info: () => {}, debug: () => {}, warn: () => void counts.warn++, error: () => void counts.error++ };
}

async function main(): Promise<number> {
  console.log(heading('inovda chaos'));
  const counts = { warn: 0, error: 0 };
  const platform = await startLocalPlatform({
    region: defaultLocalRegion,
    services,
    port: 0,
    inMemory: true,
    log: countingLogger(counts),
    ...CHAOS_TIMINGS,
  });
  const onInterrupt = () => {
    void platform.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    const report = await runChaos(
      platform,
      {
        targetEvents: positiveInteger('CHAOS_EVENTS', 5000),
        users: positiveInteger('CHAOS_USERS', 40),
        phaseMs: positiveInteger('CHAOS_PHASE_SECONDS', 5) * 1000,
        minPhases: 6,
        maxDriveMs: positiveInteger('CHAOS_MAX_MINUTES', 15) * 60_000,
        settleMs: positiveInteger('CHAOS_SETTLE_SECONDS', 900) * 1000,
      },
      progress,
    );
    console.log(renderReport(report));
    console.log(`platform log: ${counts.warn} warnings, ${counts.error} errors (expected under faults)`);
    const ok = report.failures.length === 0;
    console.log(ok ? '\nPASS: 0 lost, 0 applied twice' : `\nFAIL:\n  ${report.failures.join('\n  ')}`);
    return ok ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
    await platform.stop();
  }
}

process.exitCode = await main();
