import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FunctionSpec, ServiceManifest } from '@inovda/manifest';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTION_BUILD_OPTIONS } from '../../infra/lib/inovda-function';
import { services } from '../../infra/lib/platform';

/**
 * The table grants are least privilege (GetItem/Query to read; PutItem/ConditionCheckItem to write, UpdateItem only
 * with `updatesItems`), and DynamoDB Local enforces no IAM, so a handler needing more than its grant would only fail
 * in AWS. This reads each function's own code (its module graph through the services and the workspace packages,
 * third-party packages left out) for DynamoDB operations no grant of its covers. The graph is per file, so a read
 * handler sharing a store module with writers is not held to the writers' operations: the check is that a function
 * allowed to write declares `updatesItems` when its code updates, and that no code uses an operation never granted.
 */
/** Leaves every bare import outside the workspace to the bundle: only our own code is read. */
const ownCodeOnly: Plugin = {
  name: 'own-code-only',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@inovda/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** DynamoDB operations beyond GetItem/Query/PutItem/ConditionCheckItem, as command classes or transaction items. */
const OPERATIONS: ReadonlyArray<{ operation: string; pattern: RegExp }> = [
  { operation: 'UpdateItem', pattern: /\bUpdate(Item)?Command\b|\bUpdate\s*:\s*\{/ },
  { operation: 'DeleteItem', pattern: /\bDelete(Item)?Command\b|\bDelete\s*:\s*\{/ },
  { operation: 'BatchGetItem', pattern: /\bBatchGet(Item)?Command\b/ },
  { operation: 'BatchWriteItem', pattern: /\bBatchWrite(Item)?Command\b/ },
  { operation: 'TransactGetItems', pattern: /\bTransactGet(Items)?Command\b/ },
  { operation: 'PartiQL', pattern: /\b(ExecuteStatement|BatchExecuteStatement|ExecuteTransaction)Command\b/ },
];

/** Which of the operations above a function's code may contain: UpdateItem for a writer with `updatesItems`. */
function allowedFor(fn: FunctionSpec): string[] {
  const writes = fn.tableAccess === 'write' || fn.tableAccess === 'read-write';
  return writes && fn.updatesItems ? ['UpdateItem'] : [];
}

/** Whether a finding matters for this function: updates only where the function may write at all. */
function applies(fn: FunctionSpec, operation: string): boolean {
  return operation !== 'UpdateItem' || fn.tableAccess === 'write' || fn.tableAccess === 'read-write';
}

async function operationsOf(manifest: ServiceManifest, fn: FunctionSpec): Promise<string[]> {
  const result = await build({
    ...FUNCTION_BUILD_OPTIONS,
    entryPoints: [path.join(manifest.root, fn.entry)],
    outfile: 'unused.mjs',
    write: false,
    minify: false,
    sourcemap: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [ownCodeOnly],
  });
  const sources = Object.keys(result.metafile.inputs).map((input) =>
    readFileSync(path.resolve(FUNCTION_BUILD_OPTIONS.absWorkingDir, input), 'utf8'),
  );
  return OPERATIONS.filter(({ pattern }) => sources.some((source) => pattern.test(source))).map(
    ({ operation }) => operation,
  );
}

describe('table grants cover what the code does', () => {
  const functions = services.flatMap((manifest) => manifest.functions.map((fn) => ({ manifest, fn })));

  it.each(functions.map(({ manifest, fn }) => [`${manifest.name}/${fn.name}`, manifest, fn] as const))(
    '%s uses no DynamoDB operation its grant leaves out',
    { timeout: 30_000 },
    async (id, manifest, fn) => {
      const allowed = allowedFor(fn);
      const uncovered = (await operationsOf(manifest, fn)).filter(
        (operation) => applies(fn, operation) && !allowed.includes(operation),
      );
      expect(uncovered, `${id} (tableAccess ${fn.tableAccess}; UpdateItem needs updatesItems: true)`).toEqual([]);
    },
  );

  it('recognises an update in a transaction and an update command', () => {
    const update = OPERATIONS.find(({ operation }) => operation === 'UpdateItem')?.pattern;
    expect(update?.test("TransactItems: [{ Update: { TableName: 't', Key: {} } }]")).toBe(true);
    expect(update?.test('await db.send(new UpdateCommand({}))')).toBe(true);
    expect(update?.test("TransactItems: [{ Put: { TableName: 't', Item: {} } }]")).toBe(false);
  });
});
