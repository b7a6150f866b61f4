import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StartLocalPlatformOptions } from './options';

/** The default data dir: `.inovda/data` at the repository root (git-ignored). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../../.inovda/data', import.meta.url));

/** Where the platform keeps what survives a restart, or nothing (in memory). */
export interface DataDir {
  /** Undefined in memory. */
  readonly path: string | undefined;
  readonly inMemory: boolean;
  /** Whether the seed has yet to run here: a data dir without the seeded marker, or always in memory. */
  readonly needsSeed: boolean;
  /** Where `name` persists in the data dir; undefined in memory. */
  file(name: string): string | undefined;
  /** Marks the data dir seeded, so later starts on it do not seed again. */
  markSeeded(): void;
}

const SEEDED_MARKER = 'seeded';

/** Resolves the data dir from the options and the environment, and creates it. */
export function openDataDir(options: Pick<StartLocalPlatformOptions, 'dataDir' | 'inMemory'>): DataDir {
  const inMemory = options.inMemory ?? process.env.INOVDA_IN_MEMORY === '1';
  const path = inMemory ? undefined : resolve(options.dataDir ?? process.env.INOVDA_DATA_DIR ?? DEFAULT_DATA_DIR);
  if (path) mkdirSync(path, { recursive: true });
  return {
    path,
    inMemory,
    needsSeed: path ? !existsSync(join(path, SEEDED_MARKER)) : true,
    file: (name) => (path ? join(path, name) : undefined),
    markSeeded: () => {
      if (path) writeFileSync(join(path, SEEDED_MARKER), `${new Date().toISOString()}\n`);
    },
  };
}
