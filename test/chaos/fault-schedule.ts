import type { LocalFaults } from '@inovda/local';

/**
 * The chaos schedule: faults switched on for a phase, then a healthy phase, in turn, for as long as the traffic
 * runs.
 */

type Phase = { readonly label: string; readonly on: (faults: LocalFaults) => Promise<void> };

/**
 * The functions behind the bus (consumers, publishers, sweepers): a kill there must be retried into exactly one
 * effect. HTTP handlers are left alone: a request killed after its write answers 500, so the ledger (what the API
 * accepted) could not say whether it happened; that case is covered by test/e2e/environment-killed.e2e.test.ts.
 */
const BEHIND_THE_BUS = [
  'submissions/outbox-publisher',
  'submissions/outbox-sweeper',
  'submissions/cycle-projection',
  'submissions/registration-refusals',
  'workflow/outbox-publisher',
  'workflow/outbox-sweeper',
  'workflow/track-events',
  'notifications/notify',
  'notifications/outbox-publisher',
  'notifications/send-email',
];

/**
 * The first three phases switch on every kind of fault the switchboard knows (the small run in `npm test` runs
 * three); the later ones combine them differently.
 */
export const PHASES: readonly Phase[] = [
  {
    label:
      'put-events fails every 3rd entry (InternalFailure), DynamoDB throttles every 3rd workflow call (twice), SES throttled',
    on: async (faults) => {
      await faults.set('ses-throttled', {});
      await faults.set('put-events', { mode: 'fail-entries', errorCode: 'InternalFailure', everyNth: 3 });
      // Two attempts of every 3rd call refused: the SDK's retries absorb it, as they absorb brief throttling in AWS.
      await faults.set('dynamodb-throttled', { services: ['workflow'], everyNth: 3, attempts: 2 });
    },
  },
  {
    label: 'stream pollers stopped, consumer and publisher environments killed mid-invocation, SES throttled',
    on: async (faults) => {
      await faults.set('ses-throttled', {});
      await faults.set('stream-poller-stopped', {});
      await faults.set('environment-killed', { functions: BEHIND_THE_BUS, withinMs: 40, everyNth: 2 });
    },
  },
  {
    label: 'workflow/track-events and notifications/notify fail every batch',
    on: (faults) => faults.set('consumer-fails', { functions: ['workflow/track-events', 'notifications/notify'] }),
  },
  {
    label: 'put-events throttled (whole calls), DynamoDB throttles every 2nd submissions write (once), SES throttled',
    on: async (faults) => {
      await faults.set('ses-throttled', {});
      await faults.set('put-events', { mode: 'throttle-calls' });
      await faults.set('dynamodb-throttled', {
        services: ['submissions'],
        operations: ['TransactWriteItems', 'PutItem', 'UpdateItem'],
        everyNth: 2,
        attempts: 1,
      });
    },
  },
  {
    label: 'put-events fails every entry (ThrottlingException), track-events fails, SES throttled',
    on: async (faults) => {
      await faults.set('ses-throttled', {});
      await faults.set('put-events', { mode: 'fail-entries', errorCode: 'ThrottlingException' });
      await faults.set('consumer-fails', { functions: ['workflow/track-events'] });
    },
  },
  {
    label: 'submissions stream poller stopped, every 2nd entry fails, track-events environments killed, SES throttled',
    on: async (faults) => {
      await faults.set('ses-throttled', {});
      await faults.set('stream-poller-stopped', { services: ['submissions'] });
      await faults.set('put-events', { mode: 'fail-entries', everyNth: 2 });
      await faults.set('environment-killed', { functions: ['workflow/track-events'], withinMs: 80 });
    },
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fault phase lasts at most this many times `phaseMs` while waiting for its faults to act. */
const MAX_PHASE_STRETCH = 6;

/** How many times each fault has acted so far. */
function actedCounts(faults: LocalFaults): Map<string, number> {
  return new Map(faults.list().map((fault) => [fault.name, fault.acted]));
}

/** The faults that are on and have not acted since `before`. */
function notYetActed(faults: LocalFaults, before: ReadonlyMap<string, number>): string[] {
  return faults
    .list()
    .filter((fault) => fault.on && fault.acted === (before.get(fault.name) ?? 0))
    .map((fault) => fault.name);
}

/**
 * Runs the phases until `running()` turns false: each fault phase `phaseMs`, then `phaseMs / 2` healthy. A fault
 * phase is stretched (up to {@link MAX_PHASE_STRETCH} × `phaseMs`) until every fault it switched on has acted at
 * least once: on a busy machine the traffic reaches a consumer in bursts, and a phase of a fixed length could pass
 * without a single batch for its failing consumer to fail, the run then proving nothing about that fault. Returns the
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
  const wait = async (ms: number, until: () => boolean = () => false) => {
    const deadline = Date.now() + ms;
    while (running() && Date.now() < deadline && !until()) await sleep(Math.min(100, ms));
  };
  try {
    for (let index = 0; running(); index++) {
      const phase = PHASES[index % PHASES.length] as Phase;
      const before = actedCounts(faults);
      await phase.on(faults);
      applied.push(phase.label);
      log(`fault on: ${phase.label}`);
      await wait(phaseMs);
      await wait((MAX_PHASE_STRETCH - 1) * phaseMs, () => notYetActed(faults, before).length === 0);
      const idle = notYetActed(faults, before);
      if (idle.length > 0) log(`faults that did not act in this phase: ${idle.join(', ')}`);
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
