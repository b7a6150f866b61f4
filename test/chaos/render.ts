import type { ChaosReport } from './chaos';

/** The chaos report as text: what was published, delivered and applied, and every failure. */
export function renderReport(report: ChaosReport): string {
  const { verdict, ledger, settled } = report;
  const byType = Object.entries(verdict.published.byType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => `    ${type.padEnd(24)} ${count}`)
    .join('\n');
  const delivered = Object.entries(verdict.delivered)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => `    ${type.padEnd(24)} ${count}`)
    .join('\n');
  return [
    `fault phases: ${report.phases.length} (${[...new Set(report.phases)].join('; ')})`,
    `faults acted: ${Object.entries(report.faultsActed)
      .map(([name, count]) => `${name} ${count}×`)
      .join(', ')}`,
    `requests: ${report.requests} (5xx or unanswered: ${report.serverErrors}); accepted: ${JSON.stringify(ledger.accepted)}`,
    `published: ${verdict.published.events} distinct events (${verdict.published.deliveries} deliveries to the bus, republications included)`,
    byType,
    'delivered to and applied by workflow/track-events (processed-event records; a profile event overtaken by a newer',
    '  version of the profile is skipped as stale and leaves none):',
    delivered,
    `applied: ${verdict.applied.opened} tracks opened (${ledger.registered.size} registrations accepted), ` +
      `${verdict.applied.withdrawn} withdrawn (${ledger.withdrawn.size} accepted), ` +
      `${verdict.applied.advanced} advanced to Diagnose (${ledger.approved.size} approvals accepted)`,
    `settled: ${settled.settled} after ${settled.rounds} rounds; ${settled.redriven} messages redriven from dead-letter queues`,
    `lost: ${verdict.lost.length}${verdict.lost.length ? `\n    ${verdict.lost.slice(0, 10).join('\n    ')}` : ''}`,
    `applied twice: ${verdict.appliedTwice.length}${verdict.appliedTwice.length ? `\n    ${verdict.appliedTwice.slice(0, 10).join('\n    ')}` : ''}`,
  ].join('\n');
}
