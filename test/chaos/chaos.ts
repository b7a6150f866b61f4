import type { LocalPlatform } from '@inovda/local';
import { Tally } from '../load/tally';
import { Client } from '../load/virtual-users';
import { cycleAhead } from '../support/cycle-ahead';
import { runFaultSchedule } from './fault-schedule';
import { PublishedEvents } from './published';
import { type Settled, settle } from './settle';
import { scanTable } from './tables';
import { coordinator, emptyLedger, type Ledger, type OpdCaller, opdUser } from './traffic';
import { type Board, type Verdict, verify } from './verify';

/**
 * One chaos run against a started platform: open a cycle, drive OPD users and a coordinator until `targetEvents`
 * distinct events were published while the fault schedule switches faults on and off, switch everything off,
 * settle (sweepers, queues, redrive), then verify. `npm run chaos` and the end-to-end test both call this.
 */

export interface ChaosConfig {
  readonly targetEvents: number;
  readonly users: number;
  /** How long each fault phase lasts (the healthy phase after it lasts half as long). */
  readonly phaseMs: number;
  /** Bound on the traffic: if the target is not reached by then, the run fails (reported, not hung). */
  readonly maxDriveMs: number;
  /** The traffic goes on at least until this many fault phases ran (3: each kind of fault switched on once). */
  readonly minPhases: number;
  /** Bound on settling after the faults. */
  readonly settleMs: number;
}

export interface ChaosReport {
  readonly cycleId: string;
  readonly ledger: Ledger;
  readonly phases: readonly string[];
  /** How many times each fault acted during the run (a call refused, a batch failed, an environment killed…). */
  readonly faultsActed: Readonly<Record<string, number>>;
  readonly settled: Settled;
  readonly verdict: Verdict;
  readonly requests: number;
  readonly serverErrors: number;
  /** Every reason the run fails; empty means 0 lost, 0 applied twice, target reached, settled. */
  readonly failures: readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a cycle and waits (bounded) until submissions has learnt of it: a probe registration is accepted. */
async function openCycle(client: Client, coordinatorToken: string, opd: OpdCaller, ledger: Ledger): Promise<string> {
  const cycle = await client.call('setup', coordinatorToken, 'POST', '/cycles', cycleAhead('Siklus uji chaos'));
  const cycleId = cycle.body.id;
  if (cycle.status !== 201 || typeof cycleId !== 'string') throw new Error(`POST /cycles: ${cycle.status}`);
  const opened = await client.call('setup', coordinatorToken, 'POST', `/cycles/${cycleId}/open`);
  if (opened.status !== 200) throw new Error(`open cycle: ${opened.status}`);
  const probe = await client.call('setup', opd.token, 'POST', '/innovations', { name: 'Probe', opdId: opd.opdId });
  const probeId = probe.body.id;
  if (probe.status !== 201 || typeof probeId !== 'string') throw new Error(`probe: ${probe.status}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const registered = await client.call('setup', opd.token, 'POST', `/innovations/${probeId}/register`, { cycleId });
    if (registered.status === 200) {
      ledger.registered.add(probeId);
      return cycleId;
    }
    await sleep(250);
  }
  throw new Error('submissions never learnt of the open cycle (CycleOpened not consumed within 60 s)');
}

export async function runChaos(
  platform: LocalPlatform,
  config: ChaosConfig,
  log: (message: string) => void,
): Promise<ChaosReport> {
  const published = new PublishedEvents(platform.bus);
  const tally = new Tally();
  const client = new Client(platform.url, tally);
  const ledger = emptyLedger();
  const koordinator = platform.users.find((user) => user.username === 'koordinator');
  if (!koordinator) throw new Error('no koordinator dev user');
  const coordinatorToken = await platform.tokenFor(koordinator.username);
  const opds: OpdCaller[] = await Promise.all(
    platform.users
      .filter((user) => user.roles.includes('opd') && user.opdId !== undefined)
      .map(async (user) => ({ token: await platform.tokenFor(user.username), opdId: user.opdId ?? '' })),
  );
  if (opds.length < 2) throw new Error('the region needs two OPD dev users (impartiality needs another OPD)');
  const actedSoFar = () => Object.fromEntries(platform.faults.list().map((fault) => [fault.name, fault.acted]));
  const actedBefore = actedSoFar();
  try {
    // Everyone opens their inbox first (their sign-in): the notifications service then tells them what happens.
    for (const token of [coordinatorToken, ...opds.map((opd) => opd.token)]) {
      const inbox = await client.call('setup', token, 'GET', '/notifications');
      if (inbox.status !== 200) throw new Error(`GET /notifications: ${inbox.status}`);
    }
    // The coordinator wants every registration by e-mail at once: mail flows from the first seconds, so the SES
    // faults of the schedule always meet some.
    const mailEveryRegistration = await client.call('setup', coordinatorToken, 'PUT', '/notification-preferences', {
      categories: { registration: { inbox: 'immediate', email: 'immediate' } },
    });
    if (mailEveryRegistration.status !== 200)
      throw new Error(`PUT /notification-preferences: ${mailEveryRegistration.status}`);
    const cycleId = await openCycle(client, coordinatorToken, opds[0] as OpdCaller, ledger);
    log(`cycle ${cycleId} open; driving ${config.users} OPD users to ${config.targetEvents} published events`);

    const driveDeadline = Date.now() + config.maxDriveMs;
    let lastReport = 0;
    // Both the target and the schedule's first phases, so a fast run still meets every kind of fault.
    const schedule = { phasesDone: 0 };
    const running = () => {
      const count = published.byEventId.size;
      if (Date.now() >= driveDeadline) return false;
      if (schedule.phasesDone < config.minPhases) return true;
      if (count - lastReport >= 1000) {
        lastReport = count;
        log(`${count} events published`);
      }
      return count < config.targetEvents;
    };
    const [phases] = await Promise.all([
      runFaultSchedule(platform.faults, config.phaseMs, running, log, schedule),
      ...Array.from({ length: config.users }, (_, vu) =>
        opdUser(client, opds[vu % opds.length] as OpdCaller, cycleId, vu, running, ledger),
      ),
      coordinator(client, coordinatorToken, koordinator.opdId, cycleId, running, ledger),
    ]);
    const actedAfter = actedSoFar();
    const faultsActed = Object.fromEntries(
      Object.entries(actedAfter).map(([name, count]) => [name, count - (actedBefore[name] ?? 0)]),
    );
    const reachedTarget = published.byEventId.size >= config.targetEvents;
    log(`traffic stopped at ${published.byEventId.size} events published; settling…`);

    const settled = await settle(platform, config.settleMs, log);
    const boardAnswer = await client.call('board', coordinatorToken, 'GET', `/cycles/${cycleId}/board`);
    if (boardAnswer.status !== 200) throw new Error(`GET board: ${boardAnswer.status}`);
    const verdict = verify({
      cycleId,
      ledger,
      published,
      submissions: await scanTable(platform, 'submissions'),
      workflow: await scanTable(platform, 'workflow'),
      board: (boardAnswer.body.funnel ?? {}) as Board,
      notifications: {
        items: await scanTable(platform, 'notifications'),
        coordinators: platform.users.filter((user) => user.roles.includes('coordinator')).map((user) => user.sub),
      },
    });
    const samples = tally.all();
    const serverErrors = samples.filter((sample) => sample.status >= 500 || sample.status === 0).length;
    const failures = [
      ...(reachedTarget ? [] : [`only ${published.byEventId.size} of ${config.targetEvents} events published in time`]),
      ...(settled.settled ? [] : [`did not settle: ${JSON.stringify(settled)}`]),
      ...(phases.length >= config.minPhases ? [] : [`only ${phases.length} fault phases ran`]),
      ...(serverErrors > 0 ? [`${serverErrors} requests answered 5xx or not at all`] : []),
      ...verdict.lost.map((reason) => `lost: ${reason}`),
      ...verdict.appliedTwice.map((reason) => `applied twice: ${reason}`),
    ];
    return { cycleId, ledger, phases, faultsActed, settled, verdict, requests: samples.length, serverErrors, failures };
  } finally {
    published.stop();
    await platform.faults.clear();
  }
}
