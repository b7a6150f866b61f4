import type { LocalPlatform } from '@inovda/local';
import { outboxRows, scanTable } from './tables';

/**
 * After the chaos: every fault off, then what an operator's platform does on its own plus the one runbook step.
 * Each round runs every outbox sweeper (the schedule, fired now rather than at its minute), waits for the bus and
 * the consumer queues, and redrives every non-empty dead-letter queue (`npm run redrive` locally). It ends when two
 * rounds in a row find nothing pending anywhere (a consumer's own events may start another wave), or at `boundMs`.
 */

export interface Settled {
  readonly settled: boolean;
  readonly rounds: number;
  /** Messages moved back from dead-letter queues, in all. */
  readonly redriven: number;
  /** Outbox rows still pending, queued messages and dead letters when it gave up (all 0 when settled). */
  readonly pendingOutbox: number;
  readonly queued: number;
  readonly deadLettered: number;
  /** Which dead-letter queues held those, by name (empty when settled): where to look when it did not settle. */
  readonly deadLetteredBy: Readonly<Record<string, number>>;
  /** What those were, `<queue>: <detail-type>` with a count: which events a consumer keeps refusing. */
  readonly deadLetteredEvents: Readonly<Record<string, number>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `promise` does or after `ms`, whichever is first: a hung wait must not hang the run. */
async function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

async function pendingOutboxRows(platform: LocalPlatform): Promise<number> {
  let pending = 0;
  for (const service of Object.keys(platform.tableNames)) {
    pending += outboxRows(await scanTable(platform, service)).filter((row) => row.pending).length;
  }
  return pending;
}

/** The events waiting in the given dead-letter queues, counted by queue and detail-type. */
function deadLetteredEvents(platform: LocalPlatform, queueNames: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of queueNames) {
    for (const message of platform.queues.peek(name) ?? []) {
      let type = 'not an EventBridge event';
      try {
        const parsed = JSON.parse(message.body) as { 'detail-type'?: unknown };
        if (typeof parsed['detail-type'] === 'string') type = parsed['detail-type'];
      } catch {
        // Counted as what it is: not an event.
      }
      const key = `${name}: ${type}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

export async function settle(
  platform: LocalPlatform,
  boundMs: number,
  log: (message: string) => void,
): Promise<Settled> {
  await platform.faults.clear();
  const sweepers = platform.schedules().filter((schedule) => schedule.name.endsWith('outbox-sweep'));
  if (sweepers.length === 0) throw new Error('no outbox sweeper schedule: the run could not recover the outbox');
  const deadline = Date.now() + boundMs;
  let redriven = 0;
  let quietRounds = 0;
  let rounds = 0;
  let last = {
    pendingOutbox: -1,
    queued: -1,
    deadLettered: -1,
    deadLetteredBy: {} as Record<string, number>,
    deadLetteredEvents: {} as Record<string, number>,
  };
  // A quiet round needs a second to confirm it; that one round is taken even past the bound (a round may take a while
  // on a busy machine: it waits for queues and the bus to drain), so a run that did settle is not reported unsettled.
  while (Date.now() < deadline || quietRounds === 1) {
    rounds++;
    for (const sweeper of sweepers) await platform.runSchedule(sweeper.name);
    await atMost(platform.bus.whenIdle(), 30_000);
    for (const queue of platform.queues.list()) {
      // A queue without a dead-letter queue of its own is one (`…-dlq` or `…-undelivered`).
      if (queue.deadLetterQueue === undefined && queue.visible > 0)
        redriven += platform.queues.redrive(queue.name) ?? 0;
    }
    await atMost(platform.queues.whenIdle(), 30_000);
    await atMost(platform.bus.whenIdle(), 30_000);
    const queues = platform.queues.list();
    const deadLetterQueues = queues.filter((queue) => queue.deadLetterQueue === undefined);
    last = {
      pendingOutbox: await pendingOutboxRows(platform),
      queued: queues
        .filter((queue) => queue.deadLetterQueue !== undefined)
        .reduce((sum, queue) => sum + queue.visible + queue.notVisible, 0),
      deadLettered: deadLetterQueues.reduce((sum, queue) => sum + queue.visible + queue.notVisible, 0),
      deadLetteredBy: Object.fromEntries(
        deadLetterQueues
          .filter((queue) => queue.visible + queue.notVisible > 0)
          .map((queue) => [queue.name, queue.visible + queue.notVisible]),
      ),
      deadLetteredEvents: deadLetteredEvents(
        platform,
        deadLetterQueues.map((queue) => queue.name),
      ),
    };
    const quiet = last.pendingOutbox === 0 && last.queued === 0 && last.deadLettered === 0;
    quietRounds = quiet ? quietRounds + 1 : 0;
    log(`settling, round ${rounds}: ${JSON.stringify(last)}, redriven ${redriven}`);
    if (quietRounds >= 2) return { settled: true, rounds, redriven, ...last };
    // The sweeper takes only rows pending longer than its grace; give the grace time to pass.
    await sleep(1000);
  }
  return { settled: false, rounds, redriven, ...last };
}
