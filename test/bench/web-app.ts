import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalPlatform, silentLogger, startLocalPlatform } from '@inovda/local';
import type { Browser, Page } from 'playwright-core';
import { services } from '../../infra/lib/platform';
import { buildWebApp, WEB_DIST } from '../../infra/lib/web-app';
import { defaultLocalRegion } from '../../infra/regions';
import { launchChromium } from '../support/chromium';
import { ratio, type Summary, summarize } from './stats';
import { type ShellSize, shellSize } from './web-shell';

/**
 * The web app in headless Chromium on a slow phone: the first contentful paint and the time until the profile form
 * takes input, each next to a plain static HTML page (one form, no script, the app's stylesheet) served by the same
 * server under the same conditions, in the same run. And the shell: the JavaScript the first page loads before any
 * route's chunk, gzipped, against its budget.
 */

/** Chrome DevTools' "Slow 4G" preset (latency in ms, throughput in bytes per second), as the issue asks. */
export const SLOW_4G = { latency: 562.5, downloadThroughput: 188_744, uploadThroughput: 86_400 } as const;
export const CPU_SLOWDOWN = 4;
export interface PageTiming {
  readonly app: Summary;
  readonly plain: Summary;
  readonly ratio: number;
}

export interface WebAppBench {
  readonly runs: number;
  readonly network: typeof SLOW_4G;
  readonly cpuSlowdown: number;
  readonly shell: ShellSize;
  /** First contentful paint of `/inovasi/baru` (signed in) against the plain page's. */
  readonly firstContentfulPaint: PageTiming;
  /** From navigation start until the form's name field exists and is enabled. */
  readonly formReady: PageTiming;
}

/** The baseline page: what the profile form's first field looks like without the app, and the app's stylesheet. */
function plainPage(distDir: string): string {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const stylesheet = /<link rel="stylesheet"[^>]*href="([^"]+)"/.exec(html)?.[1];
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Daftarkan inovasi baru · inovda</title>
${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">` : ''}
</head>
<body>
<main id="main">
<h1>Daftarkan inovasi baru</h1>
<p>Isi profil inovasi sesuai format nasional.</p>
<form method="post" action="/">
<label for="f-name">Nama inovasi</label>
<input id="f-name" name="name" required>
<button type="submit">Simpan draf</button>
</form>
</main>
</body>
</html>
`;
}

/** The page's globals, typed here without the DOM library (the bench's own code is Node's). */
interface PageGlobals {
  readonly document: { getElementById(id: string): { disabled?: boolean; tagName: string } | null };
  readonly performance: { now(): number; getEntriesByName(name: string): Array<{ startTime: number }> };
}

/**
 * Runs in the page, polled every frame: the time since navigation start once the name field takes input. A function,
 * not a string: the app's CSP rightly refuses eval.
 */
function formReady(): number {
  const page = globalThis as unknown as PageGlobals;
  const field = page.document.getElementById('f-name');
  return field && field.tagName === 'INPUT' && !field.disabled ? page.performance.now() : 0;
}

function firstContentfulPaint(): number {
  const page = globalThis as unknown as PageGlobals;
  return page.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
}

/** One cold visit (a fresh context: empty cache) on the slow phone: its FCP and form-ready times, in ms. */
async function visit(browser: Browser, url: string, token: string | undefined) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    if (token) {
      // The session the sign-in page would have stored (the tab's sessionStorage), there before the app's script runs.
      await context.addInitScript(
        ([key, value]) =>
          (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(
            key,
            value,
          ),
        ['inovda.session', token] as const,
      );
    }
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    const ready = await page.waitForFunction(formReady, undefined, { polling: 'raf', timeout: 120_000 });
    const formReadyMs = Number(await ready.jsonValue());
    // The paint entry is queued after its frame: a page whose form is ready at once may not have it yet.
    const fcp = await page.waitForFunction(firstContentfulPaint, undefined, { polling: 'raf', timeout: 30_000 });
    const fcpMs = Number(await fcp.jsonValue());
    return { fcpMs, formReadyMs };
  } finally {
    await context.close();
  }
}

/** Options of {@link benchWebApp}. */
export interface WebAppBenchOptions {
  readonly runs: number;
  readonly onStep: (message: string) => void;
}

/** Builds the app, serves it with the whole local platform, and times both pages `runs` times, alternating. */
export async function benchWebApp(options: WebAppBenchOptions): Promise<WebAppBench> {
  options.onStep('building the web app…');
  await buildWebApp();
  const shell = shellSize(WEB_DIST);
  // A copy of the build with the plain page beside it, so both are served by the same server, same headers.
  const distDir = mkdtempSync(path.join(os.tmpdir(), 'inovda-web-bench-'));
  cpSync(WEB_DIST, distDir, { recursive: true });
  writeFileSync(path.join(distDir, 'plain-form.html'), plainPage(WEB_DIST));
  let platform: LocalPlatform | undefined;
  let browser: Browser | undefined;
  try {
    options.onStep('starting the local platform with the web app…');
    platform = await startLocalPlatform({
      region: defaultLocalRegion,
      services,
      port: 0,
      inMemory: true,
      log: silentLogger,
      webApp: { distDir, port: 0 },
    });
    const webUrl = platform.webUrl ?? '';
    const token = await fetch(`${platform.url}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'opd.dinkes' }),
    }).then(async (response) => ((await response.json()) as { token: string }).token);
    browser = await launchChromium();
    // One visit of each first, not counted: the platform's functions and Chromium warm up.
    await visit(browser, `${webUrl}/inovasi/baru`, token);
    await visit(browser, `${webUrl}/plain-form.html`, undefined);
    const app: Array<{ fcpMs: number; formReadyMs: number }> = [];
    const plain: Array<{ fcpMs: number; formReadyMs: number }> = [];
    for (let run = 0; run < options.runs; run++) {
      options.onStep(`web app visit ${run + 1}/${options.runs} (slow 4G, ${CPU_SLOWDOWN}× CPU slowdown)…`);
      // Alternating which goes first, so neither always meets the machine warmer.
      const order = run % 2 === 0 ? ['app', 'plain'] : ['plain', 'app'];
      for (const which of order) {
        if (which === 'app') app.push(await visit(browser, `${webUrl}/inovasi/baru`, token));
        else plain.push(await visit(browser, `${webUrl}/plain-form.html`, undefined));
      }
    }
    const timing = (pick: (sample: { fcpMs: number; formReadyMs: number }) => number): PageTiming => {
      const appSummary = summarize(app.map(pick));
      const plainSummary = summarize(plain.map(pick));
      return { app: appSummary, plain: plainSummary, ratio: ratio(appSummary.p50, plainSummary.p50) };
    };
    return {
      runs: options.runs,
      network: SLOW_4G,
      cpuSlowdown: CPU_SLOWDOWN,
      shell,
      firstContentfulPaint: timing((sample) => sample.fcpMs),
      formReady: timing((sample) => sample.formReadyMs),
    };
  } finally {
    await browser?.close();
    await platform?.stop();
    rmSync(distDir, { recursive: true, force: true });
  }
}
