import type { LocalPlatform } from '@inovda/local';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, retryUntil } from '../e2e/e2e-platform';
import {
  expectAccessible,
  launchChromium,
  overflowsHorizontally,
  screenshot,
  startWebPlatform,
  watchedPage,
} from './browser';

/**
 * A whole OPD flow with the keyboard only (issue 10), at 360 px wide, in headless Chromium against the whole local
 * platform: sign in by choosing the dev user, open the new-innovation form from the navigation, fill it (text, a
 * select, a checkbox of a group, an evidence row added with its "Tambah" button), save the draft, register it into
 * the open cycle, ask to advance once the track is open, and open the inbox. Nothing is clicked, filled or selected
 * by the test: only Tab, Shift+Tab, Enter, Space, arrow keys and typing. Every control the focus passes through must
 * show where the focus is; axe-core checks every page reached; each step leaves a screenshot.
 *
 * The Drum up → Diagnose gate: neither Kota Solok (no `stageGates` in `infra/regions/kota-solok.ts`) nor the workflow
 * default (`DEFAULT_STAGE_GATES`, services/workflow/src/domain/gates.ts) asks anything of an innovation leaving Drum
 * up beyond its registration (name and owner OPD). The form is filled beyond that, with what Diagnose will ask next
 * (problem statement, beneficiaries) and an evidence link, to walk the form's kinds of controls.
 */

let platform: LocalPlatform;
let browser: Browser;
let cycleId = '';

const NAME = 'Posyandu Papan Ketik';
const EVIDENCE_URL = 'https://jdih.solokkota.go.id/perwako-7-2027.pdf';
const TEST = 'opd-keyboard';

/** A dev user's token, as the sign-in page gets it. */
async function tokenOf(username: string): Promise<string> {
  const response = await fetch(`${platform.url}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  expect(response.status, `token for ${username}`).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** Calls the API with a token; the answer's status and JSON body. */
async function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

beforeAll(async () => {
  platform = await startWebPlatform('web-opd-keyboard');
  browser = await launchChromium();
  // The coordinator opens a cycle through the API: the OPD's part is what this file drives by keyboard.
  const coordinator = await tokenOf('koordinator');
  const cycle = await call('POST', '/cycles', coordinator, {
    name: 'Program Inovasi 2027',
    year: 2027,
    stageWindows: {
      'drum-up': { start: '2027-01-04', due: '2027-02-26' },
      diagnose: { start: '2027-03-01', due: '2027-04-30' },
      design: { start: '2027-05-03', due: '2027-06-30' },
      deliver: { start: '2027-07-01', due: '2027-10-29' },
      display: { start: '2027-11-01', due: '2027-12-17' },
    },
    targetPerOpd: 1,
    monevIntervalDays: 90,
  });
  expect(cycle.status, JSON.stringify(cycle.body)).toBe(201);
  cycleId = String(cycle.body.id);
  expect((await call('POST', `/cycles/${cycleId}/open`, coordinator)).status).toBe(200);
  // Submissions learns of the open cycle from the bus: another OPD's registration shows when it has, so the
  // keyboard flow below registers at its first try (dinkes's own list never shows this one).
  const other = await tokenOf('opd.disdukcapil');
  const probe = await call('POST', '/innovations', other, { name: 'Jemput Bola Adminduk', opdId: 'disdukcapil' });
  expect(probe.status).toBe(201);
  const registered = await retryUntil(
    () => call('POST', `/innovations/${String(probe.body.id)}/register`, other, { cycleId }),
    (answer) => answer.status === 200,
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  expect(registered.status, JSON.stringify(registered.body)).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/**
 * The focused element as the predicates read it, in the page (typed here without the DOM library: the tests'
 * own code is Node's).
 */
interface Focused {
  readonly tagName: string;
  readonly id: string;
  readonly type?: string;
  readonly textContent: string | null;
  readonly parentElement: Focused | null;
  closest(selector: string): Focused | null;
}

/** Where the focus is, described for a failure message, and whether it is drawn (outline or box shadow). */
function focusState(page: Page): Promise<{ where: string; body: boolean; visible: boolean; style: string }> {
  return page.evaluate(() => {
    interface Element {
      tagName: string;
      id: string;
      textContent: string | null;
      labels?: ArrayLike<{ textContent: string | null }> | null;
    }
    const inPage = globalThis as unknown as {
      document: { activeElement: Element | null; body: Element };
      getComputedStyle: (element: Element) => { outlineStyle: string; outlineWidth: string; boxShadow: string };
    };
    const element = inPage.document.activeElement ?? inPage.document.body;
    const label = (element.labels?.[0]?.textContent ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
    const style = inPage.getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    return {
      where: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${label.slice(0, 60)}"`,
      body: element === inPage.document.body,
      visible: outlined || style.boxShadow !== 'none',
      style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element satisfies `predicate` (evaluated in the page, on
 * `document.activeElement`, with `arg`), at most `max` times; fails naming `describe` and the way the focus went
 * when it cannot be reached. Every element the focus lands on along the way must show it (a drawn outline or box
 * shadow), and the focus must never fall back to the page's body.
 */
async function tabTo(
  page: Page,
  describe: string,
  predicate: (element: Focused, arg: string) => boolean,
  arg: string,
  { backwards = false, max = 80 }: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  const path: string[] = [];
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const state = await focusState(page);
    path.push(state.where);
    expect(state.body, `Tab towards ${describe} fell back to the page's body after ${path.join(' → ')}`).toBe(false);
    expect(state.visible, `focus is not drawn on ${state.where} (${state.style}), on the way to ${describe}`).toBe(
      true,
    );
    const focused = await page.evaluateHandle(
      () => (globalThis as unknown as { document: { activeElement: Focused } }).document.activeElement,
    );
    const reached = await focused.evaluate(predicate, arg);
    await focused.dispose();
    if (reached) return;
  }
  throw new Error(`${describe} is not reachable with ${backwards ? 'Shift+Tab' : 'Tab'}: ${path.join(' → ')}`);
}

/** The focused element's id (`main` once the app moved the focus to a new page's content). */
function focusedId(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ??
      '',
  );
}

/** The focused element's text or value, read in the page. */
function focusedValue(page: Page): Promise<{ value: string; text: string; checked: boolean }> {
  return page.evaluate(() => {
    const { activeElement } = (
      globalThis as unknown as {
        document: {
          activeElement: {
            value?: string;
            checked?: boolean;
            textContent: string | null;
            selectedOptions?: ArrayLike<{ textContent: string | null }>;
          };
        };
      }
    ).document;
    return {
      value: activeElement.value ?? '',
      text: (activeElement.selectedOptions?.[0]?.textContent ?? activeElement.textContent ?? '').trim(),
      checked: activeElement.checked ?? false,
    };
  });
}

/** Moves the focused select to the option reading `option` with the arrow keys (the list stays closed). */
async function chooseWithArrows(page: Page, describe: string, option: string): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if ((await focusedValue(page)).text === option) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${describe}: no option "${option}" reached with the arrow keys`);
}

/** Checks the page as it now is: axe-core, no sideways scrolling at 360 px, and a screenshot. */
async function checkPage(page: Page, where: string, step: string): Promise<void> {
  await expectAccessible(page, where);
  expect(await overflowsHorizontally(page), `${where} scrolls sideways at 360 px`).toBe(false);
  await screenshot(page, TEST, step);
}

// Predicates on the focused element, evaluated in the page.
const isNavLink = (element: Focused, text: string) =>
  element.tagName === 'A' && element.closest('nav') !== null && element.textContent?.trim() === text;
const hasId = (element: Focused, id: string) => element.id === id;
const isButton = (element: Focused, text: string) =>
  element.tagName === 'BUTTON' && element.textContent?.replace(/\s+/g, ' ').trim() === text;

describe('an OPD’s whole flow, with the keyboard only', () => {
  // A long walk through six pages and the bus (each wait bounded on its own); the timeout only bounds a hang.
  it('signs in, drafts, registers, asks to advance and opens the inbox without the mouse, at 360 px', {
    timeout: 300_000,
  }, async () => {
    const { page, faults } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    try {
      // The only navigation the test does itself: the app's address.
      await page.goto(`${platform.webUrl}/`);
      await page.getByRole('heading', { name: 'Masuk ke inovda' }).waitFor();
      await page
        .getByRole('button', { name: /^Masuk sebagai/ })
        .first()
        .waitFor();
      await checkPage(page, 'sign-in', '01-sign-in');

      // The app sent the visitor from / to the sign-in page: the focus starts at its content.
      expect(await focusedId(page)).toBe('main');
      await tabTo(
        page,
        'the sign-in button of opd.dinkes',
        (element, username) =>
          element.tagName === 'BUTTON' && (element.parentElement?.textContent ?? '').includes(`${username} ·`),
        'opd.dinkes',
      );
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
      await page.getByText('Belum ada inovasi').waitFor();
      await expect.poll(() => focusedId(page), { message: 'the focus after signing in', timeout: 10_000 }).toBe('main');
      await checkPage(page, 'my innovations (empty)', '02-my-innovations');

      // The form, from the navigation.
      await tabTo(page, 'the navigation link "Daftarkan inovasi baru"', isNavLink, 'Daftarkan inovasi baru', {
        backwards: true,
      });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Daftarkan inovasi baru', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/inovasi/baru');
      await expect.poll(() => focusedId(page), { message: 'the focus on the new page', timeout: 10_000 }).toBe('main');
      await checkPage(page, 'new innovation form', '03-form');

      await tabTo(page, 'the field "Nama inovasi"', hasId, 'f-name');
      await page.keyboard.type(NAME);
      await tabTo(page, 'the select "Jenis inovasi"', hasId, 'f-type');
      await chooseWithArrows(page, 'Jenis inovasi', 'Digital');
      expect((await focusedValue(page)).value).toBe('digital');
      await tabTo(
        page,
        'the checkbox "Kesehatan" of Urusan pemerintahan',
        (element, label) =>
          element.tagName === 'INPUT' &&
          element.type === 'checkbox' &&
          element.parentElement?.textContent?.trim() === label,
        'Kesehatan',
      );
      await page.keyboard.press('Space');
      expect((await focusedValue(page)).checked).toBe(true);
      await tabTo(page, 'the field "Permasalahan"', hasId, 'f-problemStatement');
      await page.keyboard.type('Data balita tercatat di buku dan sering hilang.');
      await tabTo(page, 'the field "Penerima manfaat"', hasId, 'f-beneficiaries');
      await page.keyboard.type('Ibu dan balita di 13 kelurahan');

      // A repeated row: added with its button, its fields reached back with Shift+Tab.
      await tabTo(page, 'the button "Tambah bukti dukung"', isButton, 'Tambah bukti dukung');
      await page.keyboard.press('Enter');
      await page.getByLabel('Tautan bukti').waitFor();
      // The focus stays on the button, after the new row: its fields are reached back with Shift+Tab.
      expect((await focusState(page)).where).toBe('button "Tambah bukti dukung"');
      await tabTo(page, 'the select "Indikator (1)" of the new row', hasId, 'f-evidence-0-indicator', {
        backwards: true,
        max: 10,
      });
      await chooseWithArrows(page, 'Indikator (1)', 'Regulasi inovasi daerah');
      expect((await focusedValue(page)).value).toBe('regulation');
      await tabTo(page, 'the field "Tautan bukti"', hasId, 'f-evidence-0-url');
      await page.keyboard.type(EVIDENCE_URL);
      await tabTo(page, 'the button "Simpan draf"', isButton, 'Simpan draf');
      await checkPage(page, 'new innovation form, filled', '04-form-filled');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
      const id = new URL(page.url()).pathname.replace(/^\/inovasi\//, '');
      expect(id).toMatch(/^[0-9A-Z]{26}$/);
      await page.getByText('Inovasi ini masih draf.').waitFor();
      await expect.poll(() => focusedId(page), { message: 'the focus after saving', timeout: 10_000 }).toBe('main');
      // What the keys entered is what the API stored.
      const opd = await tokenOf('opd.dinkes');
      const saved = await call('GET', `/innovations/${id}`, opd);
      expect(saved.body).toMatchObject({
        name: NAME,
        opdId: 'dinkes',
        status: 'draft',
        type: 'digital',
        governmentAffairs: ['health'],
        problemStatement: 'Data balita tercatat di buku dan sering hilang.',
        beneficiaries: 'Ibu dan balita di 13 kelurahan',
        evidence: [{ indicator: 'regulation', url: EVIDENCE_URL }],
      });
      await checkPage(page, 'innovation (draft)', '05-draft');

      await tabTo(page, 'the button "Daftarkan ke siklus yang dibuka"', isButton, 'Daftarkan ke siklus yang dibuka');
      await page.keyboard.press('Enter');
      await page.getByText('Inovasi terdaftar.').waitFor();
      // The button is gone with the draft state: the focus is on the page's content, not lost.
      await expect
        .poll(() => focusedId(page), { message: 'the focus after registering', timeout: 10_000 })
        .toBe('main');
      await checkPage(page, 'innovation (registered)', '06-registered');
      expect((await call('GET', `/innovations/${id}`, opd)).body).toMatchObject({ status: 'registered', cycleId });

      // The track opens from InnovationRegistered on the bus; the person comes back to the innovation through the
      // navigation and the list, as they would, once it has.
      const track = await retryUntil(
        () => call('GET', `/innovations/${id}/track`, opd),
        (answer) => answer.status === 200,
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(track.body).toMatchObject({ stage: 'drum-up', status: 'active' });
      await tabTo(page, 'the navigation link "Inovasi saya"', isNavLink, 'Inovasi saya', { backwards: true });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Inovasi saya' }).waitFor();
      await page.getByRole('link', { name: NAME }).waitFor();
      await expect.poll(() => focusedId(page), { message: 'the focus on the list', timeout: 10_000 }).toBe('main');
      await checkPage(page, 'my innovations (one registered)', '07-my-innovations');
      await tabTo(
        page,
        `the link "${NAME}" in the list`,
        (element, name) => element.tagName === 'A' && element.closest('table') !== null && element.textContent === name,
        NAME,
      );
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
      await page.getByText('Tahap saat ini: Drum up').waitFor();
      await expect
        .poll(() => focusedId(page), { message: 'the focus on the innovation', timeout: 10_000 })
        .toBe('main');
      await checkPage(page, 'innovation (track at Drum up)', '08-track');

      await tabTo(page, 'the field "Catatan untuk koordinator"', hasId, 'advance-note');
      await page.keyboard.type('Siap ditinjau, diisi dengan papan ketik.');
      await tabTo(page, 'the button "Minta naik ke tahap berikutnya"', isButton, 'Minta naik ke tahap berikutnya');
      await page.keyboard.press('Enter');
      await page.getByText('Permintaan naik tahap terkirim.').waitFor();
      await page.getByText('Menunggu keputusan koordinator atas permintaan naik tahap.').waitFor();
      await expect
        .poll(() => focusedId(page), { message: 'the focus after asking to advance', timeout: 10_000 })
        .toBe('main');
      const requested = await call('GET', `/innovations/${id}/track`, opd);
      expect(requested.body.pendingRequest).toMatchObject({
        from: 'drum-up',
        to: 'diagnose',
        note: 'Siap ditinjau, diisi dengan papan ketik.',
      });
      await checkPage(page, 'innovation (advance requested)', '09-advance-requested');

      await tabTo(page, 'the navigation link "Kotak masuk"', isNavLink, 'Kotak masuk', { backwards: true });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Kotak masuk', level: 1 }).waitFor();
      await page
        .getByText(/pemberitahuan/)
        .first()
        .waitFor();
      await expect.poll(() => focusedId(page), { message: 'the focus on the inbox', timeout: 10_000 }).toBe('main');
      await checkPage(page, 'inbox', '10-inbox');
      expect(faults).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
