/**
 * `npm start`: the whole platform on this machine (see @inovda/local). This is the composition root: it picks
 * the region (INOVDA_REGION, default Kota Solok) and the services, and owns the process: signals and exit code.
 * Environment: PORT (API port, default 3000), INOVDA_DATA_DIR, INOVDA_IN_MEMORY=1, INOVDA_DEBUG=1.
 */
import { formatBanner, type LocalPlatform, LocalRuntimeError, startLocalPlatform } from '@inovda/local';
import { services } from '../lib/platform';
import { defaultLocalRegion, regions } from '../regions';
import { seedKotaSolok } from '../seed/kota-solok';

const SEEDS: Readonly<Record<string, typeof seedKotaSolok>> = { 'kota-solok': seedKotaSolok };

const regionId = process.env.INOVDA_REGION;
const region = regionId ? regions.find((candidate) => candidate.id === regionId) : defaultLocalRegion;
if (!region) {
  console.error(`Unknown INOVDA_REGION=${regionId}; known regions: ${regions.map((known) => known.id).join(', ')}.`);
  process.exit(1);
}

let platform: LocalPlatform | undefined;
let stopping = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    // A second Ctrl-C: leave now. The runtime's exit hook still kills DynamoDB Local's JVM.
    process.exit(130);
  }
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  try {
    await platform?.stop();
  } finally {
    process.exit(0);
  }
}

process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

try {
  const seed = SEEDS[region.id];
  platform = await startLocalPlatform({
    region,
    services,
    allowedOrigins: region.api.allowedOrigins,
    ...(seed ? { seed } : {}),
  });
  if (stopping) await platform.stop();
  else console.log(formatBanner(platform));
} catch (error) {
  // A LocalRuntimeError is one actionable line (Java missing, port taken); anything else is a bug: show it all.
  console.error(error instanceof LocalRuntimeError ? error.message : error);
  process.exit(1);
}
