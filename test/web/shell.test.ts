import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../infra/lib/web-app';
import { SHELL_BUDGET_BYTES, shellSize } from '../bench/web-shell';

/**
 * The web app's size budget, on the build the global setup made: the shell (what index.html loads before any route)
 * ships at most 80 KB of JavaScript gzipped, and every page is a chunk of its own, loaded when its route is visited.
 * Sizes, not times: deterministic for a given build, so they may fail a test.
 */
describe('the web app shell', () => {
  const lazyPages = [
    ...readFileSync(path.join(WEB_DIST, '../src/main.tsx'), 'utf8').matchAll(/import\('\.\/pages\/([a-z-]+)'\)/g),
  ].map((match) => match[1] ?? '');
  const assets = readdirSync(path.join(WEB_DIST, 'assets'));
  const shell = shellSize(WEB_DIST);

  it('loads at most 80 KB of JavaScript gzipped', () => {
    expect(existsSync(path.join(WEB_DIST, 'index.html'))).toBe(true);
    expect(shell.files.length).toBeGreaterThan(0);
    expect(shell.gzipBytes).toBeLessThanOrEqual(SHELL_BUDGET_BYTES);
  });

  it('holds no page: each route is its own chunk, none of them loaded by index.html', () => {
    // Every page main.tsx routes to (26 today); a statically imported page would be inlined into the shell instead.
    expect(lazyPages.length).toBeGreaterThan(20);
    const shellFiles = shell.files.map((file) => path.basename(file.file));
    for (const page of new Set(lazyPages)) {
      const chunk = assets.find((asset) => new RegExp(`^${page}-[A-Za-z0-9_-]{8}\\.js$`).test(asset));
      expect(chunk, `no chunk of its own for pages/${page}`).toBeDefined();
      expect(shellFiles).not.toContain(chunk);
    }
  });
});
