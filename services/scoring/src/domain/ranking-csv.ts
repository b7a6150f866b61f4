import type { InnovationFacts, Score, ScoringCycle } from './model';
import { roundHundredths } from './numbers';
import type { RankingRow } from './results';
import type { ScoringEdition } from './scoring-edition';

/**
 * A cell as a spreadsheet must read it: quoted when it holds a separator, a quote or a line break, and a text that
 * starts like a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one) prefixed with an apostrophe,
 * so a name such as `=HYPERLINK(…)` is shown as text and never run (OWASP "CSV injection").
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return formatNumber(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n,]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Numbers with a decimal point and two decimals at most (the spreadsheet's locale decides how it shows them). */
function formatNumber(value: number): string {
  return String(roundHundredths(value));
}

function line(cells: ReadonlyArray<string | number>): string {
  return cells.map(csvCell).join(',');
}

/**
 * The ranking as CSV for the performance-allowance (TPP) decision, in Indonesian: the OPD rows (rank, Σ, count,
 * divisor, value, best), then one row per counted innovation and indicator (weight × level = score), so each OPD's
 * Σ is the sum of its innovations' rows and each innovation's score the sum of its indicator rows. UTF-8 with a
 * byte-order mark and CRLF line ends, which spreadsheets open without an import dialog.
 */
export function rankingCsv(
  edition: ScoringEdition,
  cycle: Pick<ScoringCycle, 'id' | 'name' | 'year'>,
  ranking: { readonly k: number; readonly rows: readonly RankingRow[] },
  innovations: ReadonlyArray<{ readonly facts: InnovationFacts; readonly score: Score }>,
): string {
  const lines = [
    line([
      'Bagian',
      'Peringkat',
      'Kode OPD',
      'Jumlah nilai',
      'Jumlah inovasi',
      'Pembagi MAX(k; n)',
      'Nilai OPD',
      'Nilai inovasi terbaik',
    ]),
    ...ranking.rows.map((row) =>
      line([
        'Peringkat OPD',
        row.rank,
        row.opdId,
        row.sum,
        row.count,
        Math.max(ranking.k, row.count),
        row.value,
        row.best,
      ]),
    ),
    '',
    line([
      'Bagian',
      'Kode OPD',
      'ID inovasi',
      'Nama inovasi',
      'Kode indikator',
      'Indikator',
      'Bobot',
      'Tingkat',
      'Nilai',
      'Diputuskan oleh',
    ]),
  ];
  const sorted = [...innovations].sort(
    (a, b) => a.facts.opdId.localeCompare(b.facts.opdId) || a.facts.innovationId.localeCompare(b.facts.innovationId),
  );
  for (const { facts, score } of sorted) {
    lines.push(
      line([
        'Nilai inovasi',
        facts.opdId,
        facts.innovationId,
        facts.name,
        '',
        'Jumlah',
        '',
        '',
        score.counted?.score ?? score.total,
        '',
      ]),
    );
    for (const indicator of score.indicators) {
      const spec = edition.innovation.indicators.find((candidate) => candidate.code === indicator.indicator);
      const weight = spec?.weight ?? 0;
      lines.push(
        line([
          'Indikator',
          facts.opdId,
          facts.innovationId,
          facts.name,
          indicator.indicator,
          spec?.name ?? indicator.indicator,
          weight,
          indicator.level,
          weight * indicator.level,
          DECIDED_BY_LABEL[indicator.decidedBy],
        ]),
      );
    }
  }
  lines.unshift(line([`Peringkat OPD ${cycle.name} (${cycle.year})`, `rubrik ${edition.id}`, `k = ${ranking.k}`]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const DECIDED_BY_LABEL: Readonly<Record<Score['indicators'][number]['decidedBy'], string>> = {
  evaluators: 'tim penilai',
  calibration: 'kalibrasi koordinator',
  correction: 'koreksi koordinator',
};
