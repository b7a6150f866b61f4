import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** The repository root: esbuild resolves the workspaces from here; its npm lock file tells CDK how to run esbuild. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * ESM bundles have no `require`; some CommonJS dependencies still call it for Node built-ins, so the bundle
 * gets one back.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __inovdaCreateRequire } from 'node:module';" +
  'const require = __inovdaCreateRequire(import.meta.url);';

/**
 * The esbuild options every function is deployed with: a minified ESM bundle for Node 24 with its source map beside
 * it (`index.mjs.map`, no sources: stack traces need file and line, and the shipped map stays small). Functions run
 * without `--enable-source-maps`, which would parse the map at every cold start; lambda-kit's logger reads it only
 * when it logs an error (packages/lambda-kit/src/stack-traces.ts). `external: []`: the SDK clients
 * are bundled too, so a function runs the exact SDK versions the lock file pins and the tests ran, tree-shaken to
 * what it uses, instead of whatever version the runtime ships that day (`npm run bench` keeps the cost in view).
 *
 * `InovdaFunction` (inovda-function.ts, which re-exports this) turns them into `NodejsFunction` bundling props;
 * the bundle smoke test (test/infra/bundle-smoke.test.ts) and the bench build with this same object. Kept in its
 * own module, free of aws-cdk-lib, so the bench can import it without loading the CDK.
 */
export const FUNCTION_BUILD_OPTIONS = {
  bundle: true,
  target: 'node24',
  platform: 'node',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: [],
  logLevel: 'warning',
  banner: { js: ESM_REQUIRE_BANNER },
  mainFields: ['module', 'main'],
  absWorkingDir: PROJECT_ROOT,
} as const satisfies BuildOptions;
