import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';

import { WEB_DIST } from '../../infra/lib/web-app';
import { startE2ePlatform } from '../e2e/e2e-platform';

export { launchChromium } from '../support/chromium';

/** Where the screenshots of each step go (`test-output/web/<test>/<step>.png`, kept out of git). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/web', import.meta.url));

/**
 * axe-core's source, evaluated in the page through the DevTools protocol: the app's CSP (script-src 'self') rightly
 * refuses an injected <script>, and turning the CSP off for the test would hide the app's own violations.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets checked on every page: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly unknown[] }>;
}

/** Runs axe-core on the page as it is now and fails with every WCAG 2.2 AA violation it finds, by rule and element. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    // Runs in the page: its globals, typed here without the DOM library (the tests' own code is Node's).
    const page = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<unknown> };
      document: unknown;
    };
    const result = (await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } })) as {
      violations: AxeViolation[];
    };
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  }, WCAG_AA);
  expect(
    violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
    ),
    `axe-core on ${where}`,
  ).toEqual([]);
}

/** Saves a screenshot of the step (full page) for whoever reads the test output. */
export async function screenshot(page: Page, test: string, step: string): Promise<void> {
  const dir = path.join(SCREENSHOT_DIR, test);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${step}.png`), fullPage: true });
}

/** Whether the page scrolls sideways at its current width (360 px must not). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const { documentElement } = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document;
    return documentElement.scrollWidth > documentElement.clientWidth;
  });
}

/**
 * A new page that records what must never happen: an uncaught error in the app, and anything the app's CSP blocked
 * (a request or script the policy does not allow). The test asserts the list is empty at its end.
 */
export async function watchedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; faults: string[] }> {
  const page = await browser.newPage(options);
  const faults: string[] = [];
  page.on('pageerror', (error) => faults.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      faults.push(`CSP: ${message.text()}`);
    }
  });
  return { page, faults };
}

/**
 * The whole local platform with the web app, for a browser test. A browser test works the machine as a person's
 * phone and a whole region do at once: on two shared cores a cold function under that load may outlast API
 * Gateway's 30 s integration timeout and turn a slow answer into a 503 that says nothing about the pages, so the
 * gateway here waits up to two minutes (what the gateway does at 30 s is tested in test/local).
 */
export function startWebPlatform(
  tag: string,
  overrides: Parameters<typeof startE2ePlatform>[1] = {},
): ReturnType<typeof startE2ePlatform> {
  return startE2ePlatform(tag, { webApp: { distDir: WEB_DIST, port: 0 }, integrationTimeoutMs: 120_000, ...overrides });
}

/** Signs in from the app's sign-in page as the dev user `username`, as a person does (each button names the user). */
export async function signInAs(page: Page, webUrl: string, username: string): Promise<void> {
  await page.goto(`${webUrl}/`);
  await page.getByRole('heading', { name: 'Masuk ke inovda' }).waitFor();
  await page
    .getByRole('listitem')
    .filter({ hasText: `${username} ·` })
    .getByRole('button')
    .click();
  // Signed in once the app has left the sign-in for the user's page (a navigation before then would find no session).
  await page.waitForURL((url) => url.pathname !== '/masuk' && url.pathname !== '/');
}
