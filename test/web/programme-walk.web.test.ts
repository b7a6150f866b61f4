import type { LocalPlatform } from '@inovda/local';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryUntil } from '../e2e/e2e-platform';
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
 * The whole programme walked through the web app in headless Chromium, against the whole local platform with no
 * demo data: the coordinator plans and opens a cycle; an OPD fills the innovation profile, registers it and asks to
 * advance; the coordinator returns the request with reasons (read in the OPD's inbox), then approves it and each
 * later one up to Deliver, the OPD completing its profile as each stage gate asks (and refused once by the gate);
 * the OPD self-assesses; the evaluator declares their conflicts, is assigned and verifies every indicator; the
 * coordinator publishes the results; the OPD sees the score and the notification in its inbox; the innovation is
 * launched (Display), and the public, signed out and on a 360 px phone, finds it in the showcase and its OPD in the
 * ranking. Every step is done through the UI as the person would; axe-core checks every page; each step leaves a
 * screenshot under test-output/web/programme-walk/.
 */

let platform: LocalPlatform;
let browser: Browser;

const NAME = 'Pos Sehat Remaja Keliling';
const CYCLE = 'Program Inovasi 2027';
const OPD_NAME = 'Dinas Kesehatan';
const PROBLEM = 'Remaja di kelurahan pinggiran jarang memeriksakan kesehatan jiwa dan gizinya.';
const GOALS = 'Setiap remaja di Kota Solok diperiksa kesehatannya sekali setahun di sekolah atau kelurahannya.';
const RESULTS = 'Sepanjang uji coba, 1.200 remaja diperiksa dan 86 dirujuk ke puskesmas.';
const ROOT_CAUSE = 'Puskesmas jauh dan jam layanannya bertepatan dengan jam sekolah.';
const RETURN_REASONS = 'Lengkapi akar masalah sebelum tahap Diagnose.';
const LOWER_REASON = 'Data penerima manfaat baru mencakup satu semester.';
/** A design narrative over the 300 words the Design gate asks for. */
const NARRATIVE = (
  'Tim puskesmas keliling mendatangi sekolah dan balai kelurahan dengan perangkat pemeriksaan gizi, tekanan darah ' +
  'dan skrining kesehatan jiwa. Jadwal diumumkan lewat sekolah dan media sosial pemerintah kota, remaja mendaftar ' +
  'lewat pesan singkat, dan hasil pemeriksaan dicatat langsung di aplikasi puskesmas. '
).repeat(11);
/** The evidence the Deliver gate asks for: a link per mandatory indicator. */
const EVIDENCE = ['regulation', 'human-resources', 'speed-of-creation', 'benefit', 'quality-video'] as const;
/** The claims (level per indicator, in the rubric's words) and their weights: 3×3 + 2×2 + 2×2 + 3×3 + 2×4 = 34. */
const CLAIMS = [
  ['Regulasi inovasi daerah', 3],
  ['Ketersediaan SDM pengelola inovasi', 2],
  ['Kecepatan penciptaan inovasi', 2],
  ['Kemanfaatan inovasi', 3],
  ['Kualitas inovasi (video)', 2],
] as const;
/** The evaluator lowers the benefit from 3 to 2 (weight 3): 34 − 3 = 31; the OPD's value is 31 ÷ MAX(14, 1). */
const SCORE = 31;
const OPD_VALUE = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(SCORE / 14);

const WINDOWS = {
  'Drum up': { start: '2027-01-04', due: '2027-02-26' },
  Diagnose: { start: '2027-03-01', due: '2027-04-30' },
  Design: { start: '2027-05-03', due: '2027-06-30' },
  Deliver: { start: '2027-07-01', due: '2027-10-29' },
  Display: { start: '2027-11-01', due: '2027-12-17' },
};

/** Bus-borne state: reloaded once a second, for at most a minute (each wait bounded on its own). */
const WAIT = { timeoutMs: 60_000, intervalMs: 1_000 };

beforeAll(async () => {
  platform = await startWebPlatform('walk');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Signs in as the dev user `username` from the sign-in page's list (each button names the user). */
async function signInAs(page: Page, username: string): Promise<void> {
  await signInFrom(page, platform.webUrl ?? '', username);
}

/** Opens the innovation from "Inovasi saya", as the OPD would. */
async function openInnovation(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Inovasi saya' }).click();
  await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
  await page.getByRole('link', { name: NAME, exact: true }).click();
  await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
}

/** Opens the profile form of the innovation from its page. */
async function editProfile(page: Page): Promise<void> {
  await openInnovation(page);
  await page.getByRole('link', { name: 'Ubah profil' }).click();
  await page.getByRole('heading', { name: `Ubah profil: ${NAME}` }).waitFor();
  // The form is filled from the saved profile before it is changed.
  await expect.poll(() => page.getByLabel('Nama inovasi').inputValue()).toBe(NAME);
}

/** Saves the profile form and waits for the API's answer. */
async function saveProfile(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await page.getByText('Profil tersimpan.').waitFor();
}

/**
 * Asks to advance from the innovation's page. The workflow checks the stage gate against its copy of the profile,
 * which follows the profile's events on the bus: until the last change arrives the gate may refuse, and the OPD
 * asks again.
 */
async function askToAdvance(page: Page, note?: string): Promise<void> {
  const status = await retryUntil(
    async () => {
      await page.reload();
      await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
      if (note) await page.getByLabel('Catatan untuk koordinator').fill(note);
      const answer = page.waitForResponse(
        (response) => response.url().endsWith('/track/advance-requests') && response.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Minta naik ke tahap berikutnya' }).click();
      return (await answer).status();
    },
    (status) => status === 201,
    WAIT,
  );
  expect(status).toBe(201);
  await page.getByText('Permintaan naik tahap terkirim.').waitFor();
  await page.getByText('Menunggu keputusan koordinator atas permintaan naik tahap.').waitFor();
}

/** The coordinator, on the review queue, reloads until the innovation's request is there. */
async function awaitRequest(coord: Page): Promise<void> {
  const approve = coord.getByRole('button', { name: `Setujui ${NAME}` });
  const count = await retryUntil(
    async () => {
      await coord.reload();
      await coord.getByRole('heading', { name: 'Antrean tinjauan naik tahap' }).waitFor();
      await approve.or(coord.getByText('Tidak ada permintaan yang menunggu.')).waitFor();
      return approve.count();
    },
    (count) => count === 1,
    WAIT,
  );
  expect(count).toBe(1);
}

/** The coordinator approves the innovation's request from the review queue. */
async function approveRequest(coord: Page): Promise<void> {
  await awaitRequest(coord);
  await coord.getByRole('button', { name: `Setujui ${NAME}` }).click();
  await coord.getByText(`${NAME} naik ke tahap berikutnya.`).waitFor();
  await coord.getByText('Tidak ada permintaan yang menunggu.').waitFor();
}

/** The data cells of the table row whose header cell is named `header`. */
const cellsOf = (page: Page, header: string | RegExp) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: header }) })
    .getByRole('cell')
    .allTextContents();

/** Reloads the inbox until a notification with this subject is listed. */
async function awaitNotification(page: Page, subject: string): Promise<void> {
  const found = await retryUntil(
    async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Kotak masuk', level: 1 }).waitFor();
      await page
        .getByText(/pemberitahuan/)
        .first()
        .waitFor();
      return page.getByRole('heading', { name: subject }).count();
    },
    (count) => count === 1,
    WAIT,
  );
  expect(found, `the inbox as shown: ${await page.getByRole('main').textContent()}`).toBe(1);
}

describe('the whole programme through the web app', () => {
  it('a cycle is opened, an innovation registered, advanced, self-assessed, verified, published and launched', {
    timeout: 600_000,
  }, async () => {
    const opd = await watchedPage(browser);
    const coordinator = await watchedPage(browser);
    const evaluator = await watchedPage(browser);
    const visitor = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    const { page } = opd;
    const coord = coordinator.page;
    const judge = evaluator.page;
    const pub = visitor.page;
    // Bounded waits for a busy machine (each step still fails on a hang).
    for (const each of [page, coord, judge, pub]) each.setDefaultTimeout(90_000);
    try {
      // 1. The coordinator plans the cycle, then opens it.
      await signInAs(coord, 'koordinator');
      await coord.getByRole('heading', { name: 'Siklus program inovasi' }).waitFor();
      await coord.getByText('Belum ada siklus').waitFor();
      await coord.getByLabel('Nama siklus').fill(CYCLE);
      await coord.getByLabel('Tahun').fill('2027');
      for (const [stage, window] of Object.entries(WINDOWS)) {
        await coord.getByLabel(`${stage}: mulai`).fill(window.start);
        await coord.getByLabel(`${stage}: tenggat`).fill(window.due);
      }
      await coord.getByRole('button', { name: 'Simpan rencana siklus' }).click();
      await coord.getByText('Siklus direncanakan.').waitFor();
      await coord.getByRole('cell', { name: 'Direncanakan' }).waitFor();
      await expectAccessible(coord, 'cycles: planned');
      await screenshot(coord, 'programme-walk', '01-cycle-planned');
      await coord.getByRole('button', { name: `Buka ${CYCLE}` }).click();
      await coord.getByText('Siklus dibuka: OPD sudah bisa mendaftarkan inovasi.').waitFor();
      await coord.getByRole('cell', { name: 'Dibuka' }).waitFor();
      await expectAccessible(coord, 'cycles: open');
      await screenshot(coord, 'programme-walk', '02-cycle-opened');

      // 2. The OPD fills the profile with what the gates up to Diagnose ask, and the evidence Deliver will ask.
      await signInAs(page, 'opd.dinkes');
      await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
      await page.getByText('Belum ada inovasi').waitFor();
      await expectAccessible(page, 'my innovations (none)');
      // The OPD looks at its inbox first. Opening it is also how the notifications service learns of a user before
      // its directory sync has run (every minute locally, 15 in AWS): a user it does not know yet is told nothing.
      await page.getByRole('link', { name: 'Kotak masuk' }).click();
      await page.getByRole('heading', { name: 'Kotak masuk', level: 1 }).waitFor();
      await page
        .getByText(/pemberitahuan/)
        .first()
        .waitFor();
      await page.getByRole('link', { name: 'Inovasi saya' }).click();
      await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
      await page.getByRole('link', { name: 'Daftarkan inovasi baru' }).first().click();
      await page.getByRole('heading', { name: 'Daftarkan inovasi baru' }).waitFor();
      await page.getByLabel('Nama inovasi').fill(NAME);
      await page.getByLabel('Inisiator').selectOption('opd');
      await page.getByLabel('Jenis inovasi').selectOption('non-digital');
      await page.getByLabel('Bentuk inovasi').selectOption('public-service');
      await page.getByLabel('Tahap kematangan').selectOption('implemented');
      await page.getByLabel('Kesehatan').check();
      await page.getByLabel('Permasalahan').fill(PROBLEM);
      await page.getByLabel('Penerima manfaat').fill('Remaja usia 10–18 tahun di Kota Solok');
      await page.getByLabel('Tujuan').fill(GOALS);
      await page.getByLabel('Hasil inovasi').fill(RESULTS);
      await page.getByLabel('Sumber anggaran').selectOption('apbd');
      for (const [index, indicator] of EVIDENCE.entries()) {
        await page.getByRole('button', { name: 'Tambah bukti dukung' }).click();
        await page.getByLabel(`Indikator (${index + 1})`).selectOption(indicator);
        await page
          .getByLabel('Tautan bukti')
          .nth(index)
          .fill(`https://dinkes.solokkota.go.id/bukti/psr/${indicator}.pdf`);
      }
      await page.getByLabel('Nama narahubung').fill('dr. Rina Marlina');
      await page.getByLabel('Telepon').fill('+62 755 21000');
      await expectAccessible(page, 'profile form, filled');
      await screenshot(page, 'programme-walk', '03-profile-form');
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
      const innovationId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      expect(innovationId).toMatch(/^[0-9A-Z]{26}$/);
      await page.getByText('Inovasi ini masih draf.').waitFor();
      await page.getByText(PROBLEM).waitFor();
      await expectAccessible(page, 'innovation (draft)');
      await screenshot(page, 'programme-walk', '04-draft');

      // Registered into the open cycle: submissions learns of the cycle from the bus, so the OPD may try again.
      const registered = await retryUntil(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
          const answer = page.waitForResponse((response) => response.url().endsWith('/register'));
          await page.getByRole('button', { name: 'Daftarkan ke siklus yang dibuka' }).click();
          return (await answer).status();
        },
        (status) => status === 200,
        WAIT,
      );
      expect(registered).toBe(200);
      await page.getByText('Inovasi terdaftar.').waitFor();
      // The track opens from InnovationRegistered on the bus.
      const opened = await retryUntil(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
          // The page has read the track once it says where it is, or that it is not open yet.
          await page.getByText('Tahap saat ini:').or(page.getByText('Jalur belum dibuka.')).waitFor();
          return page.getByText('Tahap saat ini: Drum up').count();
        },
        (count) => count === 1,
        WAIT,
      );
      expect(opened).toBe(1);
      await expectAccessible(page, 'innovation (registered, at Drum up)');
      await screenshot(page, 'programme-walk', '05-registered');
      await askToAdvance(page, 'Siap ditinjau.');
      await expectAccessible(page, 'advance requested');
      await screenshot(page, 'programme-walk', '06-advance-requested');

      // 3. The coordinator returns the first request with reasons.
      await coord.getByRole('link', { name: `Antrean tinjauan ${CYCLE}` }).click();
      await coord.getByRole('heading', { name: 'Antrean tinjauan naik tahap' }).waitFor();
      const cycleId = new URL(coord.url()).pathname.split('/')[2] ?? '';
      expect(cycleId).toMatch(/^[0-9A-Z]{26}$/);
      await awaitRequest(coord);
      const request = coord.getByRole('article', { name: NAME });
      await request.getByText(`${OPD_NAME} · Drum up → Diagnose`).waitFor();
      await request.getByText('Catatan OPD: Siap ditinjau.').waitFor();
      await expectAccessible(coord, 'review queue');
      await screenshot(coord, 'programme-walk', '07-review-queue');
      await coord.getByLabel('Alasan pengembalian').fill(RETURN_REASONS);
      await coord.getByRole('button', { name: `Kembalikan ${NAME}` }).click();
      await coord.getByText(`${NAME} dikembalikan ke OPD dengan alasan.`).waitFor();
      await coord.getByText('Tidak ada permintaan yang menunggu.').waitFor();
      await expectAccessible(coord, 'review queue after the return');
      await screenshot(coord, 'programme-walk', '08-returned');

      // The OPD reads the reasons in its inbox, completes the root cause and asks again.
      await page.getByRole('link', { name: 'Kotak masuk' }).click();
      await awaitNotification(page, `Permintaan naik tahap "${NAME}" dikembalikan`);
      await page.getByText(`dikembalikan dengan alasan: ${RETURN_REASONS}`, { exact: false }).waitFor();
      await expectAccessible(page, 'inbox with the return');
      await screenshot(page, 'programme-walk', '09-inbox-returned');
      await editProfile(page);
      await page.getByLabel('Akar masalah').fill(ROOT_CAUSE);
      await saveProfile(page);
      await expectAccessible(page, 'profile form, root cause saved');
      await screenshot(page, 'programme-walk', '10-root-cause');
      await openInnovation(page);
      await page.getByText('Tahap saat ini: Drum up').waitFor();
      await askToAdvance(page, 'Akar masalah sudah dilengkapi.');

      // The coordinator approves: Diagnose. Its gate (problem, beneficiaries) was filled at creation.
      await approveRequest(coord);
      await screenshot(coord, 'programme-walk', '11-approved');
      await page.reload();
      await page.getByText('Tahap saat ini: Diagnose').waitFor();
      await expectAccessible(page, 'innovation at Diagnose');
      await screenshot(page, 'programme-walk', '12-diagnose');
      await askToAdvance(page);
      await approveRequest(coord);
      await page.reload();
      await page.getByText('Tahap saat ini: Design').waitFor();

      // Leaving Design needs the design: the gate refuses, and says what is missing.
      const refused = page.waitForResponse(
        (response) => response.url().endsWith('/track/advance-requests') && response.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Minta naik ke tahap berikutnya' }).click();
      expect((await refused).status()).toBe(422);
      const gate = page.getByRole('alert').filter({ hasText: 'Yang masih diperlukan untuk gerbang berikutnya' });
      await gate.getByText('rancang bangun minimal 300 kata (baru 0 kata)').waitFor();
      await gate.getByText('manfaat belum diisi').waitFor();
      await gate.getByText('rencana aksi (tonggak capaian) minimal 1 butir (baru 0)').waitFor();
      await expectAccessible(page, 'advance refused by the gate');
      await screenshot(page, 'programme-walk', '13-design-gate');
      await editProfile(page);
      await page.getByLabel('Rancang bangun').fill(NARRATIVE.trim());
      await page.getByLabel(/^Manfaat /).fill('Gangguan gizi dan kesehatan jiwa remaja terdeteksi lebih awal.');
      await page.getByRole('button', { name: 'Tambah tonggak capaian' }).click();
      await page.getByLabel('Judul tonggak (1)').fill('Uji coba di empat sekolah');
      await page.getByLabel('Tanggal target').fill('2027-06-15');
      await saveProfile(page);
      await screenshot(page, 'programme-walk', '14-design-profile');
      await openInnovation(page);
      await askToAdvance(page, 'Rancang bangun dan tonggak sudah diisi.');
      await approveRequest(coord);
      await page.reload();
      await page.getByText('Tahap saat ini: Deliver').waitFor();
      await expectAccessible(page, 'innovation at Deliver');
      await screenshot(page, 'programme-walk', '15-deliver');

      // 4. At Deliver the OPD fills and submits the self-assessment.
      await page.getByRole('link', { name: 'Penilaian mandiri' }).click();
      await page.getByRole('heading', { name: `Penilaian mandiri: ${NAME}` }).waitFor();
      await page.getByText('Penilaian mandiri belum diisi.').waitFor();
      // Scoring learns of the stage from StageAdvanced: until then the API refuses to open it, and the OPD retries.
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
      for (const [indicator, level] of CLAIMS) {
        await page
          .getByRole('group', { name: new RegExp(`^${indicator.replace(/[()]/g, '\\$&')} \\(wajib`) })
          .getByRole('radio', { name: new RegExp(`^Tingkat ${level}:`) })
          .check();
      }
      await page
        .getByRole('group', { name: /^Kemanfaatan inovasi \(wajib/ })
        .getByLabel('Dasar pengukuran kemanfaatan')
        .selectOption('people-served');
      await page.getByRole('button', { name: 'Simpan draf penilaian mandiri' }).click();
      await page.getByText('Draf penilaian mandiri tersimpan.').waitFor();
      await page.getByText('Nilai bila semua klaim diterima: 34 dari 111').waitFor();
      await expectAccessible(page, 'self-assessment draft');
      await screenshot(page, 'programme-walk', '16-self-assessment');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Simpan dan kirim penilaian mandiri' }).click();
      await page.getByText('Penilaian mandiri terkirim untuk diverifikasi penilai.').waitFor();
      await page.getByRole('heading', { name: 'Klaim yang dikirim' }).waitFor();
      // No link typed here: the profile's evidence of each indicator is what was sent.
      await page.getByRole('link', { name: 'https://dinkes.solokkota.go.id/bukti/psr/benefit.pdf' }).waitFor();
      await expectAccessible(page, 'self-assessment submitted');
      await screenshot(page, 'programme-walk', '17-self-assessment-submitted');

      // 5. The evaluator declares their conflicts (none), which makes them assignable.
      await signInAs(judge, 'penilai');
      await judge.getByRole('heading', { name: 'Penilaian saya', level: 1 }).waitFor();
      await judge.getByText('Belum ada inovasi yang ditugaskan kepada Anda.').waitFor();
      await judge.getByRole('button', { name: 'Simpan pernyataan benturan kepentingan' }).click();
      await judge.getByText('Pernyataan tersimpan: Anda sekarang dapat ditugaskan.').waitFor();
      await expectAccessible(judge, 'evaluator: conflicts declared');
      await screenshot(judge, 'programme-walk', '18-conflicts-declared');

      // The coordinator assigns the evaluator on the cycle's assignment page.
      await coord.getByRole('link', { name: 'Penugasan penilai', exact: true }).click();
      await coord.getByRole('heading', { name: 'Penugasan penilai', level: 1, exact: true }).waitFor();
      await coord.getByRole('link', { name: `Penugasan penilai ${CYCLE}` }).click();
      await coord.getByRole('heading', { name: `Penugasan penilai: ${CYCLE}` }).waitFor();
      expect(new URL(coord.url()).pathname).toBe(`/siklus/${cycleId}/penugasan`);
      // The cycle's board lists the innovation at Deliver once its StageAdvanced crossed the bus.
      const card = coord.getByRole('article', { name: NAME });
      const listedForAssignment = await retryUntil(
        async () => {
          await coord.reload();
          await coord.getByRole('heading', { name: 'Penugasan otomatis' }).waitFor();
          await card.or(coord.getByText('Belum ada inovasi di tahap Deliver atau Display pada siklus ini.')).waitFor();
          return card.count();
        },
        (count) => count === 1,
        WAIT,
      );
      expect(listedForAssignment).toBe(1);
      await card.getByText('Penilaian mandiri: sudah dikirim (klaim nilai 34)', { exact: false }).waitFor();
      await card.getByText('Belum ada penilai.').waitFor();
      const group = coord.getByRole('group', { name: `Penilai untuk ${NAME}` });
      await group.getByRole('checkbox', { name: /^penilai \(/ }).check();
      await coord.getByRole('button', { name: `Tugaskan penilai untuk ${NAME}` }).click();
      await coord.getByText(`Penilai ${NAME} diperbarui.`).waitFor();
      await card.getByText('penilai: Belum dikirim').waitFor();
      await expectAccessible(coord, 'evaluator assigned');
      await screenshot(coord, 'programme-walk', '19-assigned');

      // The evaluator verifies every indicator: accepts four, lowers the benefit with a reason, and submits.
      await judge.reload();
      await judge.getByRole('link', { name: `Nilai ${NAME}` }).click();
      await judge.getByRole('heading', { name: `Verifikasi: ${NAME}` }).waitFor();
      expect(new URL(judge.url()).pathname).toBe(`/penilaian/${innovationId}`);
      await judge.getByRole('link', { name: 'https://dinkes.solokkota.go.id/bukti/psr/regulation.pdf' }).waitFor();
      for (const [indicator, level] of CLAIMS) {
        const decision = judge.getByRole('group', { name: `Keputusan: ${indicator}` });
        if (indicator === 'Kemanfaatan inovasi') await decision.getByLabel('Turunkan', { exact: true }).check();
        else await decision.getByLabel(`Terima klaim (tingkat ${level})`).check();
      }
      const benefit = judge.getByRole('group', { name: /^Kemanfaatan inovasi: Klaim OPD/ });
      await benefit.getByLabel('Turunkan ke tingkat').selectOption('2');
      await benefit.getByLabel('Alasan').fill(LOWER_REASON);
      await expectAccessible(judge, 'verification form, decided');
      await screenshot(judge, 'programme-walk', '20-verification');
      judge.once('dialog', (dialog) => void dialog.accept());
      await judge.getByRole('button', { name: `Kirim penilaian ${NAME}` }).click();
      await judge.getByText('Penilaian terkirim. Terima kasih.').waitFor();
      await judge.getByText('Penilaian ini sudah final.', { exact: false }).waitFor();
      await judge.getByText('Diturunkan, tingkat 2').waitFor();
      expect(await judge.getByText('Diterima, tingkat').count()).toBe(4);
      await expectAccessible(judge, 'verification submitted');
      await screenshot(judge, 'programme-walk', '21-verified');

      // One evaluator assigned, so their submission settles the score: the coordinator sees it.
      await coord.reload();
      await card.getByText('penilai: Sudah dikirim').waitFor();
      await expect.poll(() => card.textContent()).toContain(`sudah dinilai (Nilai ${SCORE} dari 111)`);

      // 6. The coordinator publishes the results (no readiness rows: publication does not need them).
      await coord.getByRole('link', { name: 'Siklus program', exact: true }).click();
      await coord.getByRole('link', { name: `Hasil ${CYCLE}` }).click();
      await coord.getByRole('heading', { name: `Hasil ${CYCLE}`, level: 1 }).waitFor();
      await coord.getByText('Hasil belum diumumkan: OPD belum melihat peringkat dan nilai inovasinya.').waitFor();
      expect((await cellsOf(coord, new RegExp(`^${OPD_NAME}`))).slice(0, 4)).toEqual([
        '1',
        OPD_VALUE,
        `${SCORE},00`,
        '1',
      ]);
      await expectAccessible(coord, 'results before publication');
      await screenshot(coord, 'programme-walk', '22-results-unpublished');
      await coord.getByRole('button', { name: `Umumkan hasil ${CYCLE}` }).click();
      await coord.getByRole('heading', { name: `Umumkan hasil ${CYCLE} sekarang?` }).waitFor();
      await expectAccessible(coord, 'publication confirmation');
      await coord.getByRole('button', { name: `Ya, umumkan hasil ${CYCLE}` }).click();
      await coord.getByText('Hasil diumumkan.').waitFor();
      await coord.getByText(/^Hasil sudah diumumkan pada .+ \(revisi 1\)\.$/).waitFor();
      await expectAccessible(coord, 'results published');
      await screenshot(coord, 'programme-walk', '23-published');

      // 7. The OPD sees its score and its place, and the notification in its inbox.
      await openInnovation(page);
      await page.getByRole('link', { name: 'Hasil penilaian dan peringkat' }).click();
      await page.getByRole('heading', { name: `Hasil penilaian: ${NAME}` }).waitFor();
      await page.getByText(`Nilai ${SCORE} dari 111`).waitFor();
      // Benefit: weight 3, claimed 3, verified 2, score 6, set by the evaluator's verification.
      expect(await cellsOf(page, /^Kemanfaatan inovasi/)).toEqual(['3', '3', '2', '6', 'Verifikasi penilai']);
      expect((await cellsOf(page, /^Regulasi inovasi daerah/)).slice(0, 4)).toEqual(['3', '3', '3', '9']);
      await page.getByText('OPD Anda di peringkat 1 dari 1 OPD.').waitFor();
      await page.getByText('OPD Anda termasuk penerima insentif.').waitFor();
      expect(await cellsOf(page, new RegExp(`^${OPD_NAME}`))).toEqual([
        '1',
        OPD_VALUE,
        `${SCORE},00`,
        '1',
        `${SCORE},00`,
        'Ya',
      ]);
      await expectAccessible(page, 'innovation results');
      await screenshot(page, 'programme-walk', '24-opd-results');

      await page.getByRole('link', { name: 'Kotak masuk' }).click();
      await awaitNotification(page, `Peringkat OPD ${CYCLE} diumumkan`);
      await page.getByText(`${OPD_NAME} berada di peringkat 1 dengan nilai ${OPD_VALUE}.`, { exact: false }).waitFor();
      await expectAccessible(page, 'inbox with the results');
      await screenshot(page, 'programme-walk', '25-inbox-results');

      // 8. Leaving Deliver needs the trial and implementation dates: the OPD adds them, asks, the coordinator approves.
      await editProfile(page);
      await page.getByLabel('Tanggal mulai uji coba').fill('2027-03-01');
      await page.getByLabel('Tanggal mulai penerapan').fill('2027-07-01');
      await saveProfile(page);
      await openInnovation(page);
      await askToAdvance(page, 'Siap diluncurkan.');
      await coord.getByRole('link', { name: 'Siklus program', exact: true }).click();
      await coord.getByRole('link', { name: `Antrean tinjauan ${CYCLE}` }).click();
      await coord.getByRole('article', { name: NAME }).getByText(`${OPD_NAME} · Deliver → Display`).waitFor();
      await screenshot(coord, 'programme-walk', '26-launch-requested');
      await approveRequest(coord);
      await page.reload();
      await page.getByText('Tahap saat ini: Display').waitFor();
      await page.getByRole('link', { name: 'Laporan monev' }).waitFor();
      await expectAccessible(page, 'innovation launched');
      await screenshot(page, 'programme-walk', '27-launched');

      // 9. The public, signed out, on a phone: the showcase learns of the launch from the bus.
      await pub.goto(`${platform.webUrl}/galeri`);
      const listed = await retryUntil(
        async () => {
          await pub.reload();
          await pub.getByRole('heading', { name: 'Galeri inovasi daerah', level: 1 }).waitFor();
          await pub
            .getByRole('link', { name: NAME })
            .or(pub.getByText('Belum ada inovasi yang diluncurkan.'))
            .waitFor();
          return pub.getByRole('link', { name: NAME }).count();
        },
        (count) => count === 1,
        WAIT,
      );
      expect(listed).toBe(1);
      expect(await pub.getByRole('button', { name: 'Keluar' }).count()).toBe(0);
      const shown = (await (await fetch(`${platform.url}/public/innovations/${innovationId}`)).json()) as {
        launchedAt: string;
      };
      const launched = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(
        new Date(shown.launchedAt),
      );
      const entry = pub.getByRole('listitem').filter({ has: pub.getByRole('link', { name: NAME }) });
      await entry.getByText(`${OPD_NAME} · Diluncurkan ${launched}`).waitFor();
      await entry.getByText('Kesehatan', { exact: true }).waitFor();
      await entry.getByText(GOALS).waitFor();
      expect(await overflowsHorizontally(pub)).toBe(false);
      await expectAccessible(pub, 'public showcase');
      await screenshot(pub, 'programme-walk', '28-showcase');

      await pub.getByRole('link', { name: NAME }).click();
      await pub.getByRole('heading', { name: NAME, level: 1 }).waitFor();
      expect(new URL(pub.url()).pathname).toBe(`/galeri/${innovationId}`);
      await pub.getByText(OPD_NAME, { exact: true }).waitFor();
      await pub.getByRole('region', { name: 'Ringkasan' }).getByText(GOALS).waitFor();
      await pub.getByRole('region', { name: 'Hasil inovasi' }).getByText(RESULTS).waitFor();
      // Only the public fields: nothing of the profile's working content.
      const content = await pub.content();
      for (const hidden of [PROBLEM, ROOT_CAUSE, 'dr. Rina Marlina', '+62 755 21000', 'bukti/psr']) {
        expect(content).not.toContain(hidden);
      }
      expect(await overflowsHorizontally(pub)).toBe(false);
      await expectAccessible(pub, 'public innovation page');
      await screenshot(pub, 'programme-walk', '29-showcase-innovation');

      await pub.getByRole('link', { name: 'Peringkat OPD' }).first().click();
      await pub.getByRole('heading', { name: 'Peringkat OPD', level: 1 }).waitFor();
      await pub.getByRole('heading', { name: `Siklus ${CYCLE}` }).waitFor();
      expect(await cellsOf(pub, OPD_NAME)).toEqual(['1', OPD_VALUE, `${SCORE},00`, '1', `${SCORE},00`, 'Ya']);
      await pub.getByRole('definition').filter({ hasText: OPD_NAME }).waitFor();
      expect(await overflowsHorizontally(pub)).toBe(false);
      await expectAccessible(pub, 'public ranking');
      await screenshot(pub, 'programme-walk', '30-ranking');

      expect(opd.faults).toEqual([]);
      expect(coordinator.faults).toEqual([]);
      expect(evaluator.faults).toEqual([]);
      expect(visitor.faults).toEqual([]);
    } catch (error) {
      // Where each person was when the walk stopped, for whoever reads the failure.
      const where = { opd: page, coordinator: coord, evaluator: judge, public: pub };
      for (const [who, each] of Object.entries(where)) {
        await screenshot(each, 'programme-walk', `failed-${who}`).catch(() => undefined);
      }
      throw error;
    } finally {
      await page.close();
      await coord.close();
      await judge.close();
      await pub.close();
    }
  });
});
