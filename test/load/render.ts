import { formatMs, heading, table } from '../bench/report';
import type { Consistency, OperationReport, Totals } from './tally';

const statusList = (statuses: Readonly<Record<string, number>>) =>
  Object.entries(statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status === '0' ? 'no answer' : status}×${count}`)
    .join(' ');

/** The per-operation table: count, rate, latency of every answer, and its status histogram. */
export function renderOperations(operations: readonly OperationReport[]): string {
  return table(
    [
      { header: 'operation' },
      { header: 'count', align: 'right' },
      { header: 'req/s', align: 'right' },
      { header: 'p50', align: 'right' },
      { header: 'p99', align: 'right' },
      { header: 'max', align: 'right' },
      { header: 'statuses' },
    ],
    operations.map((operation) => [
      operation.operation,
      String(operation.count),
      operation.perSecond.toFixed(1),
      formatMs(operation.latency?.p50),
      formatMs(operation.latency?.p99),
      formatMs(operation.latency?.max),
      statusList(operation.statuses),
    ]),
  );
}

/** Totals, the 4xx by code, and the board against what the API accepted. */
export function renderTotals(totals: Totals, consistency: Consistency): string {
  const clientErrors = Object.entries(totals.clientErrors).sort(([, a], [, b]) => b - a);
  return [
    heading('Totals'),
    `${totals.requests} requests, ${totals.perSecond.toFixed(1)} req/s · 5xx: ${totals.serverErrors} · ` +
      `no answer: ${totals.noAnswer}`,
    `4xx by status and problem code: ${
      clientErrors.length === 0 ? 'none' : clientErrors.map(([key, count]) => `${key} ×${count}`).join(', ')
    }`,
    heading('Board after the consumers drained'),
    `consumer queues ${consistency.drained ? 'empty' : 'NOT empty when the drain timed out'}`,
    `registered: board ${consistency.boardRegistered ?? 'unreadable'} · API accepted ${consistency.registrationsAccepted}`,
    `at Diagnose: board ${consistency.boardDiagnose ?? 'unreadable'} · API approved ${consistency.approvalsAccepted}`,
  ].join('\n');
}
