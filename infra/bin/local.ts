/**
 * `npm start`: the whole platform on this machine (see @inovda/local). This is the composition root: it picks
 * the region (INOVDA_REGION, default Kota Solok) and the services, and owns the process: signals and exit code.
 * Environment: PORT (API port, default 3000), WEB_PORT (web app, default 3001), INOVDA_DATA_DIR, INOVDA_IN_MEMORY=1,
 * INOVDA_DEBUG=1 (handlers' logs too).
 */
import { platformOpenApi } from '@inovda/contracts';
import { formatBanner, type LocalPlatform, LocalRuntimeError, startLocalPlatform } from '@inovda/local';
import { services } from '../lib/platform';
import { buildWebApp, WEB_DIST } from '../lib/web-app';
import { defaultLocalRegion, RATE_LIMIT_WINDOW_SECONDS, regions } from '../regions';
import { seedKotaSolok } from '../seed/kota-solok';

const SEEDS: Readonly<Record<string, typeof seedKotaSolok>> = { 'kota-solok': seedKotaSolok };

const regionId = process.env.INOVDA_REGION;
const region = regionId ? regions.find((candidate) => candidate.id === regionId) : defaultLocalRegion;
if (!region) {
  console.error(`Unknown INOVDA_REGION=${regionId}; known regions: ${regions.map((known) => known.id).join(', ')}.`);
  process.exit(1);
}

/**
 * How long Ctrl-C waits for an orderly stop before leaving anyway. Stopping is bounded piece by piece (function
 * environments are killed, DynamoDB Local and the SES emulator get SIGKILL after their grace period); this is the
 * backstop, so the terminal is never held by something that hangs.
 */
const STOP_DEADLINE_MS = 15_000;

let platform: LocalPlatform | undefined;
let stopping = false;

/** Stops the platform, or gives up after `STOP_DEADLINE_MS`; resolves whether it stopped in time. */
async function stopWithin(running: LocalPlatform): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), STOP_DEADLINE_MS);
  });
  try {
    return await Promise.race([running.stop().then(() => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    // A second Ctrl-C: leave now. The runtime's exit hooks still kill DynamoDB Local's JVM and the SES emulator.
    process.exit(130);
  }
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  let stopped = true;
  try {
    if (platform) stopped = await stopWithin(platform);
  } catch (error) {
    console.error(error);
  } finally {
    if (!stopped) console.error(`not stopped after ${STOP_DEADLINE_MS / 1000} s: leaving anyway.`);
    process.exit(stopped ? 0 : 1);
  }
}

process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

try {
  const seed = SEEDS[region.id];
  // The web app is built from source at every start (under a second), so what is served is what is checked out.
  await buildWebApp();
  platform = await startLocalPlatform({
    // The validated region config (defineRegion): also the source of the region settings functions name.
    region,
    services,
    allowedOrigins: region.api.allowedOrigins,
    // The per-caller budget the WAF rules enforce in front of the API in AWS (infra/lib/edge.ts), here per `sub`.
    callerLimit: { requests: region.api.perCallerLimit, windowSeconds: RATE_LIMIT_WINDOW_SECONDS },
    // The API's OpenAPI 3.1 document, generated from the route contracts, at GET /openapi.json.
    openApi: platformOpenApi,
    // Handlers' own logs: warnings and errors only, unless asked for (every event applied is a lot of lines).
    functionLogLevel: process.env.INOVDA_DEBUG === '1' ? 'DEBUG' : 'WARN',
    ...(seed ? { seed } : {}),
    webApp: { distDir: WEB_DIST },
  });
  if (stopping) await stopWithin(platform);
  else console.log(formatBanner(platform));
} catch (error) {
  // A LocalRuntimeError is one actionable line (Java missing, port taken); anything else is a bug: show it all.
  console.error(error instanceof LocalRuntimeError ? error.message : error);
  process.exit(1);
}
