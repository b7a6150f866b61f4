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
 * An OPD's innovation through the web app in headless Chromium, against the whole local platform (the web app on
 * its own origin, calling the API as a browser does: CORS, ID token, ETags): sign in as a dev user, be refused by
 * the same schema the API uses, create a draft, be refused registration by the API itself (no open cycle), register
 * once a cycle is open, and ask to advance. axe-core checks every page; each step leaves a screenshot.
 */

let platform: LocalPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startWebPlatform('web');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Signs in as the dev user `username` from the sign-in page's list (each button names the user). */
async function signInAs(page: Page, username: string): Promise<void> {
  await signInFrom(page, platform.webUrl ?? '', username);
}

const WINDOWS = {
  'drum-up': { start: '2027-01-04', due: '2027-02-26' },
  diagnose: { start: '2027-03-01', due: '2027-04-30' },
  design: { start: '2027-05-03', due: '2027-06-30' },
  deliver: { start: '2027-07-01', due: '2027-10-29' },
  display: { start: '2027-11-01', due: '2027-12-17' },
};

const STAGE_LABELS = {
  'drum-up': 'Drum up',
  diagnose: 'Diagnose',
  design: 'Design',
  deliver: 'Deliver',
  display: 'Display',
} as const;

describe('the web app, for an OPD and the coordinator', () => {
  it('serves the app with its runtime config and security headers', async () => {
    expect(platform.webUrl).toMatch(/^http:\/\/localhost:\d+$/);
    const page = await fetch(`${platform.webUrl}/inovasi/baru`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${platform.url}`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const config = await fetch(`${platform.webUrl}/config.json`);
    expect(await config.json()).toEqual({
      apiUrl: platform.url,
      regionName: platform.region.displayName,
      opds: platform.region.opds.map(({ id, name }) => ({ id, name })),
      auth: { kind: 'local' },
    });
    expect((await fetch(`${platform.webUrl}/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${platform.webUrl}/..%2f..%2fpackage.json`)).status).not.toBe(200);
  });

  // A long walk across two sessions and the bus (each wait bounded on its own); the timeout only bounds a hang.
  it('an OPD drafts and registers an innovation, the coordinator opens the cycle, returns then approves the advance', {
    timeout: 300_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser);
    try {
      await page.goto(`${platform.webUrl}/`);
      await page.getByRole('heading', { name: 'Masuk ke inovda' }).waitFor();
      await expectAccessible(page, 'sign-in');
      await screenshot(page, 'opd-innovation', '01-sign-in');

      await signInAs(page, 'opd.dinkes');
      await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
      await page.getByText('Belum ada inovasi').waitFor();
      await expectAccessible(page, 'my innovations');
      await screenshot(page, 'opd-innovation', '02-my-innovations');

      await page.getByRole('link', { name: 'Daftarkan inovasi baru' }).first().click();
      await page.getByRole('heading', { name: 'Daftarkan inovasi baru' }).waitFor();
      await expectAccessible(page, 'new innovation form');
      // Refused in the browser by the API's own schema and messages: nothing is sent.
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Ada isian yang perlu diperbaiki' });
      await summary.waitFor();
      await expect.poll(() => summary.textContent()).toContain('Nama inovasi: minimal 1 karakter');
      await expectAccessible(page, 'form with errors');
      await screenshot(page, 'opd-innovation', '03-form-errors');

      await page.getByLabel('Nama inovasi').fill('Posyandu Digital');
      await page.getByLabel('Jenis inovasi').selectOption('digital');
      await page.getByLabel('Kesehatan').check();
      await page.getByLabel('Permasalahan').fill('Data balita tercatat di buku dan sering hilang.');
      await page.getByRole('button', { name: 'Tambah bukti dukung' }).click();
      await page.getByLabel('Indikator (1)').selectOption('regulation');
      await page.getByLabel('Tautan bukti').fill('bukan-tautan');
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await expect.poll(() => summary.textContent()).toContain('alamat tautan (URL http/https) tidak valid');
      await page.getByLabel('Tautan bukti').fill('https://jdih.solokkota.go.id/perwako-12-2026.pdf');

      // The session ends while the form is open (here: its token gone from the tab): the save is refused (401), the
      // app asks to sign in again, and comes back to the form with everything typed, kept in the tab meanwhile.
      await page.evaluate(() =>
        (globalThis as unknown as { sessionStorage: { removeItem(key: string): void } }).sessionStorage.removeItem(
          'inovda.session',
        ),
      );
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByRole('heading', { name: 'Masuk ke inovda' }).waitFor();
      await signInAs(page, 'opd.dinkes');
      await page.getByRole('heading', { name: 'Daftarkan inovasi baru' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/inovasi/baru');
      await page.getByText('Isian Anda yang belum tersimpan dipulihkan').waitFor();
      expect(await page.getByLabel('Nama inovasi').inputValue()).toBe('Posyandu Digital');
      expect(await page.getByLabel('Tautan bukti').inputValue()).toBe(
        'https://jdih.solokkota.go.id/perwako-12-2026.pdf',
      );
      expect(await page.getByLabel('Kesehatan').isChecked()).toBe(true);
      await expectAccessible(page, 'form restored after signing in again');
      await screenshot(page, 'opd-innovation', '03b-restored-after-sign-in');

      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByRole('heading', { name: 'Posyandu Digital', level: 1, exact: true }).waitFor();
      await expect.poll(() => page.getByText('Inovasi ini masih draf.').count()).toBe(1);
      await expectAccessible(page, 'innovation (draft)');
      await screenshot(page, 'opd-innovation', '04-draft');

      // No cycle is open: the API refuses, and the page shows its Indonesian title.
      await page.getByRole('button', { name: 'Daftarkan ke siklus yang dibuka' }).click();
      await page.getByText('Belum ada siklus program inovasi yang dibuka').waitFor();
      await screenshot(page, 'opd-innovation', '05-no-open-cycle');

      // The coordinator plans the cycle and opens it, in a session of their own.
      const coordinator = await watchedPage(browser);
      await signInAs(coordinator.page, 'koordinator');
      await coordinator.page.getByRole('heading', { name: 'Siklus program inovasi' }).waitFor();
      await coordinator.page.getByText('Belum ada siklus').waitFor();
      await expectAccessible(coordinator.page, 'cycles (empty)');
      await coordinator.page.getByRole('button', { name: 'Simpan rencana siklus' }).click();
      await coordinator.page.getByRole('alert').filter({ hasText: 'Nama siklus: minimal 1 karakter' }).waitFor();
      await coordinator.page.getByLabel('Nama siklus').fill('Program Inovasi 2027');
      await coordinator.page.getByLabel('Tahun').fill('2027');
      for (const [stage, window] of Object.entries(WINDOWS)) {
        const label = STAGE_LABELS[stage as keyof typeof STAGE_LABELS];
        await coordinator.page.getByLabel(`${label}: mulai`).fill(window.start);
        await coordinator.page.getByLabel(`${label}: tenggat`).fill(window.due);
      }
      await coordinator.page.getByRole('button', { name: 'Simpan rencana siklus' }).click();
      await coordinator.page.getByText('Siklus direncanakan.').waitFor();
      await coordinator.page.getByRole('button', { name: 'Buka Program Inovasi 2027' }).click();
      await coordinator.page.getByText('Siklus dibuka: OPD sudah bisa mendaftarkan inovasi.').waitFor();
      await expectAccessible(coordinator.page, 'cycles (open)');
      await screenshot(coordinator.page, 'opd-innovation', '05b-cycle-opened');
      // Submissions learns of the open cycle from the bus: the button is tried until the API registers the draft.
      const registered = await retryUntil(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Posyandu Digital', level: 1, exact: true }).waitFor();
          const answer = page.waitForResponse((response) => response.url().endsWith('/register'));
          await page.getByRole('button', { name: 'Daftarkan ke siklus yang dibuka' }).click();
          return (await answer).status();
        },
        (status) => status === 200,
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      expect(registered).toBe(200);
      await page.getByText('Inovasi terdaftar.').waitFor();
      // The track opens from InnovationRegistered on the bus.
      await retryUntil(
        async () => {
          await page.reload();
          // The page has read the track once it says where it is, or that it is not open yet.
          await page.getByText('Tahap saat ini:').or(page.getByText('Jalur belum dibuka.')).waitFor();
          return page.getByRole('button', { name: 'Minta naik ke tahap berikutnya' }).count();
        },
        (count) => count === 1,
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      // What leaving Drum up needs, before asking: nothing (the default gates hold Drum up to its registration).
      await page.getByRole('heading', { name: 'Syarat lanjut ke tahap Diagnose' }).waitFor();
      await page.getByText('Semua syarat sudah terpenuhi: permintaan naik tahap dapat diajukan.').waitFor();
      await expectAccessible(page, 'innovation (registered, track)');
      await screenshot(page, 'opd-innovation', '06-track');

      await page.getByLabel('Catatan untuk koordinator').fill('Siap ditinjau.');
      await page.getByRole('button', { name: 'Minta naik ke tahap berikutnya' }).click();
      await page.getByText('Permintaan naik tahap terkirim.').waitFor();
      await page.getByText('Menunggu keputusan koordinator atas permintaan naik tahap.').waitFor();
      await expectAccessible(page, 'after the advance request');
      await screenshot(page, 'opd-innovation', '07-advance-requested');

      // The coordinator returns it (reasons required, checked in the browser), the OPD asks again, it is approved.
      await coordinator.page.getByRole('link', { name: 'Antrean tinjauan Program Inovasi 2027' }).click();
      await coordinator.page.getByRole('heading', { name: 'Posyandu Digital' }).waitFor();
      await expectAccessible(coordinator.page, 'review queue');
      await coordinator.page.getByRole('button', { name: 'Kembalikan Posyandu Digital' }).click();
      await coordinator.page.getByText('minimal 1 karakter').waitFor();
      await coordinator.page.getByLabel('Alasan pengembalian').fill('Lengkapi akar masalah.');
      await coordinator.page.getByRole('button', { name: 'Kembalikan Posyandu Digital' }).click();
      await coordinator.page.getByText('Posyandu Digital dikembalikan ke OPD dengan alasan.').waitFor();
      await screenshot(coordinator.page, 'opd-innovation', '08-returned');

      // The OPD reads why on the innovation's page, then asks again.
      await page.reload();
      await page.getByRole('heading', { name: 'Permintaan naik tahap dikembalikan' }).waitFor();
      await page.getByText('Lengkapi akar masalah.').waitFor();
      await expectAccessible(page, 'returned, with its reasons');
      await screenshot(page, 'opd-innovation', '08b-returned-reasons');
      await page.getByRole('button', { name: 'Minta naik ke tahap berikutnya' }).click();
      await page.getByText('Permintaan naik tahap terkirim.').waitFor();
      // Once the page has read the track again, the new request replaces the returned one's reasons.
      await page.getByText('Menunggu keputusan koordinator atas permintaan naik tahap.').waitFor();
      expect(await page.getByRole('heading', { name: 'Permintaan naik tahap dikembalikan' }).count()).toBe(0);
      await coordinator.page.reload();
      await coordinator.page.getByRole('button', { name: 'Setujui Posyandu Digital' }).click();
      await coordinator.page.getByText('Posyandu Digital naik ke tahap berikutnya.').waitFor();
      await coordinator.page.getByText('Tidak ada permintaan yang menunggu.').waitFor();
      await page.reload();
      await page.getByText('Tahap saat ini: Diagnose').waitFor();
      // Leaving Diagnose needs the beneficiaries, which the profile lacks: the page says so before any request.
      await page.getByRole('heading', { name: 'Syarat lanjut ke tahap Design' }).waitFor();
      expect(await page.locator('.gate li').allTextContents()).toEqual(['penerima manfaat belum diisi']);
      await expectAccessible(page, 'innovation at Diagnose');
      await screenshot(page, 'opd-innovation', '09-approved');

      // The OPD is told in its inbox (notify takes StageAdvanced from the bus), and the link leads to the innovation.
      await page.getByRole('link', { name: 'Kotak masuk' }).click();
      const told = await retryUntil(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Kotak masuk' }).waitFor();
          await page
            .getByText(/pemberitahuan/)
            .first()
            .waitFor();
          return page.getByRole('link', { name: '"Posyandu Digital" naik ke tahap Diagnose' }).count();
        },
        (count) => count === 1,
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      expect(told).toBe(1);
      await expectAccessible(page, 'inbox');
      await screenshot(page, 'opd-innovation', '10-inbox');
      await page.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click();
      await page.getByText('Semua pemberitahuan sudah dibaca.').waitFor();
      await page.getByRole('link', { name: '"Posyandu Digital" naik ke tahap Diagnose' }).click();
      // The innovation's own page (the inbox's entries about it are headings too, until the page has changed).
      await page.getByRole('heading', { name: 'Posyandu Digital', level: 1, exact: true }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/inovasi\/[0-9A-Z]{26}$/);
      expect(coordinator.faults).toEqual([]);
      await coordinator.page.close();
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('works at 360 px wide, and the form can be filled and saved with the keyboard alone', {
    timeout: 120_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    try {
      await signInAs(page, 'opd.dinkes');
      await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await page.goto(`${platform.webUrl}/inovasi/baru`);
      await page.getByRole('heading', { name: 'Daftarkan inovasi baru' }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'keyboard-360', '01-form-360');

      // Keyboard only: Tab to the name field, type, Tab on to the submit button, Enter.
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement
              .textContent,
        ),
      ).toBe('Langsung ke isi halaman');
      let guard = 0;
      while (
        (await page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
        )) !== 'f-name'
      ) {
        await page.keyboard.press('Tab');
        if (++guard > 30) throw new Error('the name field is not reachable with Tab');
      }
      await page.keyboard.type('Layanan Keliling KTP');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Layanan Keliling KTP' }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, 'keyboard-360', '02-saved-by-keyboard');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
