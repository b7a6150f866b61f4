import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './paths';
import { type Summary, summarize } from './stats';

/** A bundle to import in fresh processes, with the environment its module scope needs. */
export interface ImportTarget {
  readonly id: string;
  readonly file: string;
  readonly env: Readonly<Record<string, string>>;
}

/** One import: wall-clock time, and CPU time of the process over the same span. */
export interface ImportSample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Import times of one bundle over the measured runs. */
export interface ColdImportResult {
  readonly id: string;
  /** Wall-clock import times: what a cold start waits for. */
  readonly samplesMs: readonly number[];
  readonly summary: Summary;
  /**
   * CPU time (user + system, all threads) of the same imports. Less sensitive than wall time to other work on a
   * shared machine taking the core away, so a steadier cross-check of the ratio.
   */
  readonly cpuSamplesMs: readonly number[];
  readonly cpuSummary: Summary;
}

/** How long one import may take before the bench calls it hung. */
const IMPORT_TIMEOUT_MS = 30_000;

/**
 * Imports `file` in a fresh `node` (the running Node, so the same version as the bench) and returns how long the
 * import took, measured inside that process: module loading, evaluation and whatever the module scope does (SDK
 * clients constructed, env read), without the fixed cost of booting Node itself.
 */
export function importOnce(target: ImportTarget): Promise<ImportSample> {
  const script = [
    `const url = ${JSON.stringify(pathToFileURL(target.file).href)};`,
    'const cpu = process.cpuUsage();',
    'const started = performance.now();',
    'await import(url);',
    'const wallMs = performance.now() - started;',
    'const { user, system } = process.cpuUsage(cpu);',
    'process.stdout.write(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000 }));',
  ].join('\n');
  return new Promise((resolve, reject) => {
    // Only the given environment: the run must not depend on whoever starts the bench (AWS profiles, NODE_OPTIONS).
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      env: { ...target.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: IMPORT_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const sample = parseSample(stdout);
      if (code === 0 && sample !== undefined) {
        resolve(sample);
        return;
      }
      const why = signal ? `was killed (${signal})` : `exited with ${String(code)}`;
      // The thrown error's own line says why (`Error: environment variable X is required`); Node's trailer does not.
      const lines = stderr.trim().split('\n');
      const thrown = lines.find((line) => /^\w*(Error|Exception)\b/.test(line)) ?? lines.slice(-3).join(' | ');
      reject(new Error(`importing ${target.id} ${why}: ${thrown}`));
    });
  });
}

function parseSample(stdout: string): ImportSample | undefined {
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'wallMs' in parsed &&
      typeof parsed.wallMs === 'number' &&
      'cpuMs' in parsed &&
      typeof parsed.cpuMs === 'number'
    ) {
      return { wallMs: parsed.wallMs, cpuMs: parsed.cpuMs };
    }
  } catch {
    // Not JSON: the module printed something or crashed; the caller reports stderr.
  }
  return undefined;
}

/**
 * Cold-imports every target `runs` times, one process at a time (two cores: parallel runs would measure each other).
 * Rounds interleave the targets, rotating their order, so a burst of noise on the shared machine hits functions and
 * baselines alike instead of whichever happened to run then. One unrecorded round first warms the file cache.
 */
export async function measureColdImports(
  targets: readonly ImportTarget[],
  runs: number,
  onRound?: (round: number) => void,
): Promise<ColdImportResult[]> {
  const samples = new Map<string, ImportSample[]>(targets.map((target) => [target.id, []]));
  for (const target of targets) await importOnce(target);
  for (let round = 0; round < runs; round++) {
    const rotated = [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)];
    for (const target of rotated) samples.get(target.id)?.push(await importOnce(target));
    onRound?.(round + 1);
  }
  return targets.map((target) => {
    const wall = (samples.get(target.id) ?? []).map((sample) => sample.wallMs);
    const cpu = (samples.get(target.id) ?? []).map((sample) => sample.cpuMs);
    return { id: target.id, samplesMs: wall, summary: summarize(wall), cpuSamplesMs: cpu, cpuSummary: summarize(cpu) };
  });
}
