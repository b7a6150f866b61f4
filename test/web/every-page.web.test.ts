import type { LocalPlatform } from '@inovda/local';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKotaSolok } from '../../infra/seed/kota-solok';
import { apiCaller, type Json } from '../e2e/e2e-platform';
import {
  expectAccessible,
  launchChromium,
  overflowsHorizontally,
  screenshot,
  signInAs,
  startWebPlatform,
  watchedPage,
} from './browser';

/**
 * Every page of the web app, in every role that has it, on a 360 px wide screen, with the Kota Solok demo data in:
 * each page, once its data is in, passes axe-core (WCAG 2.2 AA) and does not scroll sideways. The flows themselves
 * are the other browser tests'; this one makes sure no page is left out of those checks.
 */

let platform: LocalPlatform;
let browser: Browser;
const call = apiCaller(() => platform);

/** The ids the pages need, from the demo data. */
const ids = { cycle2026: '', cycle2027: '', innovation: '', assigned: '' };

beforeAll(async () => {
  platform = await startWebPlatform('web-every-page');
  await seedKotaSolok({ url: platform.url, tokenFor: platform.tokenFor });
  const cycles = (await call('GET', '/cycles', 'koordinator')).body.items as Json[];
  ids.cycle2026 = String(cycles.find((cycle) => cycle.year === 2026)?.id ?? '');
  ids.cycle2027 = String(cycles.find((cycle) => cycle.year === 2027)?.id ?? '');
  // A health-office innovation of 2026: scored, published, with its self-assessment.
  const dinkes = (await call('GET', '/innovations?opdId=dinkes&limit=100', 'opd.dinkes')).body.items as Json[];
  ids.innovation = String(dinkes.find((innovation) => innovation.cycleId === ids.cycle2026)?.id ?? '');
  const assignments = (await call('GET', '/evaluations', 'penilai')).body.items as Json[];
  ids.assigned = String(assignments[0]?.innovationId ?? '');
  expect(Object.values(ids).every((id) => id !== '')).toBe(true);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** The pages of each role (`undefined`: signed out), by path. */
function pagesOf(): Array<{ who: string | undefined; pages: string[] }> {
  const { cycle2026, cycle2027, innovation, assigned } = ids;
  return [
    {
      who: undefined,
      pages: ['/masuk', '/galeri', `/galeri/${innovation}`, '/peringkat', `/peringkat/${cycle2026}`],
    },
    {
      who: 'opd.dinkes',
      pages: [
        '/inovasi',
        '/inovasi/baru',
        `/inovasi/${innovation}`,
        `/inovasi/${innovation}/ubah`,
        `/inovasi/${innovation}/penilaian-mandiri`,
        `/inovasi/${innovation}/hasil`,
        `/inovasi/${innovation}/monev`,
        '/kotak-masuk',
        '/pengaturan/notifikasi',
        '/opd/dinkes/webhook',
        '/tidak-ada',
      ],
    },
    {
      who: 'koordinator',
      pages: [
        '/siklus',
        `/siklus/${cycle2027}/papan`,
        `/siklus/${cycle2027}/tinjauan`,
        '/penugasan',
        `/siklus/${cycle2026}/penugasan`,
        `/inovasi/${innovation}/kalibrasi`,
        `/inovasi/${innovation}/monev`,
        `/siklus/${cycle2026}/hasil`,
        `/siklus/${cycle2027}/hasil`,
        '/kotak-masuk',
      ],
    },
    { who: 'penilai', pages: ['/penilaian', `/penilaian/${assigned}`, '/kotak-masuk', '/pengaturan/notifikasi'] },
  ];
}

describe('every page, in every role, at 360 px', () => {
  it('passes axe-core and does not scroll sideways once its data is in', { timeout: 900_000 }, async () => {
    for (const { who, pages } of pagesOf()) {
      const { page, faults } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
      try {
        if (who) await signInAs(page, platform.webUrl ?? '', who);
        for (const [index, path] of pages.entries()) {
          await page.goto(`${platform.webUrl}${path}`);
          const where = `${path} as ${who ?? 'the public'}`;
          // The page's own heading, and no loading status left: its data is in (or its refusal shown).
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await expect
            .poll(() => page.getByRole('status').filter({ hasText: 'Memuat…' }).count(), { timeout: 60_000 })
            .toBe(0);
          expect(new URL(page.url()).pathname, `${where} stays where it was opened`).toBe(path);
          await expectAccessible(page, where);
          expect(await overflowsHorizontally(page), `${where} scrolls sideways`).toBe(false);
          await screenshot(page, 'every-page', `${who ?? 'public'}-${String(index + 1).padStart(2, '0')}`);
        }
        expect(faults).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });
});
