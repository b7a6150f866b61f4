import { errorMessage } from '../errors';
import type { LocalLogger } from '../log';
import type { DataDir } from './data-dir';
import type { SeedContext, StartLocalPlatformOptions } from './options';

/** Where the demo data stands: being loaded, in (or none to load), or failed to load. */
export type DemoData = 'loading' | 'in' | 'failed';

/**
 * Runs the seed once the platform is up, on a new data dir (or always in memory), then marks the data dir seeded.
 * A failing seed leaves the platform up (the developer can fix the seed or the handlers and restart) and writes
 * no marker, so the next start seeds again. Says where the demo data stands, for `GET /health`.
 */
export async function seedIfNew(
  seed: StartLocalPlatformOptions['seed'],
  context: SeedContext,
  dataDir: DataDir,
  log: LocalLogger,
): Promise<DemoData> {
  if (!seed || !dataDir.needsSeed) return 'in';
  log.info('▸ seeding…');
  try {
    await seed(context);
    dataDir.markSeeded();
    return 'in';
  } catch (error) {
    log.error(`seed failed: ${errorMessage(error)}`);
    return 'failed';
  }
}
