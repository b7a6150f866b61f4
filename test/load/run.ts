/**
 * `npm run load`: many OPD users at once creating, updating, registering and asking to advance their innovations,
 * and a few coordinators approving, against the whole local platform (in memory, no seed). Reports per operation
 * count, rate, p50/p99 and statuses, the 4xx by problem code, and — once the consumers drained — the board against
 * what the API accepted. Exits 1 on any 5xx or unanswered request, or a board that disagrees.
 *
 * Knobs (environment): LOAD_USERS (virtual OPD users, 200), LOAD_SECONDS (60), LOAD_COORDINATORS (4),
 * LOAD_DRAIN_SECONDS (bound on waiting for the consumers afterwards, 120).
 */
import { type LocalLogger, startLocalPlatform } from '@inovda/local';
import { services } from '../../infra/lib/platform';
import { defaultLocalRegion } from '../../infra/regions';
import { heading, machineInfo } from '../bench/report';
import { cycleAhead } from '../support/cycle-ahead';
import { renderOperations, renderTotals } from './render';
import { type Consistency, failuresOf, reportByOperation, Tally, totalsOf } from './tally';
import { Client, coordinator, noOutcomes, type OpdCaller, opdUser } from './virtual-users';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw} is not a positive integer`);
  return value;
}

const config = {
  users: positiveInteger('LOAD_USERS', 200),
  seconds: positiveInteger('LOAD_SECONDS', 60),
  coordinators: positiveInteger('LOAD_COORDINATORS', 4),
  drainSeconds: positiveInteger('LOAD_DRAIN_SECONDS', 120),
  // About 3 s for the workflow consumer to open a track before the user moves on (counted, not an error).
  trackPoll: { attempts: 6, intervalMs: 500 },
} as const;

const progress = (message: string) => console.error(`  · ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the platform quiet, counting its warnings and errors and keeping the first few for the report. */
function collectingLogger(kept: string[], counts: { warn: number; error: number }): LocalLogger {
  const keep = (level: 'warn' | 'error') => (message: string) => {
    counts[level]++;
    if (kept.length < 10) kept.push(`${level}: ${message.slice(0, 300)}`);
  };
  return { info: () => {}, debug: () => {}, warn: keep('warn'), error: keep('error') };
}

async function coldStarts(url: string): Promise<number> {
  const report = (await (await fetch(`${url}/health`)).json()) as { functions?: Array<{ coldStarts?: number }> };
  return (report.functions ?? []).reduce((sum, fn) => sum + (fn.coldStarts ?? 0), 0);
}

/** Messages waiting or in flight in every consumer queue (their DLQs excluded: those are reported apart). */
async function queueDepths(url: string): Promise<{ pending: number; deadLettered: number }> {
  const queues = (await (await fetch(`${url}/local/queues`)).json()) as Array<{
    name: string;
    visible: number;
    notVisible: number;
    deadLetterQueue?: string;
  }>;
  let pending = 0;
  let deadLettered = 0;
  for (const queue of queues) {
    if (queue.deadLetterQueue !== undefined) pending += queue.visible + queue.notVisible;
    else deadLettered += queue.visible + queue.notVisible;
  }
  return { pending, deadLettered };
}

async function main(): Promise<number> {
  const machine = machineInfo();
  console.log(heading('inovda load'));
  console.log(
    `node ${machine.node} · ${machine.cpus} × ${machine.cpuModel} · load average ${machine.loadAverage.join(' / ')}`,
  );
  console.log(
    [
      `Method: the whole local platform in this process (in memory, DynamoDB Local, local bus and consumer queues);`,
      `${config.users} virtual OPD users (closed loop: each sends its next request when the last answered), round-robin`,
      `over the region's OPD dev users' tokens, each looping create (Idempotency-Key) → PATCH (If-Match) → register →`,
      `poll its track (≤ ${config.trackPoll.attempts}×${config.trackPoll.intervalMs} ms) → advance request; ${config.coordinators} coordinators`,
      `(koordinator) read the review queue and approve requests of other OPDs; for ${config.seconds} s. Latency is send to`,
      `body read, over every answer. No per-caller limit: the few dev tokens are shared by all virtual users, and`,
      `the ${600}-per-5-min budget per token would refuse most of them. A 2-core shared machine, local not AWS:`,
      `the load generator, the API, every function's workers and DynamoDB Local's JVM share its two cores.`,
    ].join('\n'),
  );

  const kept: string[] = [];
  const counts = { warn: 0, error: 0 };
  const started = performance.now();
  const platform = await startLocalPlatform({
    region: defaultLocalRegion,
    services,
    port: 0,
    inMemory: true,
    // The platform as deployed: no fault plumbing between the functions and DynamoDB (see the option).
    dynamoDbFaults: false,
    log: collectingLogger(kept, counts),
  });
  // Ctrl-C mid-load must still stop DynamoDB Local's JVM and the workers.
  const onInterrupt = () => {
    void platform.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    progress(`platform up in ${((performance.now() - started) / 1000).toFixed(1)} s on ${platform.url}`);
    const setupTally = new Tally();
    const setup = new Client(platform.url, setupTally);
    const coordinatorUser = platform.users.find((user) => user.username === 'koordinator');
    if (!coordinatorUser) throw new Error('no koordinator dev user');
    const coordinatorToken = await platform.tokenFor(coordinatorUser.username);
    const opdCallers: OpdCaller[] = await Promise.all(
      platform.users
        .filter((user) => user.roles.includes('opd') && user.opdId !== undefined)
        .map(async (user) => ({ token: await platform.tokenFor(user.username), opdId: user.opdId ?? '' })),
    );
    if (opdCallers.length === 0) throw new Error('the region has no OPD dev users');

    const cycle = await setup.call('setup', coordinatorToken, 'POST', '/cycles', cycleAhead('Siklus uji beban'));
    const cycleId = cycle.body.id;
    if (cycle.status !== 201 || typeof cycleId !== 'string') throw new Error(`POST /cycles: ${cycle.status}`);
    const opened = await setup.call('setup', coordinatorToken, 'POST', `/cycles/${cycleId}/open`);
    if (opened.status !== 200) throw new Error(`POST /cycles/${cycleId}/open: ${opened.status}`);

    // Warm-up, not measured: one full iteration per OPD user, which also waits for submissions to learn of the open
    // cycle (CycleOpened crosses the bus) and starts a first environment of every function the load calls.
    const setupOutcomes = noOutcomes();
    const warmDeadline = performance.now() + 60_000;
    const slowPoll = { attempts: 60, intervalMs: 500 };
    for (;;) {
      await Promise.all(
        opdCallers.map((caller, vu) =>
          opdUser(setup, caller, cycleId, -1 - vu, { deadline: warmDeadline, iterations: 1 }, slowPoll, setupOutcomes),
        ),
      );
      if (setupOutcomes.registrationsAccepted > 0 || performance.now() > warmDeadline) break;
      await sleep(500);
    }
    progress(`cycle ${cycleId} open; warm-up registered ${setupOutcomes.registrationsAccepted}`);
    progress(`loading for ${config.seconds} s with ${config.users} OPD users and ${config.coordinators} coordinators…`);

    const coldBefore = await coldStarts(platform.url);
    const tally = new Tally();
    const client = new Client(platform.url, tally);
    const outcomes = noOutcomes();
    const loadStarted = performance.now();
    const deadline = loadStarted + config.seconds * 1000;
    await Promise.all([
      ...Array.from({ length: config.users }, (_, vu) => {
        const caller = opdCallers[vu % opdCallers.length] as OpdCaller;
        return opdUser(client, caller, cycleId, vu, { deadline }, config.trackPoll, outcomes);
      }),
      ...Array.from({ length: config.coordinators }, (_, k) =>
        coordinator(
          client,
          coordinatorToken,
          coordinatorUser.opdId,
          cycleId,
          k,
          config.coordinators,
          deadline,
          outcomes,
        ),
      ),
    ]);
    // Until the last loop's last answer: the requests in flight at the deadline are counted, so is their time.
    const elapsedMs = performance.now() - loadStarted;
    const coldDuring = (await coldStarts(platform.url)) - coldBefore;

    progress('load done; waiting for the consumers to drain…');
    const expectedRegistered = outcomes.registrationsAccepted + setupOutcomes.registrationsAccepted;
    const expectedDiagnose = outcomes.approvalsAccepted + setupOutcomes.approvalsAccepted;
    const drainDeadline = performance.now() + config.drainSeconds * 1000;
    let consistency: Consistency;
    let deadLettered = 0;
    for (;;) {
      const depths = await queueDepths(platform.url);
      deadLettered = depths.deadLettered;
      const board = await setup.call('board', coordinatorToken, 'GET', `/cycles/${cycleId}/board`);
      const funnel = board.body.funnel as { registered?: number; stages?: Record<string, number> } | undefined;
      consistency = {
        registrationsAccepted: expectedRegistered,
        boardRegistered: funnel?.registered,
        approvalsAccepted: expectedDiagnose,
        boardDiagnose: funnel?.stages?.diagnose,
        drained: depths.pending === 0,
      };
      const settled = consistency.drained && consistency.boardRegistered === expectedRegistered;
      if (settled || performance.now() > drainDeadline) break;
      await sleep(1000);
    }
    const drainMs = performance.now() - loadStarted - elapsedMs;

    const samples = tally.all();
    const totals = totalsOf(samples, elapsedMs);
    console.log(heading(`Per operation (${(elapsedMs / 1000).toFixed(1)} s of load)`));
    console.log(renderOperations(reportByOperation(samples, elapsedMs)));
    console.log(renderTotals(totals, consistency));
    console.log(
      [
        `iterations started ${outcomes.iterations} · registrations accepted ${outcomes.registrationsAccepted} · ` +
          `track not yet open after the poll ${outcomes.trackNotYetOpen} (not errors) · advance requests accepted ` +
          `${outcomes.advanceRequested} · approvals accepted ${outcomes.approvalsAccepted}`,
        `warm-up (not in the figures): ${setupOutcomes.registrationsAccepted} registered, ` +
          `${setupOutcomes.approvalsAccepted} approved · drained in ${(drainMs / 1000).toFixed(1)} s · ` +
          `cold starts during the load ${coldDuring} · messages in consumer DLQs ${deadLettered}`,
      ].join('\n'),
    );
    console.log(heading('Platform warnings and errors'));
    console.log(`${counts.warn} warnings, ${counts.error} errors${kept.length > 0 ? '; the first:' : ''}`);
    for (const message of kept) console.log(`  ${message}`);

    const failures = failuresOf(totals, consistency);
    for (const sample of samples.filter((s) => s.status >= 500 || s.status === 0).slice(0, 5)) {
      console.log(`  ${sample.operation}: ${sample.status} ${sample.code ?? ''}`);
    }
    console.log(failures.length === 0 ? '\nPASS: 0 5xx, the board agrees' : `\nFAIL: ${failures.join('; ')}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
    await platform.stop();
  }
}

process.exitCode = await main();
