import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); a browser download by a test tool fails on this closed network. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without these flags Chromium keeps dialling out (updates, field trials) on a network that has no way out. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Headless Chromium as the browser tests and the bench drive it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
