import type { LocalFaults } from '@inovda/local';

/**
 * The chaos schedule: faults switched on for a phase, then a healthy phase, in turn, for as long as the traffic
 * runs. Every fault the switchboard knows acts at least once on a run long enough for the first six phases.
 */

type Phase = { readonly label: string; readonly on: (faults: LocalFaults) => Promise<void> };

export const PHASES: readonly Phase[] = [
  {
    label: 'put-events fails every 3rd entry (InternalFailure)',
    on: (faults) => faults.set('put-events', { mode: 'fail-entries', errorCode: 'InternalFailure', everyNth: 3 }),
  },
  {
    label: 'stream pollers stopped',
    on: (faults) => faults.set('stream-poller-stopped', {}),
  },
  {
    label: 'workflow/track-events fails every batch',
    on: (faults) => faults.set('consumer-fails', { functions: ['workflow/track-events'] }),
  },
  {
    label: 'put-events throttled (whole calls)',
    on: (faults) => faults.set('put-events', { mode: 'throttle-calls' }),
  },
  {
    label: 'put-events fails every entry (ThrottlingException) and track-events fails',
    on: async (faults) => {
      await faults.set('put-events', { mode: 'fail-entries', errorCode: 'ThrottlingException' });
      await faults.set('consumer-fails', { functions: ['workflow/track-events'] });
    },
  },
  {
    label: 'submissions stream poller stopped and every 2nd entry fails',
    on: async (faults) => {
      await faults.set('stream-poller-stopped', { services: ['submissions'] });
      await faults.set('put-events', { mode: 'fail-entries', everyNth: 2 });
    },
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the phases until `running()` turns false: each fault phase `phaseMs`, then `phaseMs / 2` healthy. Returns the
 * labels of the phases it switched on, for the report; leaves every fault off.
 */
export async function runFaultSchedule(
  faults: LocalFaults,
  phaseMs: number,
  running: () => boolean,
  log: (message: string) => void,
  progress: { phasesDone: number } = { phasesDone: 0 },
): Promise<string[]> {
  const applied: string[] = [];
  // Wait in small steps so the schedule ends soon after the traffic does.
  const wait = async (ms: number) => {
    const until = Date.now() + ms;
    while (running() && Date.now() < until) await sleep(Math.min(100, ms));
  };
  try {
    for (let index = 0; running(); index++) {
      const phase = PHASES[index % PHASES.length] as Phase;
      await phase.on(faults);
      applied.push(phase.label);
      log(`fault on: ${phase.label}`);
      await wait(phaseMs);
      await faults.clear();
      progress.phasesDone++;
      log('faults off');
      await wait(phaseMs / 2);
    }
  } finally {
    await faults.clear();
  }
  return applied;
}
