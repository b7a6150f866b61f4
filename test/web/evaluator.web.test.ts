import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalPlatform } from '@inovda/local';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, once, send } from '../../infra/seed/seed-api';
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
 * Scoring through the web app in headless Chromium, against the whole local platform: two innovations taken to
 * Deliver and self-assessed through the API (as the Kota Solok seed does for 2026), then the evaluator lands on
 * their assignments and declares their conflicts, the coordinator assigns evaluators by hand and by the cycle's
 * balanced rule, the evaluator verifies one innovation blind (refused by the contracts' schema in the browser, then
 * by the API for an incomplete submission) and submits, a second evaluator disagrees, and the coordinator calibrates
 * the flagged indicator. axe-core checks every page and state; each step leaves a screenshot.
 *
 * The dev users have one evaluator; calibration needs two who disagree. The second is a user of the same (local)
 * user pool: the platform is started on a data dir holding a signing key the test made, so the test can sign that
 * user's ID token as Cognito would sign another account's; the API checks it like any other.
 */

let platform: LocalPlatform;
let browser: Browser;
let dataDir: string;
let signingKey: JWK & { kid: string };
let cycleId = '';
const ids: Record<'issh' | 'jebak', string> = { issh: '', jebak: '' };

const ISSH = 'Izin Selesai Satu Hari (ISSH)';
const JEBAK = 'Jemput Bola Administrasi Kependudukan (JEBAK)';
const CYCLE = 'Program Inovasi Daerah 2026';
const SECOND = 'penilai.dua';

const WORDS = (
  'Petugas mendatangi kelurahan, sekolah dan panti jompo dengan mobil layanan yang membawa perangkat yang dibutuhkan. ' +
  'Jadwal kunjungan diumumkan lewat media sosial pemerintah kota dan pengeras suara masjid, dan warga mendaftar lewat ' +
  'pesan singkat. '
).repeat(11);

/** A profile complete enough for every gate up to Deliver (as infra/seed/kota-solok-2026.ts builds them). */
function profile(name: string, opdId: string, affairs: string[]) {
  return {
    name,
    opdId,
    initiatorKind: 'opd',
    type: 'digital',
    form: 'public-service',
    governmentAffairs: affairs,
    maturity: 'implemented',
    trialStartDate: '2025-03-01',
    implementationStartDate: '2025-07-01',
    problemStatement: 'Layanan masih lambat karena berkas berpindah antar meja.',
    beneficiaries: 'Warga Kota Solok',
    designNarrative: WORDS.trim(),
    goals: 'Layanan lebih cepat dan dekat dengan warga.',
    benefits: 'Waktu dan biaya warga berkurang.',
    results: 'Cakupan layanan naik sepanjang 2025.',
    milestones: [{ title: 'Uji coba di dua kelurahan', dueDate: '2025-06-30', done: true }],
    budgetSource: 'apbd',
    evidence: ['regulation', 'human-resources', 'speed-of-creation', 'benefit', 'quality-video', 'tools'].map(
      (indicator) => ({ indicator, url: `https://${opdId}.solokkota.go.id/bukti/${indicator}.pdf` }),
    ),
    contactPerson: { name: 'Sekretaris Dinas', phone: '+62 755 20000' },
  };
}

/** Draft → registered → Deliver → self-assessment submitted, through the API (the seed's steps); returns the id. */
async function toSelfAssessed(owner: string, body: unknown, claims: Record<string, number>): Promise<string> {
  const { url } = platform;
  const opd = await platform.tokenFor(owner);
  const coordinator = await platform.tokenFor('koordinator');
  const id = String((await must('POST', `${url}/innovations`, opd, body)).id);
  await once('register', () => send('POST', `${url}/innovations/${id}/register`, opd, { cycleId }), ['unknown-cycle']);
  for (const _stage of ['diagnose', 'design', 'deliver']) {
    const request = await once(
      'advance request',
      () => send('POST', `${url}/innovations/${id}/track/advance-requests`, opd, {}),
      ['gate-not-met'],
    );
    await must('POST', `${url}/innovations/${id}/track/advance-requests/${request.requestId}/approve`, coordinator, {});
  }
  const list = Object.entries(claims).map(([indicator, level]) => ({
    indicator,
    level,
    ...(indicator === 'benefit' ? { basis: 'people-served' } : {}),
  }));
  await once('self-assessment', () => send('PUT', `${url}/innovations/${id}/self-assessment`, opd, { claims: list }), [
    'invalid-state',
  ]);
  await must('POST', `${url}/innovations/${id}/self-assessment/submit`, opd);
  return id;
}

/** The second evaluator's ID token: penilai's own claims, as another account of the same pool. */
async function secondEvaluatorToken(): Promise<string> {
  const model = await platform.tokenFor('penilai');
  const claims = JSON.parse(Buffer.from(model.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    ...claims,
    sub: '7d4bb0a1-2c55-5e0f-8d1b-5a3a7c2f9e10',
    'cognito:username': SECOND,
    name: 'Rahmat Hidayat',
    email: `${SECOND}@kota-solok.inovda.local`,
    iat: now,
    auth_time: now,
    exp: now + 3600,
  })
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
    .sign(await importJWK(signingKey, 'RS256'));
}

beforeAll(async () => {
  // The platform's signing key, made here: the local issuer loads it from its data dir.
  dataDir = mkdtempSync(path.join(tmpdir(), 'inovda-web-evaluator-'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  signingKey = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
  writeFileSync(path.join(dataDir, 'jwt-signing-key.json'), JSON.stringify(signingKey), { mode: 0o600 });
  platform = await startWebPlatform('web-evaluator', { inMemory: false, dataDir });
  browser = await launchChromium();

  const coordinator = await platform.tokenFor('koordinator');
  const cycle = await must('POST', `${platform.url}/cycles`, coordinator, {
    name: CYCLE,
    year: 2026,
    targetPerOpd: 1,
    monevIntervalDays: 90,
    stageWindows: {
      'drum-up': { start: '2026-01-05', due: '2026-02-27' },
      diagnose: { start: '2026-03-02', due: '2026-04-30' },
      design: { start: '2026-05-04', due: '2026-06-30' },
      deliver: { start: '2026-07-01', due: '2026-10-30' },
      display: { start: '2026-11-02', due: '2026-12-18' },
    },
  });
  cycleId = String(cycle.id);
  await must('POST', `${platform.url}/cycles/${cycleId}/open`, coordinator);
  ids.issh = await toSelfAssessed('opd.dpmptsp', profile(ISSH, 'dpmptsp', ['investment']), {
    regulation: 2,
    'human-resources': 2,
    'speed-of-creation': 2,
    benefit: 2,
    'quality-video': 2,
    tools: 3,
  });
  ids.jebak = await toSelfAssessed(
    'opd.disdukcapil',
    profile(JEBAK, 'disdukcapil', ['population-civil-registration']),
    {
      regulation: 3,
      'human-resources': 2,
      'speed-of-creation': 3,
      benefit: 3,
      'quality-video': 3,
    },
  );
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in as the dev user `username` from the sign-in page's list (each button names the user). */
async function signInAs(page: Page, username: string): Promise<void> {
  await signInFrom(page, platform.webUrl ?? '', username);
}

/** Calls the API as the dev evaluator `penilai` (status and payload, whatever the answer). */
async function asEvaluator(method: string, url: string, body?: unknown) {
  return send(method, `${platform.url}${url}`, await platform.tokenFor('penilai'), body);
}

/** Calls the API as the second evaluator. */
async function asSecond(method: string, url: string, body?: unknown) {
  return must(method, `${platform.url}${url}`, await secondEvaluatorToken(), body);
}

describe('scoring in the web app: the evaluator and the coordinator', () => {
  it('assigns, verifies blind, submits and calibrates', { timeout: 600_000 }, async () => {
    const evaluator = await watchedPage(browser);
    const coordinator = await watchedPage(browser);
    const page = evaluator.page;
    const coord = coordinator.page;
    // Bounded waits for a busy machine (each step still fails on a hang).
    page.setDefaultTimeout(90_000);
    coord.setDefaultTimeout(90_000);
    // What the evaluator's browser asks of the others' verdicts (blind review: nothing before submitting) and sends.
    const peeks: string[] = [];
    const writes: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (/^\/innovations\/[^/]+\/(evaluations|score)$/.test(pathname)) peeks.push(pathname);
      if (request.method() !== 'GET' && pathname.startsWith('/innovations/')) writes.push(pathname);
    });
    const coordinatorWrites: string[] = [];
    coord.on('request', (request) => {
      if (request.method() !== 'GET' && new URL(request.url()).pathname.endsWith('/assignments')) {
        coordinatorWrites.push(request.url());
      }
    });
    try {
      // The evaluator lands on their assignments: none yet.
      await signInAs(page, 'penilai');
      await page.getByRole('heading', { name: 'Penilaian saya', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/penilaian');
      await page.getByText('Belum ada inovasi yang ditugaskan kepada Anda.').waitFor();
      await page.getByText('nilai dari penilai lain tetap tersembunyi sampai Anda mengirim').waitFor();
      await expectAccessible(page, 'my assignments (empty)');
      await screenshot(page, 'evaluator', '01-my-assignments-empty');

      // Conflicts of interest: none declared yet. The region's OPDs are checkboxes; an innovation id is typed, and the
      // contracts' schema refuses a malformed one in the browser with its own message. Saved, it is read back
      // (GET /evaluators/me) into the form when the page is opened again.
      await page.getByText('Anda belum menyatakan benturan kepentingan, sehingga belum dapat ditugaskan.').waitFor();
      const opdConflicts = page.getByRole('group', { name: 'OPD yang berbenturan kepentingan dengan Anda' });
      await opdConflicts.getByRole('checkbox', { name: 'Dinas Pertanian' }).check();
      const innovationConflicts = page.getByLabel('Id inovasi yang berbenturan kepentingan dengan Anda');
      await innovationConflicts.fill('inovasi-pasar');
      await page.getByRole('button', { name: 'Simpan pernyataan benturan kepentingan' }).click();
      const conflictErrors = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
      await conflictErrors.waitFor();
      await expect.poll(() => conflictErrors.textContent()).toContain('harus berupa id: 26 huruf besar dan angka');
      await expectAccessible(page, 'conflicts form with errors');
      await screenshot(page, 'evaluator', '02-conflicts-refused');
      // Refused in the browser: nothing was sent, so nothing is declared yet.
      expect((await asEvaluator('GET', '/evaluators/me')).status).toBe(404);
      await innovationConflicts.fill('');
      await page.getByRole('button', { name: 'Simpan pernyataan benturan kepentingan' }).click();
      await page.getByText('Pernyataan tersimpan: Anda sekarang dapat ditugaskan.').waitFor();
      expect((await asEvaluator('GET', '/evaluators/me')).payload.conflicts).toEqual({
        opdIds: ['distan'],
        innovationIds: [],
      });
      await page.reload();
      await page.getByText(/^Pernyataan terakhir Anda disimpan .+; isiannya tertera di bawah\.$/).waitFor();
      expect(await opdConflicts.getByRole('checkbox', { name: 'Dinas Pertanian' }).isChecked()).toBe(true);
      expect(await opdConflicts.getByRole('checkbox', { name: 'Dinas Kesehatan' }).isChecked()).toBe(false);
      // The second evaluator declares a conflict with Disdukcapil, through the API.
      await asSecond('PUT', '/evaluators/me', { opdIds: ['disdukcapil'], innovationIds: [] });

      // The coordinator: the nav leads to the cycles, then to this cycle's assignment page.
      await signInAs(coord, 'koordinator');
      await coord.getByRole('heading', { name: 'Siklus program inovasi' }).waitFor();
      await coord.getByRole('link', { name: 'Penugasan penilai', exact: true }).click();
      await coord.getByRole('heading', { name: 'Penugasan penilai', level: 1, exact: true }).waitFor();
      await expectAccessible(coord, 'assignments: choose a cycle');
      await coord.getByRole('link', { name: `Penugasan penilai ${CYCLE}` }).click();
      await coord.getByRole('heading', { name: `Penugasan penilai: ${CYCLE}` }).waitFor();
      await coord.getByRole('heading', { name: ISSH }).waitFor();
      await coord.getByRole('heading', { name: JEBAK }).waitFor();
      expect(await coord.getByText('Penilaian mandiri: sudah dikirim').count()).toBe(2);
      await expectAccessible(coord, 'assignments of the cycle');
      await screenshot(coord, 'evaluator', '03-assignments');

      // By hand: nobody chosen is refused in the browser (the schema's minimum), nothing is sent.
      const isshGroup = coord.getByRole('group', { name: `Penilai untuk ${ISSH}` });
      await coord.getByRole('button', { name: `Tugaskan penilai untuk ${ISSH}` }).click();
      await isshGroup.getByText('Pilih sedikitnya satu penilai baru. (minimal 1 butir)').waitFor();
      expect(coordinatorWrites).toEqual([]);
      await expectAccessible(coord, 'assignment refused in the browser');
      await isshGroup.getByRole('checkbox', { name: /^penilai \(/ }).check();
      await isshGroup.getByRole('checkbox', { name: /^penilai\.dua \(/ }).check();
      await coord.getByRole('button', { name: `Tugaskan penilai untuk ${ISSH}` }).click();
      await coord.getByText(`Penilai ${ISSH} diperbarui.`).waitFor();
      const isshCard = coord.getByRole('article').filter({ has: coord.getByRole('heading', { name: ISSH }) });
      await isshCard.getByText('penilai: Belum dikirim').waitFor();
      await isshCard.getByText(`${SECOND}: Belum dikirim`).waitFor();
      expect(coordinatorWrites).toHaveLength(1);
      // The second evaluator declared a conflict with JEBAK's OPD: not offered.
      const jebakGroup = coord.getByRole('group', { name: `Penilai untuk ${JEBAK}` });
      expect(
        await jebakGroup.getByRole('checkbox', { name: /^penilai\.dua .*benturan kepentingan/ }).isDisabled(),
      ).toBe(true);

      // The balanced rule: out of range refused by the schema, then one evaluator per innovation.
      await coord.getByLabel('Penilai per inovasi').fill('9');
      await coord.getByRole('button', { name: `Tugaskan penilai otomatis untuk ${CYCLE}` }).click();
      await coord.getByText('maksimal 5').waitFor();
      await coord.getByLabel('Penilai per inovasi').fill('1');
      await coord.getByRole('button', { name: `Tugaskan penilai otomatis untuk ${CYCLE}` }).click();
      await coord.getByText('Penugasan otomatis selesai: 1 penugasan baru.').waitFor();
      await coord
        .getByRole('listitem')
        .filter({ hasText: `${JEBAK}: penilai` })
        .first()
        .waitFor();
      const jebakCard = coord.getByRole('article').filter({ has: coord.getByRole('heading', { name: JEBAK }) });
      await jebakCard.getByText('penilai: Belum dikirim').waitFor();
      await expectAccessible(coord, 'after the automatic assignment');
      await screenshot(coord, 'evaluator', '04-assigned');

      // The evaluator sees both assignments, and opens ISSH.
      await page.reload();
      await page.getByRole('link', { name: `Nilai ${ISSH}` }).waitFor();
      await page.getByRole('link', { name: `Nilai ${JEBAK}` }).waitFor();
      await expectAccessible(page, 'my assignments');
      await screenshot(page, 'evaluator', '05-my-assignments');
      await page.getByRole('link', { name: `Nilai ${ISSH}` }).click();
      await page.getByRole('heading', { name: `Verifikasi: ${ISSH}` }).waitFor();
      await page.getByText('nilai dari penilai lain tetap tersembunyi sampai Anda mengirim').waitFor();
      await page.getByRole('link', { name: 'https://dpmptsp.solokkota.go.id/bukti/tools.pdf' }).waitFor();
      await expectAccessible(page, 'verification form');
      await screenshot(page, 'evaluator', '06-form');

      // Reject without a reason: refused in the browser by the contracts' schema, nothing sent.
      const decision = (name: string) => page.getByRole('group', { name: `Keputusan: ${name}` });
      await decision('Alat kerja').getByLabel('Tolak (nilai 0)').check();
      await page.getByRole('button', { name: `Simpan draf penilaian ${ISSH}` }).click();
      const formErrors = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
      await formErrors.waitFor();
      await expect.poll(() => formErrors.textContent()).toContain('Alat kerja: Alasan: minimal 1 karakter');
      expect(writes).toEqual([]);
      await expectAccessible(page, 'verification form with errors');
      await screenshot(page, 'evaluator', '07-form-errors');
      await page.getByLabel('Alasan').fill('Tidak ada bukti alat kerja yang dapat dibuka.');
      await page.getByRole('button', { name: `Simpan draf penilaian ${ISSH}` }).click();
      await page.getByText('Draf penilaian tersimpan.').waitFor();

      // Submitting with indicators undecided: refused in the browser before any confirmation or request (the API
      // would refuse it too), naming each indicator by its name.
      const sentBefore = writes.length;
      await page.getByRole('button', { name: `Kirim penilaian ${ISSH}` }).click();
      await page.getByText('Isian belum lengkap untuk dikirim').waitFor();
      await page.getByText('Indikator Regulasi inovasi daerah belum diputuskan.').waitFor();
      expect(writes.length).toBe(sentBefore);
      await expectAccessible(page, 'submission refused: indicators undecided');
      await screenshot(page, 'evaluator', '08-incomplete');

      // Decide the rest: lower Benefit to 1 with a reason, accept the others; submit.
      for (const [name, level] of [
        ['Regulasi inovasi daerah', 2],
        ['Ketersediaan SDM pengelola inovasi', 2],
        ['Kecepatan penciptaan inovasi', 2],
        ['Kualitas inovasi (video)', 2],
      ] as const) {
        await decision(name).getByLabel(`Terima klaim (tingkat ${level})`).check();
      }
      await decision('Kemanfaatan inovasi').getByLabel('Turunkan', { exact: true }).check();
      const benefit = page.getByRole('group', { name: /^Kemanfaatan inovasi: Klaim OPD/ });
      await benefit.getByLabel('Turunkan ke tingkat').selectOption('1');
      await benefit.getByLabel('Alasan').fill('Data penerima manfaat baru mencakup satu semester.');
      expect(await page.getByLabel('Alasan').count()).toBe(2);
      expect(peeks).toEqual([]);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Kirim penilaian ${ISSH}` }).click();
      await page.getByText('Penilaian terkirim. Terima kasih.').waitFor();
      await page.getByText('Penilaian ini sudah final.').waitFor();
      await page.getByText('Diturunkan, tingkat 1').waitFor();
      // Only now are the others' verdicts asked for: the second evaluator has not submitted.
      await page.getByRole('heading', { name: 'Penilaian penilai lain' }).waitFor();
      expect(await page.getByRole('cell', { name: 'belum mengirim' }).count()).toBe(6);
      expect(peeks).toEqual([`/innovations/${ids.issh}/evaluations`]);
      await expectAccessible(page, 'verification submitted');
      await screenshot(page, 'evaluator', '09-submitted');

      // The second evaluator accepts every claim: Alat kerja is three levels apart, so it is flagged.
      const theirs = await asSecond('GET', `/innovations/${ids.issh}/evaluations/mine`);
      await asSecond('PUT', `/innovations/${ids.issh}/evaluations/mine`, {
        decisions: (theirs.claims as Array<{ indicator: string }>).map((claim) => ({
          indicator: claim.indicator,
          decision: 'accept',
        })),
      });
      await asSecond('POST', `/innovations/${ids.issh}/evaluations/mine/submit`);

      // The coordinator calibrates it.
      await coord.reload();
      await coord.getByRole('link', { name: `Kalibrasi ${ISSH}` }).click();
      await coord.getByRole('heading', { name: `Kalibrasi nilai: ${ISSH}` }).waitFor();
      await coord.getByText('Status nilai: perlu kalibrasi').waitFor();
      const toolsRow = coord.getByRole('row').filter({ hasText: 'Alat kerja (perlu kalibrasi)' });
      await expect.poll(() => toolsRow.textContent()).toContain('penilai: tingkat 0 (ditolak)');
      expect(await toolsRow.textContent()).toContain(`${SECOND}: tingkat 3`);
      // An indicator the OPD did not claim is not a rejection.
      expect(await coord.getByRole('row').filter({ hasText: 'Dukungan anggaran' }).textContent()).toContain(
        'tidak diklaim',
      );
      await coord.getByText('penilai: Ditolak: Tidak ada bukti alat kerja yang dapat dibuka.').waitFor();
      await expectAccessible(coord, 'calibration');
      await screenshot(coord, 'evaluator', '10-calibration');
      await coord.getByRole('button', { name: 'Tetapkan tingkat Alat kerja' }).click();
      await coord.getByText('minimal 1 karakter').waitFor();
      await expectAccessible(coord, 'calibration refused in the browser');
      await coord.getByLabel('Tingkat yang ditetapkan').selectOption('2');
      await coord.getByLabel('Alasan kalibrasi').fill('Alat kerja ada, tetapi bukti fotonya belum lengkap.');
      await coord.getByRole('button', { name: 'Tetapkan tingkat Alat kerja' }).click();
      await coord.getByText('Tingkat Alat kerja ditetapkan.').waitFor();
      await coord.getByText('Status nilai: sudah dinilai').waitFor();
      await coord.getByText('Tidak ada indikator yang menunggu kalibrasi.').waitFor();
      await coord
        .getByRole('cell', { name: 'kalibrasi: Alat kerja ada, tetapi bukti fotonya belum lengkap.' })
        .waitFor();
      await expectAccessible(coord, 'calibrated');
      await screenshot(coord, 'evaluator', '11-calibrated');

      expect(evaluator.faults).toEqual([]);
      expect(coordinator.faults).toEqual([]);
    } finally {
      await page.close();
      await coord.close();
    }
  });

  it('works at 360 px wide', { timeout: 300_000 }, async () => {
    const { page, faults } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    page.setDefaultTimeout(90_000);
    try {
      await signInAs(page, 'penilai');
      await page.getByRole('heading', { name: 'Penilaian saya', level: 1 }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await page.goto(`${platform.webUrl}/penilaian/${ids.jebak}`);
      await page.getByRole('heading', { name: `Verifikasi: ${JEBAK}` }).waitFor();
      await page.getByRole('group', { name: 'Keputusan: Kemanfaatan inovasi' }).getByLabel('Turunkan').check();
      await page.getByLabel('Turunkan ke tingkat').waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await expectAccessible(page, 'verification form at 360 px');
      await screenshot(page, 'evaluator-360', '01-form-360');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
    const coordinator = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    coordinator.page.setDefaultTimeout(90_000);
    try {
      await signInAs(coordinator.page, 'koordinator');
      await coordinator.page.getByRole('heading', { name: 'Siklus program inovasi' }).waitFor();
      await coordinator.page.goto(`${platform.webUrl}/siklus/${cycleId}/penugasan`);
      await coordinator.page.getByRole('heading', { name: JEBAK }).waitFor();
      expect(await overflowsHorizontally(coordinator.page)).toBe(false);
      await screenshot(coordinator.page, 'evaluator-360', '02-assignments-360');
      await coordinator.page.goto(`${platform.webUrl}/inovasi/${ids.issh}/kalibrasi`);
      await coordinator.page.getByText('Status nilai: sudah dinilai').waitFor();
      expect(await overflowsHorizontally(coordinator.page)).toBe(false);
      await screenshot(coordinator.page, 'evaluator-360', '03-calibration-360');
      expect(coordinator.faults).toEqual([]);
    } finally {
      await coordinator.page.close();
    }
  });
});
