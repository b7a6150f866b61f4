import { type FunctionSpec, functionEnvironment, type ServiceManifest } from '@inovda/manifest';
import { defaultLocalRegion } from '../../infra/regions';
import {
  type BaselineBundle,
  type BundlePart,
  beyondBaseline,
  bundleBaseline,
  bundleFunction,
  type FunctionBundle,
} from './bundle';
import { type ColdImportResult, type ImportTarget, measureColdImports } from './cold-import';
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
  /** Function bytes over baseline bytes (raw; gzip alongside). */
  readonly bundleRatio: number;
  readonly bundleGzipRatio: number;
  /** What the function holds beyond its baseline, by package (see `beyondBaseline`). */
  readonly beyondBaseline: readonly BundlePart[];
  readonly coldImport: ColdImportResult;
  /** Median import time over the baseline's median (wall clock). */
  readonly importRatio: number;
  /** The same with CPU time, the steadier cross-check on a busy machine. */
  readonly importCpuRatio: number;
}

/** Everything measured per function. */
export interface FunctionBench {
  readonly functions: readonly FunctionResult[];
  readonly baselines: readonly BaselineResult[];
}

/**
 * Placeholder values for what a function's module scope reads: the stack's `functionEnvironment()` with dummy
 * names, the region the Lambda runtime sets, and credentials (never used: importing sends no request).
 */
function importEnvironment(manifest: ServiceManifest, fn: FunctionSpec): Record<string, string> {
  return {
    ...functionEnvironment({
      manifest,
      fn,
      tableName: `bench-${manifest.name}`,
      eventBusName: 'bench-bus',
      regionId: defaultLocalRegion.id,
      opdIds: defaultLocalRegion.opds.map((opd) => opd.id),
    }),
    AWS_REGION: defaultLocalRegion.aws.region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
}

/**
 * Bundles every function of every manifest as deployed, bundles one baseline per distinct set of SDK clients, then
 * cold-imports all of them `runs` times (interleaved) and relates each function to its baseline.
 */
export async function benchFunctions(
  manifests: readonly ServiceManifest[],
  runs: number,
  onStep: (message: string) => void,
): Promise<FunctionBench> {
  const bundled: Array<{ bundle: FunctionBundle; env: Record<string, string> }> = [];
  for (const manifest of manifests) {
    for (const fn of manifest.functions) {
      const bundle = await bundleFunction(manifest, fn);
      bundled.push({ bundle, env: importEnvironment(manifest, fn) });
      onStep(`bundled ${bundle.id}`);
    }
  }

  // One baseline per client set. It is imported with the environment of the first function using it, so
  // NODE_OPTIONS (source maps) and the SDK's region match what that function gets.
  const baselines = new Map<string, { label: string; bundle: BaselineBundle; env: Record<string, string> }>();
  for (const { bundle, env } of bundled) {
    const key = bundle.sdkClients.join('+');
    if (baselines.has(key)) continue;
    const label = String.fromCharCode('A'.charCodeAt(0) + baselines.size);
    baselines.set(key, { label, bundle: await bundleBaseline(bundle.sdkClients), env });
    onStep(`bundled baseline ${label}: ${key || '(no SDK client)'}`);
  }

  const targets: ImportTarget[] = [
    ...bundled.map(({ bundle, env }) => ({ id: bundle.id, file: bundle.file, env })),
    ...[...baselines.values()].map(({ label, bundle, env }) => ({ id: `baseline ${label}`, file: bundle.file, env })),
  ];
  onStep(`cold imports: ${targets.length} bundles × ${runs} fresh processes…`);
  const imports = new Map(
    (
      await measureColdImports(targets, runs, (round) => {
        if (round % 5 === 0 || round === runs) onStep(`  round ${round}/${runs}`);
      })
    ).map((result) => [result.id, result]),
  );
  const importOf = (id: string): ColdImportResult => {
    const result = imports.get(id);
    if (!result) throw new Error(`no cold-import result for ${id}`);
    return result;
  };

  const baselineResults = new Map<string, BaselineResult>(
    [...baselines].map(([key, { label, bundle }]) => [
      key,
      { label, bundle, coldImport: importOf(`baseline ${label}`) },
    ]),
  );
  const functions = bundled.map(({ bundle }): FunctionResult => {
    const baseline = baselineResults.get(bundle.sdkClients.join('+'));
    if (!baseline) throw new Error(`no baseline for ${bundle.id}`);
    const coldImport = importOf(bundle.id);
    return {
      id: bundle.id,
      bundle,
      baseline: baseline.label,
      bundleRatio: ratio(bundle.size.bytes, baseline.bundle.size.bytes),
      bundleGzipRatio: ratio(bundle.size.gzipBytes, baseline.bundle.size.gzipBytes),
      beyondBaseline: beyondBaseline(bundle.parts, baseline.bundle.parts),
      coldImport,
      importRatio: ratio(median(coldImport.samplesMs), median(baseline.coldImport.samplesMs)),
      importCpuRatio: ratio(median(coldImport.cpuSamplesMs), median(baseline.coldImport.cpuSamplesMs)),
    };
  });
  return { functions, baselines: [...baselineResults.values()] };
}
