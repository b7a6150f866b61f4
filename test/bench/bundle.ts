import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FunctionSpec, ServiceManifest } from '@inovda/manifest';
import { type BuildOptions, build, type Metafile, type OutputFile } from 'esbuild';
import { BENCH_DIR, PROJECT_ROOT } from './paths';

/**
 * The banner of infra/lib/inovda-function.ts (`ESM_REQUIRE_BANNER`, not exported there): ESM bundles get a
 * `require` back for CommonJS dependencies that still call it.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __inovdaCreateRequire } from 'node:module';" +
  'const require = __inovdaCreateRequire(import.meta.url);';

/** The packages the construct leaves out of the bundle: the Node.js runtime ships SDK v3. */
export const DEPLOYED_EXTERNALS = ['@aws-sdk/*'] as const;

/**
 * The esbuild options `InovdaFunction` (infra/lib/inovda-function.ts) deploys with, as aws-cdk-lib's
 * `NodejsFunction` turns its `bundling` props into esbuild CLI flags: `--bundle --target=node24 --platform=node
 * --format=esm --outfile=index.mjs --minify --sourcemap --sources-content=false --external:@aws-sdk/*
 * --log-level=warning --banner:js=… --main-fields=module,main`, run from the project root. The construct does not
 * export its bundling props, so they are mirrored here; keep both in step.
 */
export const DEPLOYED_BUILD_OPTIONS = {
  bundle: true,
  target: 'node24',
  platform: 'node',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: [...DEPLOYED_EXTERNALS],
  logLevel: 'warning',
  banner: { js: ESM_REQUIRE_BANNER },
  mainFields: ['module', 'main'],
  absWorkingDir: PROJECT_ROOT,
} as const satisfies BuildOptions;

/** Packages that count as "an SDK client" for the baseline: a service client, or the DynamoDB document client. */
const SDK_CLIENT_PACKAGE = /^(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))(?:\/|$)/;
const DOCUMENT_CLIENT_PACKAGE = '@aws-sdk/lib-dynamodb';
const DYNAMODB_CLIENT_PACKAGE = '@aws-sdk/client-dynamodb';

/** Size of one bundle: the `.mjs` file (raw and gzip -6) and its source map. */
export interface BundleSize {
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly mapBytes: number;
}

/** A function bundled as deployed, plus the same code with the SDK inlined (what its process actually loads). */
export interface FunctionBundle {
  /** `<service>/<function>`, as the local runtime names it. */
  readonly id: string;
  readonly entry: string;
  /** The deployed bundle on disk (`.bench/bundles/<service>/<function>/index.mjs`). */
  readonly file: string;
  /** As deployed: `@aws-sdk/*` external. */
  readonly deployed: BundleSize;
  /** Same options with nothing external: the SDK code the runtime provides, counted in. */
  readonly withSdk: BundleSize;
  /** SDK client packages the bundle imports (sorted), which decide its baseline. */
  readonly sdkClients: readonly string[];
}

/** A generated bundle holding only some SDK clients, each constructed once. */
export interface BaselineBundle {
  /** The client packages joined with `+` (e.g. `@aws-sdk/client-dynamodb+@aws-sdk/lib-dynamodb`). */
  readonly key: string;
  readonly sdkClients: readonly string[];
  readonly source: string;
  readonly file: string;
  readonly deployed: BundleSize;
  readonly withSdk: BundleSize;
}

function sizeOf(outputs: readonly OutputFile[]): BundleSize {
  const code = outputs.find((file) => file.path.endsWith('.mjs'));
  const map = outputs.find((file) => file.path.endsWith('.mjs.map'));
  if (!code) throw new Error(`esbuild wrote no .mjs (got ${outputs.map((file) => file.path).join(', ')})`);
  return { bytes: code.contents.byteLength, gzipBytes: gzipSync(code.contents).byteLength, mapBytes: map?.contents.byteLength ?? 0 };
}

async function writeOutputs(outputs: readonly OutputFile[]): Promise<void> {
  for (const file of outputs) {
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
  }
}

/**
 * SDK client packages a deployed bundle imports. With `@aws-sdk/*` external they are never bundled, so they show
 * as external imports of the output (after tree shaking, unlike the inputs' import lists, which also keep imports
 * whose code was dropped).
 */
export function sdkClientsOf(metafile: Metafile): string[] {
  const clients = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      const match = imported.external ? SDK_CLIENT_PACKAGE.exec(imported.path) : null;
      if (match?.[1]) clients.add(match[1]);
    }
  }
  return [...clients].sort();
}

/**
 * Bundles one manifest function twice: exactly as deployed (written to disk for the cold-import runs) and with the
 * SDK inlined (sizes only), then reads which SDK clients it uses from the deployed bundle's metafile.
 */
export async function bundleFunction(manifest: ServiceManifest, fn: FunctionSpec): Promise<FunctionBundle> {
  const entry = path.join(manifest.root, fn.entry);
  const outfile = path.join(BENCH_DIR, 'bundles', manifest.name, fn.name, 'index.mjs');
  const deployed = await build({ ...DEPLOYED_BUILD_OPTIONS, entryPoints: [entry], outfile, metafile: true, write: false });
  await writeOutputs(deployed.outputFiles);
  const withSdk = await build({ ...DEPLOYED_BUILD_OPTIONS, external: [], entryPoints: [entry], outfile, write: false });
  return {
    id: `${manifest.name}/${fn.name}`,
    entry,
    file: outfile,
    deployed: sizeOf(deployed.outputFiles),
    withSdk: sizeOf(withSdk.outputFiles),
    sdkClients: sdkClientsOf(deployed.metafile),
  };
}

/** The client class a `@aws-sdk/client-*` package exports (`DynamoDBClient`, `EventBridgeClient`, …). */
async function clientClassOf(packageName: string): Promise<string> {
  const exported: Record<string, unknown> = await import(packageName);
  const names = Object.keys(exported).filter((name) => /^[A-Z][A-Za-z0-9]*Client$/.test(name));
  const [name, ...others] = names;
  if (!name || others.length > 0) {
    throw new Error(`cannot tell the client class of ${packageName} (candidates: ${names.join(', ') || 'none'})`);
  }
  return name;
}

/**
 * The source of a baseline: imports the given client packages and constructs each client once at module scope, as
 * a handler does at cold start. The document client wraps a DynamoDB client, so `lib-dynamodb` brings
 * `client-dynamodb` along (it is a peer dependency the function imports too).
 */
export async function baselineSource(sdkClients: readonly string[]): Promise<string> {
  const packages = new Set(sdkClients);
  const documentClient = packages.delete(DOCUMENT_CLIENT_PACKAGE);
  if (documentClient) packages.add(DYNAMODB_CLIENT_PACKAGE);
  const imports: string[] = [];
  const constructed: string[] = [];
  const clients: string[] = [];
  let dynamoClient: string | undefined;
  for (const [index, packageName] of [...packages].sort().entries()) {
    const className = await clientClassOf(packageName);
    const variable = `client${index}`;
    imports.push(`import { ${className} } from '${packageName}';`);
    constructed.push(`const ${variable} = new ${className}({});`);
    clients.push(variable);
    if (packageName === DYNAMODB_CLIENT_PACKAGE) dynamoClient = variable;
  }
  if (documentClient && dynamoClient) {
    imports.push(`import { DynamoDBDocumentClient } from '${DOCUMENT_CLIENT_PACKAGE}';`);
    constructed.push(`const documentClient = DynamoDBDocumentClient.from(${dynamoClient});`);
    clients.push('documentClient');
  }
  // Exported, so no bundler may drop a client as unused; the handler keeps the module shaped like a function's.
  return [
    ...imports,
    ...constructed,
    `export const clients = [${clients.join(', ')}];`,
    'export const handler = async () => clients.length;',
    '',
  ].join('\n');
}

/** Bundles the baseline for a set of SDK clients with the deployed options (and once more with the SDK inlined). */
export async function bundleBaseline(sdkClients: readonly string[]): Promise<BaselineBundle> {
  const key = sdkClients.join('+') || '(no SDK client)';
  const source = await baselineSource(sdkClients);
  const folder = `baseline-${sdkClients.map((name) => name.replace('@aws-sdk/', '')).join('+') || 'empty'}`;
  const outfile = path.join(BENCH_DIR, 'bundles', folder, 'index.mjs');
  // stdin with the project root as resolve dir: the SDK resolves from the root node_modules, like a function's.
  const stdin = { contents: source, resolveDir: PROJECT_ROOT, sourcefile: 'baseline.mjs', loader: 'js' } as const;
  const deployed = await build({ ...DEPLOYED_BUILD_OPTIONS, stdin, outfile, write: false });
  await writeOutputs(deployed.outputFiles);
  const withSdk = await build({ ...DEPLOYED_BUILD_OPTIONS, external: [], stdin, outfile, write: false });
  return {
    key,
    sdkClients,
    source,
    file: outfile,
    deployed: sizeOf(deployed.outputFiles),
    withSdk: sizeOf(withSdk.outputFiles),
  };
}
