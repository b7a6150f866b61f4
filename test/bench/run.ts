/**
 * `npm run bench`: bundle size and cold import of every function against a baseline of only the SDK clients it
 * uses, the local API's latency against the very DynamoDB operations each route makes, each handler's own warm
 * overhead in process, and the web app's first paint and ready form on a slow phone against a plain page. Prints tables and writes `.bench/results.json`.
 * It is a report: missed targets show as ✗ but the exit code is 0. It exits 1 when the bench itself broke, or when its
 * bundles are not byte-identical to the construct's (then it measured something other than what is deployed).
 *
 * Knobs (environment): BENCH_IMPORT_RUNS (default 15), BENCH_CONNECTIONS (10), BENCH_LOAD_SECONDS (5),
 * BENCH_HANDLER_RUNS (in-process invocations per handler, 300), BENCH_WEB_RUNS (visits of each page, 7), BENCH_ONLY
 * (`functions`, `api` or `web`: run one part), BENCH_FUNCTIONS (comma-separated `service/function` prefixes: bench only
 * those functions, for a quick look at a few).
 */
import { services } from '../../infra/lib/platform';
import { type ApiLatency, measureApiLatency } from './api-latency';
import { type ConstructCheck, checkAgainstConstruct } from './construct-check';
import { benchFunctions, type FunctionBench, TARGETS } from './function-bench';
import { PROJECT_ROOT, RESULTS_FILE } from './paths';
import { renderApi, renderBundles, renderColdImports, renderMachine, renderWebApp } from './render';
import { machineInfo, writeJson } from './report';
import { benchWebApp, type WebAppBench } from './web-app';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw} is not a positive integer`);
  return value;
}

function onlyPart(): 'functions' | 'api' | 'web' | undefined {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'functions' || raw === 'api' || raw === 'web') return raw;
  throw new Error(`BENCH_ONLY=${raw}: expected functions, api or web`);
}

/** The manifests with only the functions BENCH_FUNCTIONS names (by `service/function` prefix); all when unset. */
function selectedManifests(): typeof services {
  const prefixes = (process.env.BENCH_FUNCTIONS ?? '').split(',').filter((prefix) => prefix !== '');
  if (prefixes.length === 0) return services;
  const selected = services
    .map((manifest) => ({
      ...manifest,
      functions: manifest.functions.filter((fn) =>
        prefixes.some((prefix) => `${manifest.name}/${fn.name}`.startsWith(prefix)),
      ),
    }))
    .filter((manifest) => manifest.functions.length > 0);
  if (selected.length === 0) throw new Error(`BENCH_FUNCTIONS=${process.env.BENCH_FUNCTIONS} names no function`);
  return selected;
}

const config = {
  only: onlyPart(),
  functions: process.env.BENCH_FUNCTIONS || 'all',
  importRuns: positiveInteger('BENCH_IMPORT_RUNS', 15),
  handlerRuns: positiveInteger('BENCH_HANDLER_RUNS', 300),
  webRuns: positiveInteger('BENCH_WEB_RUNS', 7),
  load: {
    concurrency: positiveInteger('BENCH_CONNECTIONS', 10),
    durationMs: positiveInteger('BENCH_LOAD_SECONDS', 5) * 1000,
  },
  user: 'opd.dinkes',
  body: { name: 'Bench', opdId: 'dinkes' },
} as const;

const progress = (message: string) => console.error(`  · ${message}`);

async function main(): Promise<number> {
  const started = performance.now();
  const machine = machineInfo();
  console.log(renderMachine(machine));
  let functions: FunctionBench | undefined;
  let check: ConstructCheck | undefined;
  let api: ApiLatency | undefined;
  let web: WebAppBench | undefined;
  let failure: string | undefined;
  try {
    // Functions first, while the machine is quiet: the platform's JVM and workers would skew the cold imports.
    if (config.only === undefined || config.only === 'functions') {
      const manifests = selectedManifests();
      functions = await benchFunctions(manifests, config.importRuns, progress);
      progress('building the functions through InovdaFunction, to compare…');
      check = await checkAgainstConstruct(
        manifests,
        functions.functions.map((fn) => fn.bundle),
      );
      console.log(renderBundles(functions, check));
      console.log(renderColdImports(functions, config.importRuns));
    }
    if (config.only === undefined || config.only === 'api') {
      api = await measureApiLatency({
        shape: config.load,
        user: config.user,
        body: config.body,
        handlerRuns: config.handlerRuns,
        onStep: progress,
      });
      console.log(renderApi(api));
    }
    if (config.only === undefined || config.only === 'web') {
      web = await benchWebApp({ runs: config.webRuns, onStep: progress });
      console.log(renderWebApp(web));
    }
  } catch (error) {
    failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`\nbench failed: ${failure}`);
  }
  const totalMs = performance.now() - started;
  // Whatever was measured is written, also when a later part broke.
  await writeJson(RESULTS_FILE, {
    generatedAt: new Date().toISOString(),
    machine,
    note: 'Numbers from a shared, noisy machine: compare ratios, not absolute values.',
    config,
    targets: TARGETS,
    functions: functions?.functions.map((fn) => ({
      id: fn.id,
      entry: fn.bundle.entry,
      sdkClients: fn.bundle.sdkClients,
      baseline: fn.baseline,
      bundle: {
        ...fn.bundle.size,
        ratio: fn.bundleRatio,
        gzipRatio: fn.bundleGzipRatio,
        meetsTarget: fn.judged ? fn.bundleRatio <= TARGETS.bundleRatio : null,
        parts: fn.bundle.parts.slice(0, 15),
        beyondBaseline: fn.beyondBaseline.slice(0, 15),
      },
      coldImport: fn.coldImport && {
        ...fn.coldImport.summary,
        samplesMs: fn.coldImport.samplesMs,
        cpu: { ...fn.coldImport.cpuSummary, samplesMs: fn.coldImport.cpuSamplesMs },
      },
      importRatio: fn.importRatio,
      importCpuRatio: fn.importCpuRatio,
      importMeetsTarget: fn.judged ? fn.importRatio <= TARGETS.importRatio : null,
    })),
    functionFailures: functions?.failures,
    baselines: functions?.baselines.map((baseline) => ({
      label: baseline.label,
      sdkClients: baseline.bundle.sdkClients,
      source: baseline.bundle.source,
      bundle: { ...baseline.bundle.size, parts: baseline.bundle.parts.slice(0, 15) },
      coldImport: {
        ...baseline.coldImport.summary,
        samplesMs: baseline.coldImport.samplesMs,
        cpu: { ...baseline.coldImport.cpuSummary, samplesMs: baseline.coldImport.cpuSamplesMs },
      },
    })),
    constructCheck: check,
    api,
    web,
    totalMs,
    ...(failure === undefined ? {} : { error: failure }),
  });
  console.log(`\nresults: ${RESULTS_FILE.replace(PROJECT_ROOT, '')} · bench took ${(totalMs / 1000).toFixed(0)} s`);
  const drifted = check !== undefined && check.different.length > 0;
  if (drifted) console.error('bench bundles differ from the construct\'s: see "Bundle size per function" above.');
  return failure === undefined && !drifted ? 0 : 1;
}

process.exitCode = await main();
