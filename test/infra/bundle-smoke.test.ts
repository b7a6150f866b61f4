import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type FunctionSpec, functionEnvironment, REGION_SETTINGS_FILE_NAME } from '@inovda/manifest';
import { submissionsManifest } from '@inovda/submissions/manifest';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_BUILD_OPTIONS } from '../../infra/lib/inovda-function';
import {
  copyRegionSettingsHooks,
  regionSettingsFileContent,
  writeRegionSettingsFile,
} from '../../infra/lib/region-settings';
import { defaultLocalRegion } from '../../infra/regions';

/**
 * The deployed bundle, exercised: everything else runs the TypeScript sources (tsx, vitest), so a bundle that
 * fails at import (a CommonJS dependency calling `require`, a dynamic import esbuild cannot follow, a top-level
 * await on something absent in Lambda) would only show up in AWS. This bundles an HTTP handler and the outbox
 * publisher with the options `InovdaFunction` deploys with, puts the function's region settings file at the bundle
 * root as the stack does (written by the same code, copied next to `index.mjs`, which is `/var/task` in Lambda), and
 * imports each in a fresh Node process that has only the function's environment, as Lambda's init phase does.
 */

const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));

/** Imports the bundle given as the first argument and prints what its `handler` export is. */
const IMPORT_SCRIPT =
  'const bundle = await import(process.argv[1]);' +
  'console.log(JSON.stringify({ handler: typeof bundle.handler, exports: Object.keys(bundle).sort() }));';

const submissionsFunctions: readonly FunctionSpec[] = submissionsManifest.functions;

function functionNamed(name: string): FunctionSpec {
  const fn = submissionsFunctions.find((candidate) => candidate.name === name);
  if (!fn) throw new Error(`submissions has no function ${name}`);
  return fn;
}

const bundled: FunctionSpec[] = [
  functionNamed('get-innovation'),
  ...submissionsFunctions.filter((fn) => fn.consumesTableStream),
];

describe('function bundles, built as deployed', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'inovda-bundle-smoke-'));
  });

  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('bundles the HTTP handler and the outbox publisher', () => {
    expect(bundled.map((fn) => fn.name)).toEqual(['get-innovation', 'outbox-publisher']);
  });

  it.each(bundled.map((fn) => [fn.name, fn] as const))(
    '%s imports in a fresh Node process with only its environment and exports a handler function',
    { timeout: 60_000 },
    async (name, fn) => {
      const outfile = join(directory, name, 'index.mjs');
      const result = await build({
        ...FUNCTION_BUILD_OPTIONS,
        entryPoints: [join(submissionsManifest.root, fn.entry)],
        outfile,
      });
      expect(result.errors).toEqual([]);

      // The bundle root, as the stack's bundling hook leaves it: the settings file beside index.mjs, or none.
      const bundleRoot = join(directory, name);
      const settingsFile = join(bundleRoot, REGION_SETTINGS_FILE_NAME);
      const written = writeRegionSettingsFile(join(directory, 'settings'), submissionsManifest, fn, defaultLocalRegion);
      // The stack's own afterBundling hook, run as CDK's local bundling runs it (commands chained in a shell).
      for (const command of written ? copyRegionSettingsHooks(written).afterBundling(directory, bundleRoot) : []) {
        await promisify(execFile)('bash', ['-c', command]);
      }
      const expected = regionSettingsFileContent(submissionsManifest, fn, defaultLocalRegion);
      expect(existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined).toBe(expected);

      const env = {
        ...functionEnvironment({
          manifest: submissionsManifest,
          fn,
          tableName: `inovda-${defaultLocalRegion.id}-submissions`,
          eventBusName: `inovda-${defaultLocalRegion.id}`,
          regionId: defaultLocalRegion.id,
          // `/var/task/region-settings.json` in Lambda: the same file at this bundle's root.
          regionSettingsFile: settingsFile,
        }),
        AWS_REGION: defaultLocalRegion.aws.region,
        AWS_ACCESS_KEY_ID: 'smoke-test',
        AWS_SECRET_ACCESS_KEY: 'smoke-test',
        AWS_SESSION_TOKEN: 'smoke-test',
      };
      const { stdout } = await promisify(execFile)(
        NODE,
        ['--input-type=module', '--eval', IMPORT_SCRIPT, pathToFileURL(outfile).href],
        { env, cwd: directory, timeout: 30_000 },
      );
      expect(JSON.parse(stdout)).toMatchObject({ handler: 'function' });
    },
  );
});
