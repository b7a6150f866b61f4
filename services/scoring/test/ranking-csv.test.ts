import { InnovationProfileUpdated } from '@inovda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptAll, CLAIMS, PROFILE_EVIDENCE, startHarness, withDecision } from './harness';

/**
 * The ranking CSV for the performance-allowance decision: opens in a spreadsheet as is (BOM, CRLF, Indonesian
 * headers), every number traceable to the rows it sums, and names that look like formulas kept as text.
 */

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
  await h.evaluatorsReady();
});
afterAll(async () => {
  await h?.stop();
});

/** RFC 4180 fields of a CSV text (quoted fields may hold separators, quotes doubled, and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Renames an innovation as the submissions service would tell scoring (a newer profile version). */
async function rename(id: string, opdId: string, name: string) {
  await h.deliver(InnovationProfileUpdated, {
    innovationId: id,
    opdId,
    version: 3,
    changedFields: ['name'],
    profile: { name, opdId, governmentAffairs: ['health'], evidence: PROFILE_EVIDENCE as never },
  });
}

const HOSTILE_NAMES = ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', 'Sehat, Cepat; "Mudah"'];

describe('GET /cycles/{id}/ranking.csv', () => {
  it('is UTF-8 with a BOM and CRLF, in Indonesian, each number the sum of the rows below it', async () => {
    const cycleId = await h.openedCycle(2027);
    const reason = 'Bukti dukung kurang.';
    const plan: Array<[string, unknown[]]> = [
      ['dinkes', acceptAll()],
      ['dinkes', withDecision(acceptAll(), { indicator: 'tools', decision: 'reject', reason })],
      ['disdukcapil', withDecision(acceptAll(), { indicator: 'regulation', decision: 'lower', level: 2, reason })],
      ['balitbang', acceptAll()],
      ['balitbang', acceptAll()],
    ];
    const ids: string[] = [];
    for (const [index, [opdId, decisions]] of plan.entries()) {
      const id = await h.selfAssessed(cycleId, opdId);
      await rename(id, opdId, HOSTILE_NAMES[index] as string);
      const second = opdId === 'disdukcapil' ? 'evaluator3' : 'evaluator2';
      await h.verified(id, { evaluator: decisions, [second]: decisions });
      ids.push(id);
    }
    const response = await h.rankingCsv('coordinator', cycleId);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('.csv');
    const text = response.text ?? '';
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(text.slice(1));

    const opdHeader = rows.findIndex((row) => row[0] === 'Bagian' && row[1] === 'Peringkat');
    expect(rows[opdHeader]).toEqual([
      'Bagian',
      'Peringkat',
      'Kode OPD',
      'Jumlah nilai',
      'Jumlah inovasi',
      'Pembagi MAX(k; n)',
      'Nilai OPD',
      'Nilai inovasi terbaik',
    ]);
    expect(rows).toContainEqual([
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
    ]);
    const opdRows = rows.filter((row) => row[0] === 'Peringkat OPD');
    const innovationRows = rows.filter((row) => row[0] === 'Nilai inovasi');
    const indicatorRows = rows.filter((row) => row[0] === 'Indikator');
    expect(opdRows.map((row) => [row[1], row[2], row[3]])).toEqual([
      ['1', 'balitbang', '82'],
      ['2', 'dinkes', '78'],
      ['3', 'disdukcapil', '38'],
    ]);
    expect(innovationRows).toHaveLength(5);
    expect(indicatorRows).toHaveLength(5 * 20);
    for (const opd of opdRows) {
      const [, , opdId, sum, count, divisor, value] = opd;
      const mine = innovationRows.filter((row) => row[1] === opdId);
      expect(mine.reduce((total, row) => total + Number(row[8]), 0)).toBe(Number(sum));
      expect(mine).toHaveLength(Number(count));
      expect(Number(divisor)).toBe(Math.max(14, Number(count)));
      expect(Number(value)).toBeCloseTo(Number(sum) / Number(divisor), 2);
    }
    for (const innovation of innovationRows) {
      const lines = indicatorRows.filter((row) => row[2] === innovation[2]);
      expect(lines.reduce((total, row) => total + Number(row[8]), 0)).toBe(Number(innovation[8]));
      for (const line of lines) expect(Number(line[8])).toBe(Number(line[6]) * Number(line[7]));
    }
    // Each innovation's score here is the one the API gives.
    for (const id of ids) {
      const total = (await h.score('coordinator', id)).body.total;
      expect(Number(innovationRows.find((row) => row[2] === id)?.[8])).toBe(total);
    }
  });

  it('writes a name that starts like a formula as text: an apostrophe first, quoted as needed', async () => {
    const cycleId = await h.openedCycle(2027);
    for (const name of HOSTILE_NAMES) {
      const id = await h.selfAssessed(cycleId, 'balitbang', CLAIMS);
      await rename(id, 'balitbang', name);
      await h.verified(id, { evaluator: acceptAll(), evaluator2: acceptAll() });
    }
    const text = (await h.rankingCsv('admin', cycleId)).text ?? '';
    expect(text).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(text).toContain(",'+1,");
    expect(text).toContain(",'-1,");
    expect(text).toContain(",'@SUM(A1),");
    expect(text).toContain(',"Sehat, Cepat; ""Mudah""",');
    // No field, once unquoted, starts with a formula character.
    for (const row of parseCsv(text.slice(1))) {
      for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    }
    const names = new Set(
      parseCsv(text.slice(1))
        .filter((row) => row[0] === 'Nilai inovasi')
        .map((row) => row[3]),
    );
    expect([...names].sort()).toEqual(["'+1", "'-1", '\'=HYPERLINK("http://x")', "'@SUM(A1)", 'Sehat, Cepat; "Mudah"']);
  });
});
