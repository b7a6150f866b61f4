import { fileURLToPath } from 'node:url';

/** The web app's package and its build output (packages/web, built with its own vite.config.ts). */
export const WEB_ROOT = fileURLToPath(new URL('../../packages/web', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../packages/web/dist', import.meta.url));

/** Builds the web app into {@link WEB_DIST}: what `npm start` serves and the region stack deploys. */
export async function buildWebApp(): Promise<void> {
  const { build } = await import('vite');
  await build({ root: WEB_ROOT, configFile: `${WEB_ROOT}/vite.config.ts`, logLevel: 'warn' });
}
