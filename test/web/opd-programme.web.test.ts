import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalPlatform } from '@inovda/local';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKotaSolok } from '../../infra/seed/kota-solok';
import { must, once, send } from '../../infra/seed/seed-api';
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
 * The OPD's programme pages through the web app in headless Chromium, against the whole local platform with the
 * Kota Solok demo data (its 2026 cycle scored and published, its 2027 cycle open): the published score and ranking
 * of the health office's 2026 innovation, and the "not yet" the API answers for one of 2027; the self-assessment of
 * an innovation at Deliver (refused in the browser by the contracts' schema, by the API for a missing benefit basis
 * and for an incomplete submission, then saved and submitted); the monev report once it is launched; notification
 * preferences; and the OPD's webhook endpoints (the API's refusal of a private address, a registration to a receiver
 * on loopback, which only the local runtime allows, the secret shown once, a failed delivery in the log and its
 * replay, a change, a new secret, removal). axe-core checks every page and state; each step leaves a screenshot.
 */

let platform: LocalPlatform;
let browser: Browser;
let receiver: Server;
let receiverUrl = '';
let answerWith = 503;
const received: string[] = [];
let cycle2027 = '';
const call = apiCaller(() => platform);

const RUTE = 'Rujukan Terpadu Puskesmas (RUTE)';
const WAIT = { timeoutMs: 60_000, intervalMs: 1_000 };

const WORDS = (
  'Petugas mendatangi kelurahan, sekolah dan panti jompo dengan mobil layanan yang membawa perangkat yang dibutuhkan. ' +
  'Jadwal kunjungan diumumkan lewat media sosial pemerintah kota dan pengeras suara masjid, dan warga mendaftar lewat ' +
  'pesan singkat. '
).repeat(11);

/** A dinkes profile complete enough for every gate up to Deliver (as infra/seed/kota-solok-2026.ts builds them). */
function profile(name: string) {
  return {
    name,
    opdId: 'dinkes',
    initiatorKind: 'opd',
    type: 'digital',
    form: 'public-service',
    governmentAffairs: ['health'],
    maturity: 'implemented',
    trialStartDate: '2026-03-01',
    implementationStartDate: '2026-07-01',
    problemStatement: 'Ibu hamil di kelurahan jauh sering terlambat memeriksakan kandungan.',
    beneficiaries: 'Ibu hamil di Kota Solok',
    designNarrative: WORDS.trim(),
    goals: 'Setiap ibu hamil diperiksa empat kali selama kehamilan.',
    benefits: 'Risiko kehamilan terdeteksi lebih awal.',
    milestones: [{ title: 'Uji coba di dua puskesmas', dueDate: '2026-06-30', done: true }],
    budgetSource: 'apbd',
    evidence: ['regulation', 'human-resources', 'speed-of-creation', 'benefit', 'quality-video'].map((indicator) => ({
      indicator,
      url: `https://dinkes.solokkota.go.id/bukti/${indicator}.pdf`,
    })),
  };
}

/** A dinkes innovation registered into the open 2027 cycle and advanced `stages` times; returns its id. */
async function innovationAdvanced(name: string, stages: number): Promise<string> {
  const { url } = platform;
  const opd = await platform.tokenFor('opd.dinkes');
  const id = String((await must('POST', `${url}/innovations`, opd, profile(name))).id);
  await once('register', () => send('POST', `${url}/innovations/${id}/register`, opd, { cycleId: cycle2027 }), [
    'unknown-cycle',
  ]);
  await advance(id, stages);
  return id;
}

/** Asks and approves `stages` advances (the track and the gate projection fill from events: waited for). */
async function advance(id: string, stages: number): Promise<void> {
  const { url } = platform;
  const opd = await platform.tokenFor('opd.dinkes');
  const coordinator = await platform.tokenFor('koordinator');
  for (let step = 0; step < stages; step++) {
    const request = await once(
      'advance request',
      () => send('POST', `${url}/innovations/${id}/track/advance-requests`, opd, {}),
      ['gate-not-met'],
    );
    await must('POST', `${url}/innovations/${id}/track/advance-requests/${request.requestId}/approve`, coordinator, {});
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  // The OPD's system, receiving webhooks on loopback (refusing at first, to leave a failed attempt in the log).
  receiver = createServer(async (request, response) => {
    received.push(await readBody(request));
    response.writeHead(answerWith, { 'content-type': 'text/plain' });
    response.end(answerWith >= 300 ? 'sistem kami sedang gangguan' : '');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/inovda`;
  platform = await startWebPlatform('web-opd-programme');
  // The demo data, through the API as `npm start` loads it (a failure throws here rather than leaving it half in).
  await seedKotaSolok({ url: platform.url, tokenFor: platform.tokenFor });
  const cycles = await call('GET', '/cycles', 'koordinator');
  cycle2027 = String((cycles.body.items as Json[]).find((cycle) => cycle.year === 2027)?.id ?? '');
  expect(cycle2027).not.toBe('');
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** Signs in as the dev user `username` from the sign-in page's list (each button names the user). */
async function signInAs(page: Page, username: string): Promise<void> {
  await signInFrom(page, platform.webUrl ?? '', username);
  await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
}

/** Opens one of the OPD's innovations from "Inovasi saya", as a person would. */
async function openInnovation(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Inovasi saya' }).click();
  await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

/** The data cells of the table row whose header cell is named `header`. */
const cellsOf = (page: Page, header: string | RegExp) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: header }) })
    .getByRole('cell');

describe("the OPD's programme pages", () => {
  it('shows the published score and ranking, and what the API says before publication', {
    timeout: 300_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser);
    try {
      await signInAs(page, 'opd.dinkes');
      await openInnovation(page, RUTE);
      await page.getByText('Tahap saat ini: Deliver').waitFor();
      await expectAccessible(page, 'innovation at Deliver with its links');
      await screenshot(page, 'opd-programme', '01-innovation-links');

      await page.getByRole('link', { name: 'Hasil penilaian dan peringkat' }).click();
      await page.getByRole('heading', { name: `Hasil penilaian: ${RUTE}` }).waitFor();
      // Claimed 2, 3, 3, 3, 2 on regulation, human resources, speed, benefit and video; benefit lowered to 2.
      await page.getByText('Nilai 32 dari 111').waitFor();
      expect((await cellsOf(page, /^Kemanfaatan inovasi/).allTextContents()).slice(0, 4)).toEqual(['3', '3', '2', '6']);
      expect((await cellsOf(page, /^Regulasi inovasi daerah/).allTextContents()).slice(0, 4)).toEqual([
        '3',
        '2',
        '2',
        '6',
      ]);
      // Σ 44 (disdukcapil), 32 (dinkes), 31 (dpmptsp), each ÷ MAX(14, 1); the top three are shortlisted.
      await page.getByText('OPD Anda di peringkat 2 dari 3 OPD.').waitFor();
      await page.getByText('OPD Anda termasuk penerima insentif.').waitFor();
      expect(await cellsOf(page, /^Dinas Kesehatan/).allTextContents()).toEqual([
        '2',
        '2,29',
        '32,00',
        '1',
        '32,00',
        'Ya',
      ]);
      expect((await cellsOf(page, /^Dinas Kependudukan dan Pencatatan Sipil/).allTextContents())[0]).toBe('1');
      await expectAccessible(page, 'published results');
      await screenshot(page, 'opd-programme', '02-published-results');

      // Its self-assessment was submitted: read only.
      await page.goto(new URL(page.url()).href.replace(/\/hasil$/, '/penilaian-mandiri'));
      await page.getByRole('heading', { name: 'Klaim yang dikirim' }).waitFor();
      expect(await page.getByRole('button', { name: 'Simpan draf penilaian mandiri' }).count()).toBe(0);
      await expectAccessible(page, 'submitted self-assessment');
      await screenshot(page, 'opd-programme', '03-submitted-self-assessment');

      // A 2027 innovation at Deliver: nothing is published yet, and the page says what the API says.
      const id = await innovationAdvanced('Kelas Ibu Hamil Keliling', 3);
      const score = await call('GET', `/innovations/${id}/score`, 'opd.dinkes');
      const ranking = await call('GET', `/cycles/${cycle2027}/ranking`, 'opd.dinkes');
      expect([score.status, ranking.status]).toEqual([404, 404]);
      await page.goto(`${platform.webUrl}/inovasi/${id}/hasil`);
      await page.getByRole('heading', { name: 'Hasil penilaian: Kelas Ibu Hamil Keliling' }).waitFor();
      await page.getByText(String(score.body.detail)).waitFor();
      await page.getByText(String(ranking.body.detail)).waitFor();
      expect(String(ranking.body.detail)).toContain('setelah hasil siklus diterbitkan');
      expect(await page.getByRole('table').count()).toBe(0);
      await expectAccessible(page, 'results before publication');
      await screenshot(page, 'opd-programme', '04-before-publication');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('self-assesses an innovation at Deliver, then reports its monev once launched', {
    timeout: 300_000,
  }, async () => {
    const name = 'Skrining Gizi Balita Terpadu';
    const id = await innovationAdvanced(name, 3);
    const { page, faults } = await watchedPage(browser);
    try {
      await signInAs(page, 'opd.dinkes');
      await openInnovation(page, name);
      await page.getByRole('link', { name: 'Penilaian mandiri' }).click();
      await page.getByRole('heading', { name: `Penilaian mandiri: ${name}` }).waitFor();
      await page.getByText('Penilaian mandiri belum diisi.').waitFor();
      await expectAccessible(page, 'self-assessment not started');
      await screenshot(page, 'opd-programme', '05-self-assessment-start');

      // Scoring learns of the stage from StageAdvanced: until then the API refuses to open it (409), and says so.
      const started = await retryUntil(
        async () => {
          const answer = page.waitForResponse(
            (response) => response.url().endsWith('/self-assessment') && response.request().method() === 'PUT',
          );
          await page.getByRole('button', { name: 'Mulai penilaian mandiri' }).click();
          return (await answer).status();
        },
        (status) => status === 200,
        WAIT,
      );
      expect(started).toBe(200);
      await page.getByText('Penilaian mandiri dimulai.').waitFor();
      await page.getByText('Rubrik: ').first().waitFor();
      await expectAccessible(page, 'self-assessment form');

      const regulation = page.getByRole('group', { name: /^Regulasi inovasi daerah \(wajib/ });
      await regulation.getByRole('radio', { name: /^Tingkat 2:/ }).check();
      await regulation.getByRole('button', { name: 'Tambah tautan bukti untuk Regulasi inovasi daerah' }).click();
      await regulation.getByLabel('Tautan bukti 1').fill('bukan-tautan');
      await page.getByRole('button', { name: 'Simpan draf penilaian mandiri' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
      await expect
        .poll(() => summary.textContent())
        .toContain('Regulasi inovasi daerah: Tautan bukti 1: alamat tautan (URL http/https) tidak valid');
      await expectAccessible(page, 'self-assessment refused in the browser');
      await screenshot(page, 'opd-programme', '06-self-assessment-schema');

      await regulation.getByLabel('Tautan bukti 1').fill('https://jdih.solokkota.go.id/perwako-7-2027.pdf');
      await regulation.getByLabel('Keterangan tautan 1').fill('Perwako 7/2027');
      const benefit = page.getByRole('group', { name: /^Kemanfaatan inovasi \(wajib/ });
      await benefit.getByRole('radio', { name: /^Tingkat 3:/ }).check();
      // The schema cannot know the benefit needs a basis: the API refuses, on that field.
      await page.getByRole('button', { name: 'Simpan draf penilaian mandiri' }).click();
      await expect
        .poll(() => summary.textContent())
        .toContain('Kemanfaatan inovasi: Dasar pengukuran kemanfaatan: pilih dasar pengukuran kemanfaatan');
      await screenshot(page, 'opd-programme', '07-self-assessment-api-refusal');
      await benefit.getByLabel('Dasar pengukuran kemanfaatan').selectOption('people-served');
      await page.getByRole('button', { name: 'Simpan draf penilaian mandiri' }).click();
      await page.getByText('Draf penilaian mandiri tersimpan.').waitFor();
      await page.getByText('Nilai bila semua klaim diterima: 15 dari 111').waitFor();

      // Submitting without the other mandatory indicators: saved, then refused with what is missing.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Simpan dan kirim penilaian mandiri' }).click();
      await page.getByRole('heading', { name: 'Yang masih diperlukan sebelum dikirim' }).waitFor();
      await page.getByText('Indikator wajib "Ketersediaan SDM pengelola inovasi" belum diklaim.').waitFor();
      await expectAccessible(page, 'self-assessment incomplete');
      await screenshot(page, 'opd-programme', '08-self-assessment-incomplete');

      for (const [indicator, level] of [
        ['Ketersediaan SDM pengelola inovasi', 3],
        ['Kecepatan penciptaan inovasi', 3],
        ['Kualitas inovasi (video)', 2],
      ] as const) {
        await page
          .getByRole('group', { name: new RegExp(`^${indicator.replace(/[()]/g, '\\$&')} \\(wajib`) })
          .getByRole('radio', { name: new RegExp(`^Tingkat ${level}:`) })
          .check();
      }
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Simpan dan kirim penilaian mandiri' }).click();
      await page.getByText('Penilaian mandiri terkirim untuk diverifikasi penilai.').waitFor();
      await page.getByRole('heading', { name: 'Klaim yang dikirim' }).waitFor();
      // 2×3 + 3×2 + 3×2 + 3×3 + 2×4; evidence left empty takes the profile's links for the indicator.
      await page.getByText('Nilai bila semua klaim diterima: 35 dari 111').waitFor();
      await page.getByRole('link', { name: 'Perwako 7/2027' }).waitFor();
      await page.getByRole('link', { name: 'https://dinkes.solokkota.go.id/bukti/quality-video.pdf' }).waitFor();
      const stored = await call('GET', `/innovations/${id}/self-assessment`, 'opd.dinkes');
      expect(stored.body).toMatchObject({ status: 'submitted', claimedScore: 35 });
      await expectAccessible(page, 'self-assessment submitted');
      await screenshot(page, 'opd-programme', '09-self-assessment-submitted');

      // Monev: not before launch.
      await page.goto(`${platform.webUrl}/inovasi/${id}/monev`);
      await page.getByText('Laporan monev diisi setelah inovasi diluncurkan (tahap Display).').waitFor();
      expect(await page.getByRole('button', { name: /^Kirim laporan monev/ }).count()).toBe(0);
      await advance(id, 1);
      await openInnovation(page, name);
      await page.getByText('Tahap saat ini: Display').waitFor();
      await page.getByRole('link', { name: 'Laporan monev' }).click();
      await page.getByRole('heading', { name: `Laporan monev: ${name}` }).waitFor();
      await page.getByText('Belum ada laporan monev.').waitFor();
      await page.getByText(/Laporan P1 jatuh tempo/).waitFor();
      await expectAccessible(page, 'monev form');
      await screenshot(page, 'opd-programme', '10-monev');

      await page.getByLabel('Penerima manfaat terlayani').fill('banyak');
      await page.getByRole('button', { name: 'Kirim laporan monev P1' }).click();
      const monevSummary = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
      await expect.poll(() => monevSummary.textContent()).toContain('Perkembangan: minimal 1 karakter');
      await expect
        .poll(() => monevSummary.textContent())
        .toContain('Penerima manfaat terlayani: harus berupa bilangan bulat');
      await expectAccessible(page, 'monev refused in the browser');
      await screenshot(page, 'opd-programme', '11-monev-errors');
      await page.getByLabel('Perkembangan').fill('Kelas berjalan di 4 kelurahan; 120 balita diskrining.');
      await page.getByLabel('Penerima manfaat terlayani').fill('120');
      await page.getByLabel('Pengaduan diterima').fill('3');
      await page.getByLabel('Pengaduan diselesaikan').fill('3');
      await page.getByLabel('Kendala').fill('Timbangan digital baru tersedia di dua posyandu.');
      await page.getByRole('button', { name: 'Kirim laporan monev P1' }).click();
      await page.getByText('Laporan monev P1 terkirim.').waitFor();
      // The report as filed, read back from the API (GET /innovations/{id}/monev): the progress, figures and issues.
      const filed = page.locator('article').filter({
        has: page.getByRole('heading', { name: /^P1: dikirim .* oleh opd\.dinkes$/, level: 3 }),
      });
      await filed.waitFor();
      expect(await filed.getByRole('definition').allTextContents()).toEqual([
        'Kelas berjalan di 4 kelurahan; 120 balita diskrining.',
        '120',
        '3',
        '3',
        'Timbangan digital baru tersedia di dua posyandu.',
      ]);
      await page.getByText('Semua periode yang sudah dibuka telah dilaporkan.').waitFor();
      await expectAccessible(page, 'monev filed');
      await screenshot(page, 'opd-programme', '12-monev-filed');
      // Once per period: the API refuses a second P1.
      const again = await call('POST', `/innovations/${id}/monev`, 'opd.dinkes', { period: 'P1', progress: 'Lagi.' });
      expect(again.status).toBe(409);
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps notification preferences per category', { timeout: 120_000 }, async () => {
    const { page, faults } = await watchedPage(browser);
    try {
      await signInAs(page, 'opd.dinkes');
      await page.getByRole('link', { name: 'Pengaturan notifikasi' }).click();
      await page.getByRole('heading', { name: 'Pengaturan notifikasi' }).waitFor();
      const stage = page.getByRole('group', { name: 'Tahapan 5D' });
      const programme = page.getByRole('group', { name: 'Siklus program inovasi' });
      // The defaults: e-mail at once for stages, in the daily digest for the programme.
      expect(await stage.getByLabel('Surel').inputValue()).toBe('immediate');
      expect(await programme.getByLabel('Surel').inputValue()).toBe('daily');
      await expectAccessible(page, 'preferences');
      await screenshot(page, 'opd-programme', '13-preferences');

      await stage.getByLabel('Surel').selectOption('weekly');
      await programme.getByLabel('Tampilkan di kotak masuk').uncheck();
      await programme.getByLabel('Surel').selectOption('off');
      await page.getByRole('button', { name: 'Simpan pengaturan notifikasi' }).click();
      await page.getByText('Pengaturan notifikasi tersimpan.').waitFor();
      await page.getByText(/^Terakhir diubah/).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Pengaturan notifikasi' }).waitFor();
      await page.getByText(/^Terakhir diubah/).waitFor();
      expect(await stage.getByLabel('Surel').inputValue()).toBe('weekly');
      expect(await programme.getByLabel('Tampilkan di kotak masuk').isChecked()).toBe(false);
      const saved = await call('GET', '/notification-preferences', 'opd.dinkes');
      expect((saved.body.categories as Json).stage).toEqual({ inbox: 'immediate', email: 'weekly' });
      expect((saved.body.categories as Json).programme).toEqual({ inbox: 'off', email: 'off' });
      await expectAccessible(page, 'preferences saved');
      await screenshot(page, 'opd-programme', '14-preferences-saved');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("manages the OPD's webhook endpoints: refusal, secret once, delivery log and replay, change, rotate, remove", {
    timeout: 300_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser);
    try {
      await signInAs(page, 'opd.dinkes');
      await page.getByRole('link', { name: 'Webhook OPD' }).click();
      await page.getByRole('heading', { name: 'Webhook OPD', level: 1 }).waitFor();
      await page.getByText('Belum ada alamat webhook.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/opd/dinkes/webhook');
      await expectAccessible(page, 'webhooks (none)');

      // The contracts' schema in the browser: a URL and at least one event type.
      await page.getByRole('button', { name: 'Daftarkan alamat webhook' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
      await expect
        .poll(() => summary.textContent())
        .toContain('Alamat URL: alamat tautan (URL http/https) tidak valid');
      await expect.poll(() => summary.textContent()).toContain('Peristiwa yang dikirim: minimal 1 butir');
      await expectAccessible(page, 'webhook form refused in the browser');

      // A private address passes the schema; the API's URL safety refuses it, in its own words.
      await page.getByLabel('Alamat URL').fill('http://10.0.0.8/hook');
      await page.getByLabel('Naik tahap', { exact: true }).check();
      await page.getByRole('button', { name: 'Daftarkan alamat webhook' }).click();
      await expect.poll(() => summary.textContent()).toContain('Alamat URL: 10.0.0.8 bukan alamat publik');
      await expectAccessible(page, 'webhook refused by the API');
      await screenshot(page, 'opd-programme', '15-webhook-private-refused');

      await page.getByLabel('Alamat URL').fill(receiverUrl);
      await page.getByLabel('Keterangan').fill('SIMPUS Dinkes');
      await page.getByLabel('Permintaan naik tahap dikembalikan').check();
      await page.getByRole('button', { name: 'Daftarkan alamat webhook' }).click();
      await page.getByText('Alamat webhook terdaftar.').waitFor();
      const secret = await page.getByRole('textbox', { name: 'Rahasia penandatanganan' }).inputValue();
      expect(secret).toMatch(/^whsec_/);
      await page.getByText('Rahasia hanya ditampilkan sekali ini').waitFor();
      await page.getByRole('heading', { name: 'SIMPUS Dinkes', level: 3 }).waitFor();
      await expectAccessible(page, 'webhook registered, secret shown');
      await screenshot(page, 'opd-programme', '16-webhook-secret');
      await page.getByRole('button', { name: 'Saya sudah menyimpan rahasia ini' }).click();
      await page.reload();
      await page.getByRole('heading', { name: 'SIMPUS Dinkes', level: 3 }).waitFor();
      expect(await page.content()).not.toContain(secret);

      // An advance of a dinkes innovation reaches the endpoint, which fails: logged, then replayed once it is fixed.
      await innovationAdvanced('Pengingat Imunisasi Lewat Pesan', 1);
      await retryUntil(
        async () => {
          const button = page.getByRole('button', { name: /^(Log kiriman|Muat ulang log kiriman) SIMPUS Dinkes$/ });
          await button.click();
          await page.getByRole('heading', { name: 'Log kiriman: SIMPUS Dinkes' }).waitFor();
          return page.getByText(/HTTP 503/).count();
        },
        (count) => count > 0,
        WAIT,
      );
      expect(
        await cellsOf(page, /^Naik tahap/)
          .first()
          .textContent(),
      ).toBe('Menunggu');
      await page.getByText('sistem kami sedang gangguan').first().waitFor();
      await expectAccessible(page, 'delivery log with a failed attempt');
      await screenshot(page, 'opd-programme', '17-delivery-failed');
      answerWith = 204;
      await page
        .getByRole('button', { name: /^Kirim ulang Naik tahap dari / })
        .first()
        .click();
      await page.getByText('Kiriman dijadwalkan untuk dikirim ulang.').waitFor();
      await retryUntil(
        async () => {
          await page.getByRole('button', { name: 'Muat ulang log kiriman SIMPUS Dinkes' }).click();
          await page.getByRole('heading', { name: 'Log kiriman: SIMPUS Dinkes' }).waitFor();
          return cellsOf(page, /^Naik tahap/)
            .first()
            .textContent();
        },
        (status) => status === 'Terkirim',
        WAIT,
      );
      expect(
        await cellsOf(page, /^Naik tahap/)
          .first()
          .textContent(),
      ).toBe('Terkirim');
      expect(received.some((body) => JSON.parse(body).type === 'StageAdvanced')).toBe(true);
      await expectAccessible(page, 'delivery log after the replay');
      await screenshot(page, 'opd-programme', '18-delivery-replayed');

      // A change: refused for a private address by the API, then saved.
      await page.getByRole('button', { name: 'Ubah SIMPUS Dinkes' }).click();
      const edit = page.getByRole('form', { name: 'Ubah alamat webhook SIMPUS Dinkes' });
      await edit.getByLabel('Alamat URL').fill('http://192.168.1.5/hook');
      await edit.getByLabel('Keterangan').fill('SIMPUS Dinkes v2');
      await edit.getByRole('button', { name: 'Simpan perubahan SIMPUS Dinkes' }).click();
      await expect
        .poll(() => edit.getByRole('alert').textContent())
        .toContain('Alamat URL: 192.168.1.5 bukan alamat publik');
      await expectAccessible(page, 'webhook change refused');
      await edit.getByLabel('Alamat URL').fill(receiverUrl);
      await edit.getByRole('button', { name: 'Simpan perubahan SIMPUS Dinkes' }).click();
      await page.getByText('Perubahan alamat webhook tersimpan.').waitFor();
      await page.getByRole('heading', { name: 'SIMPUS Dinkes v2', level: 3 }).waitFor();

      // A new secret, shown once; the old one keeps signing for the overlap.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Buat rahasia baru untuk SIMPUS Dinkes v2' }).click();
      await page.getByText('Rahasia baru dibuat.').waitFor();
      const rotated = await page.getByRole('textbox', { name: 'Rahasia penandatanganan' }).inputValue();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      await page.getByText(/^Rahasia sebelumnya tetap ikut menandatangani sampai/).waitFor();
      await expectAccessible(page, 'secret rotated');
      await screenshot(page, 'opd-programme', '19-secret-rotated');
      await page.getByRole('button', { name: 'Saya sudah menyimpan rahasia ini' }).click();

      // Removal asks first: declined, nothing happens; confirmed, it is gone.
      page.once('dialog', (dialog) => void dialog.dismiss());
      await page.getByRole('button', { name: 'Hapus SIMPUS Dinkes v2' }).click();
      expect(await page.getByRole('heading', { name: 'SIMPUS Dinkes v2', level: 3 }).count()).toBe(1);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Hapus SIMPUS Dinkes v2' }).click();
      await page.getByText('Alamat webhook dihapus.').waitFor();
      await page.getByText('Belum ada alamat webhook.').waitFor();
      expect((await call('GET', '/opds/dinkes/webhooks', 'opd.dinkes')).body.items).toEqual([]);
      await expectAccessible(page, 'webhook removed');
      await screenshot(page, 'opd-programme', '20-webhook-removed');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('works at 360 px wide, and preferences can be changed with the keyboard alone', {
    timeout: 120_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    try {
      await signInAs(page, 'opd.dinkes');
      await openInnovation(page, RUTE);
      await page.getByRole('link', { name: 'Hasil penilaian dan peringkat' }).click();
      await page.getByText('Nilai 32 dari 111').waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'opd-programme', '21-results-360');
      await page.goto(`${platform.webUrl}/opd/dinkes/webhook`);
      await page.getByRole('heading', { name: 'Daftarkan alamat webhook baru' }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'opd-programme', '22-webhooks-360');

      await page.goto(`${platform.webUrl}/pengaturan/notifikasi`);
      await page.getByRole('heading', { name: 'Pengaturan notifikasi' }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      const active = () =>
        page.evaluate(() => {
          const element = (
            globalThis as unknown as { document: { activeElement: { id: string; textContent: string } } }
          ).document.activeElement;
          return { id: element.id, text: element.textContent };
        });
      let guard = 0;
      while ((await active()).id !== 'f-categories-results-inbox') {
        await page.keyboard.press('Tab');
        if (++guard > 60) throw new Error('the results inbox checkbox is not reachable with Tab');
      }
      await page.keyboard.press('Space');
      while ((await active()).text !== 'Simpan pengaturan notifikasi') {
        await page.keyboard.press('Tab');
        if (++guard > 120) throw new Error('the save button is not reachable with Tab');
      }
      await page.keyboard.press('Enter');
      await page.getByText('Pengaturan notifikasi tersimpan.').waitFor();
      const saved = await call('GET', '/notification-preferences', 'opd.dinkes');
      expect(((saved.body.categories as Json).results as Json).inbox).toBe('off');
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'opd-programme', '23-preferences-keyboard-360');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
