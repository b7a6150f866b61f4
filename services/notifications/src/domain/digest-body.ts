import type { DigestEntry } from './model';

/**
 * A digest e-mail: one subject for the period, and each notification in it (subject, text, link), oldest first.
 * `cadence` is the period's (`daily:…` or `weekly:…`).
 */
export function digestText(
  period: string,
  entries: readonly DigestEntry[],
  appOrigin: string,
): { subject: string; body: string } {
  const kind = period.startsWith('weekly:') ? 'mingguan' : 'harian';
  const subject = `Ringkasan ${kind} inovda: ${entries.length} pemberitahuan`;
  const body = entries
    .map((entry) =>
      [`• ${entry.subject}`, `  ${entry.body}`, ...(entry.link ? [`  ${appOrigin}${entry.link}`] : [])].join('\n'),
    )
    .join('\n\n');
  return { subject, body };
}
