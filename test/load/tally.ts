import { type Summary, summarize } from '../bench/stats';

/**
 * What the load run counts, kept apart from the HTTP so it can be checked without a platform. Every answer is
 * recorded under its operation with its status and, for a problem, its `code` (a 409 is `concurrent-change` or
 * `invalid-state`, which mean different things); a request that got no answer at all is recorded as status 0.
 */
export interface Sample {
  readonly operation: string;
  readonly status: number;
  /** The problem's `code` of a 4xx/5xx answer, when it had one. */
  readonly code?: string;
  readonly ms: number;
}

/** Status 0: no HTTP answer (connection refused or reset, fetch threw). Counts as a failure like a 5xx. */
export const NO_ANSWER = 0;

/** One operation over the whole run. Latency is over every answer, not only the successful ones. */
export interface OperationReport {
  readonly operation: string;
  readonly count: number;
  readonly perSecond: number;
  readonly latency: Summary | undefined;
  /** Count per status, e.g. `{ "201": 990, "409": 10 }`. */
  readonly statuses: Readonly<Record<string, number>>;
}

/** Totals of the run, and the 4xx broken down by status and problem code. */
export interface Totals {
  readonly requests: number;
  readonly perSecond: number;
  readonly serverErrors: number;
  readonly noAnswer: number;
  /** `"409 concurrent-change"` → count, every operation together. */
  readonly clientErrors: Readonly<Record<string, number>>;
}

/** Collects samples; cheap enough to record from 200 loops at once (an array push per answer). */
export class Tally {
  private readonly samples: Sample[] = [];

  record(sample: Sample): void {
    this.samples.push(sample);
  }

  all(): readonly Sample[] {
    return this.samples;
  }
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Per operation, in the order the operations first answered (the order of the loop). */
export function reportByOperation(samples: readonly Sample[], elapsedMs: number): OperationReport[] {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const group = groups.get(sample.operation);
    if (group) group.push(sample);
    else groups.set(sample.operation, [sample]);
  }
  return [...groups].map(([operation, group]) => {
    const statuses: Record<string, number> = {};
    for (const sample of group) increment(statuses, String(sample.status));
    const answered = group.filter((sample) => sample.status !== NO_ANSWER).map((sample) => sample.ms);
    return {
      operation,
      count: group.length,
      perSecond: group.length / (elapsedMs / 1000),
      latency: answered.length > 0 ? summarize(answered) : undefined,
      statuses,
    };
  });
}

export function totalsOf(samples: readonly Sample[], elapsedMs: number): Totals {
  const clientErrors: Record<string, number> = {};
  let serverErrors = 0;
  let noAnswer = 0;
  for (const sample of samples) {
    if (sample.status >= 500) serverErrors++;
    else if (sample.status === NO_ANSWER) noAnswer++;
    else if (sample.status >= 400) increment(clientErrors, `${sample.status} ${sample.code ?? '(no code)'}`);
  }
  return {
    requests: samples.length,
    perSecond: samples.length / (elapsedMs / 1000),
    serverErrors,
    noAnswer,
    clientErrors,
  };
}

/** What the board says after the consumers drained, next to what the API accepted. */
export interface Consistency {
  /** Registrations the API answered 200 (the load's and the setup's). */
  readonly registrationsAccepted: number;
  /** The board's funnel `registered`, undefined when it could not be read. */
  readonly boardRegistered: number | undefined;
  /** Approvals the API answered 200: each moved a track from Drum up to Diagnose. */
  readonly approvalsAccepted: number;
  /** The board's funnel count at Diagnose. */
  readonly boardDiagnose: number | undefined;
  /** Whether the consumer queues were empty before the drain's time ran out. */
  readonly drained: boolean;
}

/**
 * Why the run failed, empty when it passed: any 5xx or unanswered request, and a board that disagrees with what
 * the API accepted (a registration or an approval lost, or counted twice, on the way through the bus).
 */
export function failuresOf(totals: Totals, consistency: Consistency): string[] {
  const failures: string[] = [];
  if (totals.serverErrors > 0) failures.push(`${totals.serverErrors} answers were 5xx`);
  if (totals.noAnswer > 0) failures.push(`${totals.noAnswer} requests got no answer`);
  if (consistency.boardRegistered !== consistency.registrationsAccepted) {
    failures.push(
      `the board counts ${consistency.boardRegistered ?? 'nothing'} registered, the API accepted ${consistency.registrationsAccepted}`,
    );
  }
  if (consistency.boardDiagnose !== consistency.approvalsAccepted) {
    failures.push(
      `the board counts ${consistency.boardDiagnose ?? 'nothing'} at Diagnose, the API approved ${consistency.approvalsAccepted}`,
    );
  }
  return failures;
}
