import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type FunctionSpec,
  functionEnvironment,
  functionRegionSettings,
  REGION_SETTINGS_FILE_NAME,
  type ServiceManifest,
} from '@inovda/manifest';
import { defaultLocalRegion } from '../../infra/regions';
import {
  type BaselineBundle,
  type BundlePart,
  beyondBaseline,
  bundleBaseline,
  bundleFunction,
  type FunctionBundle,
} from './bundle';
import { type ColdImportResult, type ImportTarget, importOnce, measureColdImports } from './cold-import';
import { median, ratio } from './stats';

/** The targets: a function may weigh and cost at cold start at most 20% more than its SDK clients alone. */
export const TARGETS = { bundleRatio: 1.2, importRatio: 1.2 } as const;

/** A baseline, shared by every function using the same SDK clients. */
export interface BaselineResult {
  /** Short label for the tables (`A`, `B`, …). */
  readonly label: string;
  readonly bundle: BaselineBundle;
  readonly coldImport: ColdImportResult;
}

/** Size and cold import of one function next to its baseline. */
export interface FunctionResult {
  readonly id: string;
  readonly bundle: FunctionBundle;
  readonly baseline: string;
  /**
   * Whether the 1.2× targets apply: a function that constructs no SDK client (one serving static data) has no
   * bare-SDK baseline to be a multiple of; its ratios are left out (NaN) and its absolute figures stand alone.
   */
  readonly judged: boolean;
  /** Function bytes over baseline bytes (raw; gzip alongside). */
  readonly bundleRatio: number;
  readonly bundleGzipRatio: number;
  /** What the function holds beyond its baseline, by package (see `beyondBaseline`). */
  readonly beyondBaseline: readonly BundlePart[];
  /** Undefined when its import failed (see {@link FunctionBench.failures}). */
  readonly coldImport: ColdImportResult | undefined;
  /** Median import time over the baseline's median (wall clock); NaN when its import failed. */
  readonly importRatio: number;
  /** The same with CPU time, the steadier cross-check on a busy machine. */
  readonly importCpuRatio: number;
}

/** Everything measured per function. */
export interface FunctionBench {
  readonly functions: readonly FunctionResult[];
  readonly baselines: readonly BaselineResult[];
  /** Functions that could not be bundled or imported. */
  readonly failures: readonly FunctionFailure[];
}

/**
 * What the Lambda runtime itself sets and the SDK reads at construction: the region and credentials (placeholders,
 * never used: importing sends no request). Functions and baselines both get these, and nothing else from the
 * runtime: the import runs with only the given environment (cold-import.ts).
 */
function runtimeEnvironment(): Record<string, string> {
  return {
    AWS_REGION: defaultLocalRegion.aws.region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
}

/**
 * The environment the stack gives a function — `functionEnvironment()` itself, so whatever it sets (NODE_OPTIONS
 * included, should it ever set any again) reaches the import — with placeholder names, and its region settings file
 * written beside the bundle as the stack writes it into the asset (`/var/task/region-settings.json`), holding the
 * entries its manifest names from the local default region.
 */
async function importEnvironment(
  manifest: ServiceManifest,
  fn: FunctionSpec,
  bundleFile: string,
): Promise<Record<string, string>> {
  const regionSettingsFile = path.join(path.dirname(bundleFile), REGION_SETTINGS_FILE_NAME);
  const settings = functionRegionSettings(manifest, fn, defaultLocalRegion as unknown as Record<string, unknown>);
  if (settings !== undefined) await writeFile(regionSettingsFile, JSON.stringify(settings));
  return {
    ...functionEnvironment({
      manifest,
      fn,
      tableName: `bench-${manifest.name}`,
      eventBusName: 'bench-bus',
      regionId: defaultLocalRegion.id,
      regionSettingsFile,
      userPoolId: 'ap-southeast-3_bench',
    }),
    ...runtimeEnvironment(),
  };
}

/** A function the bench could not measure, and why (it failed to bundle, or its import threw). */
export interface FunctionFailure {
  readonly id: string;
  readonly error: string;
}

/** An error on one line (esbuild puts its first error on the second line of its message). */
const describe = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').slice(0, 300);

/**
 * Bundles every function of every manifest as deployed, bundles one baseline per distinct set of SDK clients, then
 * cold-imports all of them `runs` times (interleaved) and relates each function to its baseline. A function that
 * does not bundle, or whose import throws, is reported as such and the others are still measured.
 */
export async function benchFunctions(
  manifests: readonly ServiceManifest[],
  runs: number,
  onStep: (message: string) => void,
): Promise<FunctionBench> {
  const failures: FunctionFailure[] = [];
  const bundled: Array<{ bundle: FunctionBundle; env: Record<string, string> }> = [];
  for (const manifest of manifests) {
    for (const fn of manifest.functions) {
      const id = `${manifest.name}/${fn.name}`;
      try {
        const bundle = await bundleFunction(manifest, fn);
        bundled.push({ bundle, env: await importEnvironment(manifest, fn, bundle.file) });
        onStep(`bundled ${bundle.id}`);
      } catch (error) {
        failures.push({ id, error: `bundling failed: ${describe(error)}` });
        onStep(`✗ ${id} does not bundle`);
      }
    }
  }

  // A function whose module scope throws (a missing variable, a broken import) cannot be timed: one import each
  // first, so it is reported rather than failing the whole bench.
  const importable: typeof bundled = [];
  for (const entry of bundled) {
    try {
      await importOnce({ id: entry.bundle.id, file: entry.bundle.file, env: entry.env });
      importable.push(entry);
    } catch (error) {
      failures.push({ id: entry.bundle.id, error: `import failed: ${describe(error)}` });
      onStep(`✗ ${entry.bundle.id} does not import`);
    }
  }

  // One baseline per client set, built without a source map and imported with the runtime's variables only: what
  // the SDK clients alone cost, so anything the function's own environment adds (NODE_OPTIONS) counts against it.
  const baselines = new Map<string, { label: string; bundle: BaselineBundle }>();
  for (const { bundle } of bundled) {
    const key = bundle.sdkClients.join('+');
    if (baselines.has(key)) continue;
    const label = String.fromCharCode('A'.charCodeAt(0) + baselines.size);
    baselines.set(key, { label, bundle: await bundleBaseline(bundle.sdkClients) });
    onStep(`bundled baseline ${label}: ${key || '(no SDK client)'}`);
  }

  const targets: ImportTarget[] = [
    ...importable.map(({ bundle, env }) => ({ id: bundle.id, file: bundle.file, env })),
    ...[...baselines.values()].map(({ label, bundle }) => ({
      id: `baseline ${label}`,
      file: bundle.file,
      env: runtimeEnvironment(),
    })),
  ];
  onStep(`cold imports: ${targets.length} bundles × ${runs} fresh processes…`);
  const imports = new Map(
    (
      await measureColdImports(targets, runs, (round) => {
        if (round % 5 === 0 || round === runs) onStep(`  round ${round}/${runs}`);
      })
    ).map((result) => [result.id, result]),
  );

  const baselineResults = new Map<string, BaselineResult>();
  for (const [key, { label, bundle }] of baselines) {
    const coldImport = imports.get(`baseline ${label}`);
    if (!coldImport) throw new Error(`no cold-import result for baseline ${label}`);
    baselineResults.set(key, { label, bundle, coldImport });
  }
  const functions = bundled.map(({ bundle }): FunctionResult => {
    const baseline = baselineResults.get(bundle.sdkClients.join('+'));
    if (!baseline) throw new Error(`no baseline for ${bundle.id}`);
    const coldImport = imports.get(bundle.id);
    const judged = bundle.sdkClients.length > 0;
    const judgedRatio = (value: number, base: number) => (judged ? ratio(value, base) : Number.NaN);
    return {
      id: bundle.id,
      bundle,
      baseline: baseline.label,
      judged,
      bundleRatio: judgedRatio(bundle.size.bytes, baseline.bundle.size.bytes),
      bundleGzipRatio: judgedRatio(bundle.size.gzipBytes, baseline.bundle.size.gzipBytes),
      beyondBaseline: beyondBaseline(bundle.parts, baseline.bundle.parts),
      coldImport,
      importRatio: coldImport
        ? judgedRatio(median(coldImport.samplesMs), median(baseline.coldImport.samplesMs))
        : Number.NaN,
      importCpuRatio: coldImport
        ? judgedRatio(median(coldImport.cpuSamplesMs), median(baseline.coldImport.cpuSamplesMs))
        : Number.NaN,
    };
  });
  return { functions, baselines: [...baselineResults.values()], failures };
}
