import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { INDICATORS, STAGES } from '@inovda/contracts';
import {
  DEPLOYED_REGION_SETTINGS_FILE,
  ENV,
  type FunctionSpec,
  functionRegionSettings,
  REGION_SETTINGS_FILE_NAME,
} from '@inovda/manifest';
import type { StageGates } from '@inovda/workflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineRegion, type RegionConfig } from '../../infra/regions';
import { kotaSolok } from '../../infra/regions/kota-solok';
import { notifierFixtureManifest } from './fixtures/notifier-service/manifest';
import { isRecord, logicalIdOf, SYNTH_TIMEOUT_MS, type SynthesizedApp, synthesize, templateOf } from './synth';

/**
 * Region settings travel in a file at each function's bundle root, not in its environment. Checked with the
 * biggest region the config schema lets through: 80 OPDs with the longest ids and names, and stage gates at the
 * schema's bounds (every stage, 50 requirements each, each an evidence requirement naming every indicator; the
 * schema caps requirements a stage but not indicators a requirement, so "every indicator once" is taken as the
 * largest meaningful one).
 */

/** Lambda allows 4 KB for all of a function's variables together; a function's own stay within a quarter of it. */
const ENVIRONMENT_BUDGET_BYTES = 1024;
/** What a reference (a table or bus name, resolved at deploy time) may take at most, counted for each one. */
const RESOLVED_REFERENCE_BYTES = 256;

const LARGEST_STAGE_GATES: StageGates = Object.fromEntries(
  STAGES.map((stage) => [
    stage,
    Array.from({ length: 50 }, () => ({ kind: 'evidence' as const, indicators: [...INDICATORS] })),
  ]),
);

function kabupatenOf(opdCount: number, firstOpdName: string): RegionConfig {
  return defineRegion({
    ...kotaSolok,
    id: 'kabupaten-besar',
    displayName: 'Pemerintah Kabupaten Besar',
    kind: 'kabupaten',
    production: false,
    opds: Array.from({ length: opdCount }, (_, i) => ({
      id: `dinas-${String(i).padStart(2, '0')}-${'x'.repeat(64 - 9)}`,
      name: i === 0 ? firstOpdName : `Dinas ${i} ${'n'.repeat(200 - 7 - String(i).length)}`,
      coordinator: i === 0,
    })),
    stageGates: LARGEST_STAGE_GATES,
  });
}

/** `<hash>.zip` of a function's code asset: the cloud assembly holds the bundle in `asset.<hash>/`. */
function bundleDirectoryOf(synthesized: SynthesizedApp, functionName: string): string {
  const [stack] = synthesized.stacks;
  if (!stack) throw new Error('no stack');
  const fn = stack.services.flatMap((service) => service.functions).find((f) => f.spec.name === functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  const lambda = templateOf(synthesized, stack).toJSON().Resources[logicalIdOf(stack, fn.function)];
  const key = isRecord(lambda?.Properties) && isRecord(lambda.Properties.Code) ? lambda.Properties.Code.S3Key : '';
  return path.join(synthesized.directory, `asset.${String(key).replace(/\.zip$/, '')}`);
}

function environmentOf(synthesized: SynthesizedApp, functionName: string): Record<string, unknown> {
  const [stack] = synthesized.stacks;
  const fn = stack?.services.flatMap((service) => service.functions).find((f) => f.spec.name === functionName);
  if (!stack || !fn) throw new Error(`no function ${functionName}`);
  const lambda = templateOf(synthesized, stack).toJSON().Resources[logicalIdOf(stack, fn.function)];
  const environment = isRecord(lambda?.Properties) ? lambda.Properties.Environment : undefined;
  return isRecord(environment) && isRecord(environment.Variables) ? environment.Variables : {};
}

describe('region settings of a kabupaten at the schema bounds', () => {
  const config = kabupatenOf(80, 'Badan Riset dan Inovasi Daerah');
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    synthesized = synthesize({
      regions: [config],
      services: [notifierFixtureManifest],
      builtinCloudFormationValidation: false,
    });
  }, SYNTH_TIMEOUT_MS);

  it('is a region the config schema accepts, far too big for an environment', () => {
    expect(config.opds).toHaveLength(80);
    expect(Object.keys(config.stageGates)).toEqual([...STAGES]);
    expect(Buffer.byteLength(JSON.stringify({ opds: config.opds, stageGates: config.stageGates }))).toBeGreaterThan(
      4096,
    );
  });

  it.each(notifierFixtureManifest.functions.map((fn) => [fn.name, fn] as const))(
    '%s keeps its environment well under Lambda 4 KB',
    (name) => {
      const bytes = Object.entries(environmentOf(synthesized, name)).reduce(
        (total, [key, value]) =>
          total +
          Buffer.byteLength(key) +
          (typeof value === 'string' ? Buffer.byteLength(value) : RESOLVED_REFERENCE_BYTES),
        0,
      );
      expect(bytes).toBeLessThanOrEqual(ENVIRONMENT_BUDGET_BYTES);
    },
  );

  it.each(notifierFixtureManifest.functions.map((fn): [string, FunctionSpec] => [fn.name, fn]))(
    '%s finds in its bundle exactly the settings it names, at the path its environment gives',
    (name, fn) => {
      const file = path.join(bundleDirectoryOf(synthesized, name), REGION_SETTINGS_FILE_NAME);
      const expected = functionRegionSettings(notifierFixtureManifest, fn, config);
      const variable = environmentOf(synthesized, name)[ENV.regionSettingsFile];
      if (expected === undefined) {
        expect(existsSync(file)).toBe(false);
        expect(variable).toBeUndefined();
        return;
      }
      expect(variable).toBe(DEPLOYED_REGION_SETTINGS_FILE);
      const settings: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(Object.keys(isRecord(settings) ? settings : {}).sort()).toEqual([...(fn.regionSettings ?? [])].sort());
      expect(settings).toEqual(expected);
    },
  );

  it(
    'gives a function a new bundle when a setting it names changes, and only then',
    () => {
      const renamed = synthesize({
        regions: [kabupatenOf(80, 'Badan Riset dan Inovasi Daerah (BRIDA)')],
        services: [notifierFixtureManifest],
        builtinCloudFormationValidation: false,
      });
      const bundleOf = (app: SynthesizedApp, name: string) => path.basename(bundleDirectoryOf(app, name));
      // send-reminders names `opds`; deliver-webhook names `stageGates` only; list-webhooks names nothing.
      expect(bundleOf(renamed, 'send-reminders')).not.toBe(bundleOf(synthesized, 'send-reminders'));
      expect(bundleOf(renamed, 'deliver-webhook')).toBe(bundleOf(synthesized, 'deliver-webhook'));
      expect(bundleOf(renamed, 'list-webhooks')).toBe(bundleOf(synthesized, 'list-webhooks'));
    },
    SYNTH_TIMEOUT_MS,
  );
});
