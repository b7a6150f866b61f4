import { fileURLToPath } from 'node:url';

/** The repository root: esbuild resolves workspaces and `node_modules` from here, as the CDK construct does. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where the bench writes bundles and results (git-ignored). It sits inside the repository on purpose: bundles keep
 * `@aws-sdk/*` external, so importing them must resolve the SDK from the root `node_modules`, as a Lambda
 * resolves it from the runtime's own copy.
 */
export const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));

/** The JSON report. */
export const RESULTS_FILE = fileURLToPath(new URL('../../.bench/results.json', import.meta.url));
