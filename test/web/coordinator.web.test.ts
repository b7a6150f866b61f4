import { readFileSync } from 'node:fs';
import type { LocalPlatform } from '@inovda/local';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKotaSolok } from '../../infra/seed/kota-solok';
import { apiCaller, type Json, retryUntil } from '../e2e/e2e-platform';
import {
  expectAccessible,
  launchChromium,
  overflowsHorizontally,
  screenshot,
  signInAs as signInFrom,
  startWebPlatform,
  watchedPage,
} from './browser';

/**
 * The coordinator's programme pages in headless Chromium, over the Kota Solok demo (a scored, published and closed
 * 2026 cycle; an open 2027 cycle with pledges and two registrations): the board of a cycle (the funnel and pledged
 * vs registered per OPD as charts that are tables, recording a pledge, holding and resuming a track), the results
 * (ranking, region index with its predicate and the gain of one more innovation, the TPP export as a download,
 * republication after a score correction) and publishing with a confirmation step. axe-core checks every state;
 * each step leaves a screenshot.
 */

let platform: LocalPlatform;
let browser: Browser;
const call = apiCaller(() => platform);
const cycleIds: Record<'2026' | '2027', string> = { '2026': '', '2027': '' };

beforeAll(async () => {
  platform = await startWebPlatform('web-coordinator');
  // The demo seed, run here rather than as the platform's `seed` option: a seed that fails then fails the file with
  // its own message instead of leaving the pages without data.
  await seedKotaSolok({ url: platform.url, tokenFor: platform.tokenFor });
  browser = await launchChromium();
  const cycles = await call('GET', '/cycles', 'koordinator');
  for (const cycle of cycles.body.items as Json[]) {
    if (cycle.year === 2026 || cycle.year === 2027) cycleIds[String(cycle.year) as '2026' | '2027'] = String(cycle.id);
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Signs in as the dev user `username` from the sign-in page's list (each button names the user). */
async function signInAs(page: Page, username: string): Promise<void> {
  await signInFrom(page, platform.webUrl ?? '', username);
}

/** The name an OPD goes by in the pages (the region's config, as config.json gives it). */
function opdNameOf(opdId: string): string {
  return platform.region.opds.find((opd) => opd.id === opdId)?.name ?? opdId;
}

/** The cells of the table row whose row header is `header`, as a person reads them. */

function cellsOf(table: Locator, header: string): Promise<string[]> {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) })
    .getByRole('cell')
    .allTextContents();
}

/** The drawn widths of the bars in a chart row (CSS percentages). */
function barWidthsOf(table: Locator, header: string): Promise<string[]> {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) })
    .locator('.bar')
    .evaluateAll((bars) => bars.map((bar) => (bar as unknown as { style: { width: string } }).style.width));
}

/** A score as the page writes it: hundredths, decimal comma. */
const score = (value: number) =>
  new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

/** The focused element's text (the keyboard's place on the page). */
const focusedText = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement
        .textContent,
  );

describe('the coordinator’s board and results', () => {
  it('reads the board of the open cycle, records a pledge, holds and resumes a track', {
    timeout: 240_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser);
    try {
      await signInAs(page, 'koordinator');
      await page.getByRole('heading', { name: 'Siklus program inovasi' }).waitFor();
      await page.getByRole('link', { name: 'Papan Program Inovasi Daerah 2027' }).click();
      await page.getByRole('heading', { name: 'Papan Program Inovasi Daerah 2027', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/siklus/${cycleIds['2027']}/papan`);

      // The funnel: the two registrations of the demo at Drum up, once their tracks opened from the bus.
      const funnel = page.getByRole('table', { name: 'Inovasi yang sedang berada di tiap tahap' });
      const atDrumUp = await retryUntil(
        async () => {
          await page.reload();
          await funnel.waitFor();
          return cellsOf(funnel, 'Drum up');
        },
        (cells) => cells[0] === '2',
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      expect(atDrumUp).toEqual(['2']);
      for (const stage of ['Diagnose', 'Design', 'Deliver', 'Display'])
        expect(await cellsOf(funnel, stage)).toEqual(['0']);
      expect(await barWidthsOf(funnel, 'Drum up')).toEqual(['100%']);
      expect(await barWidthsOf(funnel, 'Design')).toEqual(['0%']);

      // Pledged vs registered per OPD of the region, pledges as the seed recorded them.
      const opds = page.getByRole('table', { name: 'Inovasi yang dijanjikan dan yang sudah terdaftar, per OPD' });
      expect(await cellsOf(opds, 'Dinas Kesehatan')).toEqual(['2', '0']);
      expect(await cellsOf(opds, 'Dinas Kependudukan dan Pencatatan Sipil')).toEqual(['1', '1']);
      expect(await cellsOf(opds, 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu')).toEqual(['1', '1']);
      expect(await cellsOf(opds, 'Dinas Pertanian')).toEqual(['1', '0']);
      expect(await cellsOf(opds, 'Badan Perencanaan Pembangunan Daerah')).toEqual(['belum ada janji', '0']);
      expect(await opds.getByRole('row').count()).toBe(1 + platform.region.opds.length);
      expect(await barWidthsOf(opds, 'Dinas Kependudukan dan Pencatatan Sipil')).toEqual(['50%', '50%']);
      await page.getByText('Target siklus ini: 1 inovasi per OPD.').waitFor();
      await expectAccessible(page, 'board of the open cycle');
      await screenshot(page, 'coordinator', '01-board');

      // A pledge: refused in the browser by the API's own schema, then recorded.
      await page.getByRole('combobox', { name: 'OPD' }).selectOption('bappeda');
      await page.getByLabel('Jumlah inovasi yang dijanjikan').fill('dua');
      await page.getByRole('button', { name: 'Simpan janji Badan Perencanaan Pembangunan Daerah' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
      await summary.waitFor();
      await expect.poll(() => summary.textContent()).toContain('Jumlah inovasi yang dijanjikan:');
      await expectAccessible(page, 'pledge form with an error');
      await screenshot(page, 'coordinator', '02-pledge-error');
      await page.getByLabel('Jumlah inovasi yang dijanjikan').fill('3');
      await page.getByRole('button', { name: 'Simpan janji Badan Perencanaan Pembangunan Daerah' }).click();
      await page.getByText('Janji Badan Perencanaan Pembangunan Daerah dicatat: 3 inovasi.').waitFor();
      await expect.poll(() => cellsOf(opds, 'Badan Perencanaan Pembangunan Daerah')).toEqual(['3', '0']);
      expect(await barWidthsOf(opds, 'Badan Perencanaan Pembangunan Daerah')).toEqual(['100%', '0%']);
      const board = await call('GET', `/cycles/${cycleIds['2027']}/board`, 'koordinator');
      expect((board.body.opds as Json[]).find((opd) => opd.opdId === 'bappeda')?.pledged).toBe(3);
      // Choosing an OPD shows its pledge as recorded.
      await page.getByRole('combobox', { name: 'OPD' }).selectOption('dinkes');
      expect(await page.getByLabel('Jumlah inovasi yang dijanjikan').inputValue()).toBe('2');
      await screenshot(page, 'coordinator', '03-pledge-saved');

      // The innovations at Drum up, each with hold; hold one with a note, then resume it.
      await page.getByRole('heading', { name: 'Inovasi di tahap Drum up' }).waitFor();
      const name = 'JEBAK Sekolah: perekaman KTP-el di SMA';
      const card = page.getByRole('article', { name });
      await card.getByText('Dinas Kependudukan dan Pencatatan Sipil · Berjalan').waitFor();
      await page.getByRole('article', { name: 'Anjungan Izin Mandiri di Mal Pelayanan Publik' }).waitFor();
      await page.getByLabel(`Catatan untuk menahan atau melanjutkan ${name}`).fill('Menunggu SK kepala dinas.');
      await page.getByRole('button', { name: `Tahan ${name}` }).click();
      await page.getByText(`${name} ditahan.`).waitFor();
      await card.getByText('Dinas Kependudukan dan Pencatatan Sipil · Ditahan').waitFor();
      await page.getByRole('button', { name: `Lanjutkan ${name}` }).waitFor();
      const innovationId = String(
        (
          (await call('GET', `/cycles/${cycleIds['2027']}/board?stage=drum-up`, 'koordinator')).body.innovations as {
            items: Json[];
          }
        ).items.find((item) => item.name === name)?.innovationId,
      );
      const held = await call('GET', `/innovations/${innovationId}/track`, 'koordinator');
      expect(held.body.status).toBe('held');
      const history = await call('GET', `/innovations/${innovationId}/track/history`, 'koordinator');
      expect((history.body.items as Json[]).at(-1)).toMatchObject({
        action: 'held',
        note: 'Menunggu SK kepala dinas.',
      });
      await expect
        .poll(() =>
          page
            .locator('dt', { hasText: /^Ditahan$/ })
            .locator('xpath=following-sibling::dd')
            .textContent(),
        )
        .toBe('1');
      await expectAccessible(page, 'board with a held track');
      await screenshot(page, 'coordinator', '04-track-held');

      await page.getByRole('button', { name: `Lanjutkan ${name}` }).click();
      await page.getByText(`${name} dilanjutkan.`).waitFor();
      await card.getByText('Dinas Kependudukan dan Pencatatan Sipil · Berjalan').waitFor();
      expect((await call('GET', `/innovations/${innovationId}/track`, 'koordinator')).body.status).toBe('active');
      await screenshot(page, 'coordinator', '05-track-resumed');

      // Another stage, chosen with the form: nothing there yet.
      await page.getByRole('combobox', { name: 'Tahap' }).selectOption('diagnose');
      await page.getByRole('button', { name: 'Tampilkan inovasi di tahap ini' }).click();
      await page.getByRole('heading', { name: 'Inovasi di tahap Diagnose' }).waitFor();
      await page.getByText('Tidak ada inovasi di tahap ini.').waitFor();
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reads the published results of 2026, downloads the TPP export, and sees them republished after a correction', {
    timeout: 180_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser);
    const cycleId = cycleIds['2026'];
    try {
      await signInAs(page, 'koordinator');
      await page.getByRole('heading', { name: 'Siklus program inovasi' }).waitFor();
      await page.getByRole('link', { name: 'Hasil Program Inovasi Daerah 2026' }).click();
      await page.getByRole('heading', { name: 'Hasil Program Inovasi Daerah 2026', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/siklus/${cycleId}/hasil`);
      await page.getByText(/^Hasil sudah diumumkan pada .+ \(revisi 1\)\.$/).waitFor();
      // Published once: the page offers no second publication (the API would refuse it, as checked below).
      expect(await page.getByRole('button', { name: /^Umumkan hasil/ }).count()).toBe(0);
      const again = await call('POST', `/cycles/${cycleId}/results/publish`, 'koordinator');
      expect(again.status).toBe(409);
      expect(again.body.detail).toContain('koreksi');

      // The ranking as the API computes it, row by row, with the incentive shortlist marked.
      const ranking = (await call('GET', `/cycles/${cycleId}/ranking`, 'koordinator')).body;
      const rows = ranking.rows as Array<{
        rank: number;
        opdId: string;
        value: number;
        sum: number;
        count: number;
        best: number;
      }>;
      const shortlist = ranking.shortlist as string[];
      expect(rows.length).toBe(3);
      const table = page.getByRole('table', {
        name: `Nilai OPD = jumlah nilai inovasinya ÷ MAKS(${ranking.k}, banyak inovasi)`,
      });
      for (const row of rows) {
        const cells = await table
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${opdNameOf(row.opdId)}`) }) })
          .getByRole('cell')
          .allTextContents();
        expect(cells).toEqual([
          String(row.rank),
          score(row.value),
          score(row.sum),
          String(row.count),
          score(row.best),
          shortlist.includes(row.opdId) ? 'Ya' : '',
        ]);
      }

      // The region index, its predicate and the gain of one more innovation, as the API computes them.
      const index = (await call('GET', `/cycles/${cycleId}/region-index`, 'koordinator')).body as {
        index: number;
        predicate: string;
        gainOfOneMore: number;
        meanScore: number;
      };
      expect(index.predicate).not.toBe('');
      await page.getByText(`Indeks ${score(index.index)} dari 100, predikat: ${index.predicate}`).waitFor();
      await page
        .getByText(
          `Satu inovasi lagi dengan nilai rata-rata saat ini (${score(index.meanScore)}) menambah indeks ${score(index.gainOfOneMore)} poin.`,
        )
        .waitFor();
      await expectAccessible(page, 'published results');
      await screenshot(page, 'coordinator', '06-results-published');

      // The TPP export: fetched with the token, offered as a file; the same bytes the API serves, BOM included.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Unduh ekspor TPP Program Inovasi Daerah 2026 (CSV)' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`peringkat-opd-2026-${cycleId}.csv`);
      const saved = readFileSync(await file.path());
      const served = await fetch(`${platform.url}/cycles/${cycleId}/ranking.csv`, {
        headers: { authorization: `Bearer ${await platform.tokenFor('koordinator')}` },
      });
      const servedBytes = Buffer.from(await served.arrayBuffer());
      expect([...saved.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(saved.equals(servedBytes)).toBe(true);
      await page.getByText(`Berkas peringkat-opd-2026-${cycleId}.csv diunduh.`).waitFor();
      await screenshot(page, 'coordinator', '07-export-downloaded');

      // A correction after publication, made on the innovation's calibration page: the page offers the correction form
      // only (no calibration), the browser refuses it without a reason (nothing sent), then it is saved and the
      // results republished (revision 2); the results page shows the new revision and totals.
      const deliver = (await call('GET', `/cycles/${cycleId}/board?stage=deliver`, 'koordinator')).body.innovations as {
        items: Json[];
      };
      const issh = deliver.items.find((item) => item.opdId === 'dpmptsp');
      await page.goto(`${platform.webUrl}/inovasi/${issh?.innovationId}/kalibrasi`);
      const correction = page.getByRole('article', { name: 'Koreksi nilai' });
      await correction.waitFor();
      expect(await page.getByRole('button', { name: /^Tetapkan tingkat/ }).count()).toBe(0);
      await correction.getByRole('combobox', { name: 'Indikator' }).selectOption({ label: 'Alat kerja' });
      await correction.getByRole('combobox', { name: 'Tingkat yang ditetapkan' }).selectOption('2');
      await correction.getByRole('button', { name: 'Koreksi nilai dan umumkan ulang' }).click();
      await expect.poll(() => page.locator('#f-Correction-reason-error').textContent()).toContain('minimal 1 karakter');
      expect((await call('GET', `/cycles/${cycleId}/ranking`, 'koordinator')).body.published).toMatchObject({
        revision: 1,
      });
      await expectAccessible(page, 'score correction refused');
      await correction.getByRole('textbox', { name: 'Alasan koreksi' }).fill('Alat kerja baru tersedia di satu loket.');
      await correction.getByRole('button', { name: 'Koreksi nilai dan umumkan ulang' }).click();
      await page.getByText('Nilai Alat kerja dikoreksi; hasil diumumkan ulang.').waitFor();
      await page.getByRole('cell', { name: 'koreksi: Alat kerja baru tersedia di satu loket.' }).waitFor();
      await expectAccessible(page, 'score corrected');
      await screenshot(page, 'coordinator', '08a-score-corrected');
      await page.goto(`${platform.webUrl}/siklus/${cycleId}/hasil`);
      const republished = await retryUntil(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Hasil Program Inovasi Daerah 2026', level: 1 }).waitFor();
          return page.getByText(/\(revisi 2\)\.$/).count();
        },
        (count) => count === 1,
        { timeoutMs: 30_000, intervalMs: 1_000 },
      );
      expect(republished).toBe(1);
      const after = (await call('GET', `/cycles/${cycleId}/ranking`, 'koordinator')).body.rows as Array<{
        opdId: string;
        value: number;
      }>;
      const dpmptsp = after.find((row) => row.opdId === 'dpmptsp');
      const before = rows.find((row) => row.opdId === 'dpmptsp');
      expect(dpmptsp?.value).toBeLessThan(before?.value ?? 0);
      const cells = await page
        .getByRole('table', { name: /^Nilai OPD/ })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${opdNameOf('dpmptsp')}`) }) })
        .getByRole('cell')
        .allTextContents();
      expect(cells[1]).toBe(score(dpmptsp?.value ?? -1));
      await expectAccessible(page, 'results republished');
      await screenshot(page, 'coordinator', '08b-republished');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('publishes the results of 2027 after a confirmation step, at 360 px wide', { timeout: 180_000 }, async () => {
    const { page, faults } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    const cycleId = cycleIds['2027'];
    try {
      await signInAs(page, 'koordinator');
      await page.getByRole('heading', { name: 'Siklus program inovasi' }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await page.goto(`${platform.webUrl}/siklus/${cycleId}/papan`);
      await page.getByRole('heading', { name: 'Papan Program Inovasi Daerah 2027', level: 1 }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'coordinator', '09-board-360');

      await page.getByRole('link', { name: 'Hasil Program Inovasi Daerah 2027' }).click();
      await page.getByRole('heading', { name: 'Hasil Program Inovasi Daerah 2027', level: 1 }).waitFor();
      await page.getByText('Hasil belum diumumkan: OPD belum melihat peringkat dan nilai inovasinya.').waitFor();
      await page.getByText('Belum ada inovasi yang selesai dinilai.').waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await expectAccessible(page, 'unpublished results');
      await screenshot(page, 'coordinator', '10-results-unpublished');

      // The readiness (SPD) rows, entered before publication: a row's level chosen, saved, the index recomputed.
      const readiness = page.getByRole('table', { name: 'Baris kesiapan daerah: nilai = bobot × tingkat' });
      const before = (await call('GET', `/cycles/${cycleId}/region-index`, 'koordinator')).body;
      const row = (before.readiness as Array<{ code: string; name: string; level: number }>)[0];
      if (!row) throw new Error('the edition has no readiness row');
      const level = row.level === 3 ? 1 : row.level + 1;
      await readiness.getByRole('combobox', { name: row.name, exact: true }).selectOption(String(level));
      await page.getByRole('button', { name: 'Simpan kesiapan daerah' }).click();
      await page.getByText('Kesiapan daerah tersimpan; indeks dihitung ulang.').waitFor();
      const after = (await call('GET', `/cycles/${cycleId}/region-index`, 'koordinator')).body;
      expect(
        (after.readiness as Array<{ code: string; level: number }>).find((each) => each.code === row.code),
      ).toMatchObject({ level });
      expect(after.spd).not.toBe(before.spd);
      const spd = page.locator('.co-totals > div').filter({ hasText: 'Kesiapan daerah (SPD)' }).getByRole('definition');
      await expect.poll(() => spd.textContent()).toBe(score(after.spd as number));
      expect(await overflowsHorizontally(page)).toBe(false);
      await expectAccessible(page, 'readiness rows saved');
      await screenshot(page, 'coordinator', '10b-readiness-saved');

      // The first press only asks; cancelling publishes nothing and returns the focus to the button.
      const publish = page.getByRole('button', { name: 'Umumkan hasil Program Inovasi Daerah 2027' });
      await publish.click();
      await page.getByRole('heading', { name: 'Umumkan hasil Program Inovasi Daerah 2027 sekarang?' }).waitFor();
      await expectAccessible(page, 'publication confirmation');
      await screenshot(page, 'coordinator', '11-confirm');
      await page.getByRole('button', { name: 'Batal' }).click();
      await publish.waitFor();
      await expect.poll(() => focusedText(page)).toBe('Umumkan hasil Program Inovasi Daerah 2027');
      expect((await call('GET', `/cycles/${cycleId}/ranking`, 'koordinator')).body.published).toBeNull();

      // Confirmed with the keyboard: Enter on the button, Tab to the confirmation, Enter.
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Umumkan hasil Program Inovasi Daerah 2027 sekarang?' }).waitFor();
      // The step has the focus (its first words are its heading's), so Tab leads into it.
      expect(await focusedText(page)).toMatch(/^Umumkan hasil Program Inovasi Daerah 2027 sekarang\?/);
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe('Ya, umumkan hasil Program Inovasi Daerah 2027');
      await page.keyboard.press('Enter');
      await page.getByText('Hasil diumumkan.').waitFor();
      await page.getByText(/^Hasil sudah diumumkan pada .+ \(revisi 1\)\.$/).waitFor();
      expect(await page.getByRole('button', { name: /^Umumkan hasil/ }).count()).toBe(0);
      const ranking = (await call('GET', `/cycles/${cycleId}/ranking`, 'koordinator')).body;
      expect(ranking.published).toMatchObject({ revision: 1 });
      // Published: the readiness rows only read now.
      expect(await readiness.getByRole('combobox').count()).toBe(0);
      expect(await overflowsHorizontally(page)).toBe(false);
      await expectAccessible(page, 'results just published');
      await screenshot(page, 'coordinator', '12-published');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
