import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FunctionSpec, ServiceManifest } from '@inovda/manifest';
import { type BuildOptions, build, type Metafile, type OutputFile } from 'esbuild';
import { FUNCTION_BUILD_OPTIONS } from '../../infra/lib/function-bundling';
import { BENCH_DIR, PROJECT_ROOT } from './paths';

/**
 * The esbuild options `InovdaFunction` deploys with: the very object the construct turns into its bundling props
 * (`FUNCTION_BUILD_OPTIONS`, re-exported by infra/lib/inovda-function.ts; imported here from its CDK-free module so
 * the bench does not load aws-cdk-lib up front). construct-check.ts still verifies, on every run, that the bundles
 * come out byte-identical to the construct's assets (aws-cdk-lib turns the props back into esbuild CLI flags).
 */
export const DEPLOYED_BUILD_OPTIONS = FUNCTION_BUILD_OPTIONS satisfies BuildOptions;

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

/** Bytes one package (or workspace folder) contributes to a bundle. */
export interface BundlePart {
  /** npm package (`zod`, `@aws-sdk/client-dynamodb`) or workspace folder (`packages/lambda-kit`). */
  readonly name: string;
  readonly bytes: number;
}

/** A function bundled as deployed. */
export interface FunctionBundle {
  /** `<service>/<function>`, as the local runtime names it. */
  readonly id: string;
  readonly entry: string;
  /** The bundle on disk (`.bench/bundles/<service>/<function>/index.mjs`). */
  readonly file: string;
  readonly size: BundleSize;
  /** SDK client packages the function's own code and its non-SDK dependencies import (sorted). */
  readonly sdkClients: readonly string[];
  /** What the minified output is made of, by package, biggest first. */
  readonly parts: readonly BundlePart[];
}

/** A generated bundle holding only some SDK clients, each constructed once. */
export interface BaselineBundle {
  /** The client packages joined with `+` (e.g. `@aws-sdk/client-dynamodb+@aws-sdk/lib-dynamodb`). */
  readonly key: string;
  readonly sdkClients: readonly string[];
  readonly source: string;
  readonly file: string;
  readonly size: BundleSize;
  readonly parts: readonly BundlePart[];
}

function sizeOf(outputs: readonly OutputFile[]): BundleSize {
  const code = outputs.find((file) => file.path.endsWith('.mjs'));
  const map = outputs.find((file) => file.path.endsWith('.mjs.map'));
  if (!code) throw new Error(`esbuild wrote no .mjs (got ${outputs.map((file) => file.path).join(', ')})`);
  return {
    bytes: code.contents.byteLength,
    gzipBytes: gzipSync(code.contents).byteLength,
    mapBytes: map?.contents.byteLength ?? 0,
  };
}

async function writeOutputs(outputs: readonly OutputFile[]): Promise<void> {
  for (const file of outputs) {
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
  }
}

/** The package of a metafile input path (the last `node_modules` wins), else its workspace folder. */
function partOf(input: string): string {
  const packagePath = input.split('node_modules/').at(-1) ?? input;
  if (packagePath !== input) {
    const [scopeOrName = input, name] = packagePath.split('/');
    return scopeOrName.startsWith('@') && name ? `${scopeOrName}/${name}` : scopeOrName;
  }
  return input.split('/').slice(0, 2).join('/');
}

function isSdkCode(input: string): boolean {
  return /node_modules\/@aws-sdk\//.test(input);
}

/** Files of the output that survived tree shaking, with the bytes each contributes. */
function outputInputs(metafile: Metafile): Array<[string, number]> {
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file, input]): [string, number] => [file, input.bytesInOutput]),
  );
}

/**
 * SDK client packages a bundle uses: those imported by code that is not the SDK itself (the function, workspace
 * packages, other dependencies) and kept in the output. Imports between SDK packages are left out, so a client's
 * own internals never count as a second client; type-only imports never reach the metafile.
 */
export function sdkClientsOf(metafile: Metafile): string[] {
  const kept = new Set(outputInputs(metafile).map(([file]) => file));
  const clients = new Set<string>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (!kept.has(file) || isSdkCode(file)) continue;
    for (const imported of input.imports) {
      const match = SDK_CLIENT_PACKAGE.exec(imported.original ?? '');
      if (match?.[1]) clients.add(match[1]);
    }
  }
  return [...clients].sort();
}

/** What a bundle's output is made of, by package, biggest first. */
export function partsOf(metafile: Metafile): BundlePart[] {
  const bytes = new Map<string, number>();
  for (const [file, size] of outputInputs(metafile)) {
    const name = partOf(file);
    bytes.set(name, (bytes.get(name) ?? 0) + size);
  }
  return [...bytes].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes);
}

/** Bundles one manifest function as deployed, writes it for the cold-import runs, and reads what it holds. */
export async function bundleFunction(manifest: ServiceManifest, fn: FunctionSpec): Promise<FunctionBundle> {
  const entry = path.join(manifest.root, fn.entry);
  const outfile = path.join(BENCH_DIR, 'bundles', manifest.name, fn.name, 'index.mjs');
  const result = await build({
    ...DEPLOYED_BUILD_OPTIONS,
    entryPoints: [entry],
    outfile,
    metafile: true,
    write: false,
  });
  await writeOutputs(result.outputFiles);
  return {
    id: `${manifest.name}/${fn.name}`,
    entry,
    file: outfile,
    size: sizeOf(result.outputFiles),
    sdkClients: sdkClientsOf(result.metafile),
    parts: partsOf(result.metafile),
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
 * `client-dynamodb` along (a peer dependency that every function using it imports too).
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

/**
 * What a bundle holds beyond its baseline, by package: bytes over what the baseline has of the same package (all of
 * it for a package the baseline lacks), biggest first. Tells where a missed size target comes from: a dependency,
 * the service's own code, or more of the SDK (commands, marshalling) than constructing a client pulls in.
 */
export function beyondBaseline(parts: readonly BundlePart[], baseline: readonly BundlePart[]): BundlePart[] {
  const inBaseline = new Map(baseline.map((part) => [part.name, part.bytes]));
  return parts
    .map((part) => ({ name: part.name, bytes: part.bytes - (inBaseline.get(part.name) ?? 0) }))
    .filter((part) => part.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** Bundles the baseline for a set of SDK clients with the deployed options, less the source map, and writes it. */
export async function bundleBaseline(sdkClients: readonly string[]): Promise<BaselineBundle> {
  const source = await baselineSource(sdkClients);
  const folder = `baseline-${sdkClients.map((name) => name.replace('@aws-sdk/', '')).join('+') || 'empty'}`;
  const outfile = path.join(BENCH_DIR, 'bundles', folder, 'index.mjs');
  // stdin resolved from the project root: the SDK comes from the root node_modules, the same copy as a function's.
  const stdin = { contents: source, resolveDir: PROJECT_ROOT, sourcefile: 'baseline.mjs', loader: 'js' } as const;
  // No source map: the baseline is the SDK clients alone. The function's map ships beside its bundle but is no part
  // of its size (the ratio is over `.mjs` bytes) and is read only when an error is logged (lambda-kit stack-traces).
  const result = await build({
    ...DEPLOYED_BUILD_OPTIONS,
    sourcemap: false,
    stdin,
    outfile,
    metafile: true,
    write: false,
  });
  await writeOutputs(result.outputFiles);
  return {
    key: sdkClients.join('+'),
    sdkClients,
    source,
    file: outfile,
    size: sizeOf(result.outputFiles),
    parts: partsOf(result.metafile),
  };
}
