import type { LocalPlatform } from '@inovda/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChaos } from '../chaos/chaos';
import { CHAOS_TIMINGS } from '../chaos/platform-options';
import { renderReport } from '../chaos/render';
import { startE2ePlatform } from './e2e-platform';

/**
 * `npm run chaos`, small (issue 7): a few hundred domain events through submissions → workflow while PutEvents
 * fails, the stream pollers stop, the workflow consumer fails, DynamoDB throttles and environments are killed, in turn; afterwards nothing is lost and nothing
 * applied twice. Only bounds on the waits (a hang fails), no timing asserted.
 */

let platform: LocalPlatform;

beforeAll(async () => {
  // A DynamoDB Local of its own: the run's shared one has served every file before this one.
  platform = await startE2ePlatform('e2e-chaos', { ...CHAOS_TIMINGS, ownDynamoDb: true });
});

afterAll(async () => {
  await platform?.faults.clear();
  await platform?.stop();
});

describe('chaos, small', () => {
  it('loses nothing and applies nothing twice while faults come and go', { timeout: 540_000 }, async () => {
    // The run's own log (phases, settling rounds), timed, goes with a failure: it tells a hang from a slow machine.
    const log: string[] = [];
    const report = await runChaos(
      platform,
      // Three phases: each kind of fault (put-events, stream pollers, consumer, DynamoDB throttling, killed
      // environments) acts at least once.
      { targetEvents: 300, users: 8, phaseMs: 1500, minPhases: 3, maxDriveMs: 180_000, settleMs: 240_000 },
      (message) => log.push(`${new Date().toISOString().slice(11, 19)} ${message}`),
    );
    expect(report.failures, `${renderReport(report)}\nlog (last 60 lines):\n${log.slice(-60).join('\n')}`).toEqual([]);
    // Every fault the runtime can inject really acted during the run, not merely switched on.
    for (const fault of platform.faults.list()) {
      expect(report.faultsActed[fault.name], `${fault.name} never acted\n${renderReport(report)}`).toBeGreaterThan(0);
    }
    expect(report.verdict.published.events).toBeGreaterThanOrEqual(300);
    expect(report.verdict.applied.opened).toBe(report.ledger.registered.size);
    expect(report.ledger.withdrawn.size + report.ledger.approved.size).toBeGreaterThan(0);
  });
});
