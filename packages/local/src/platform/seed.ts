import { errorMessage } from '../errors';
import type { LocalLogger } from '../log';
import type { DataDir } from './data-dir';
import type { SeedContext, StartLocalPlatformOptions } from './options';

/**
 * Runs the seed once the platform is up, on a new data dir (or always in memory), then marks the data dir seeded.
 * A failing seed leaves the platform up (the developer can fix the seed or the handlers and restart) and writes
 * no marker, so the next start seeds again.
 */
export async function seedIfNew(
  seed: StartLocalPlatformOptions['seed'],
  context: SeedContext,
  dataDir: DataDir,
  log: LocalLogger,
): Promise<void> {
  if (!seed || !dataDir.needsSeed) return;
  log.info('▸ seeding…');
  try {
    await seed(context);
    dataDir.markSeeded();
  } catch (error) {
    log.error(`seed failed: ${errorMessage(error)}`);
  }
}
