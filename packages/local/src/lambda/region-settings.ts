import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { functionRegionSettings, type ServiceManifest } from '@inovda/manifest';
import { errorMessage, LocalRuntimeError } from '../errors';
import type { LocalRegion } from '../local-region';

/** The region settings of each function that reads some, by function id (`<service>/<function>`). */
export type RegionSettingsByFunction = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/**
 * Picks each function's region settings from the region config, as the stack does at synth: exactly the entries
 * its manifest entry names. A named entry the region lacks fails the start, as it fails `cdk synth`.
 */
export function regionSettingsByFunction(
  services: readonly ServiceManifest[],
  region: LocalRegion,
): RegionSettingsByFunction {
  const settings = new Map<string, Readonly<Record<string, unknown>>>();
  for (const manifest of services) {
    for (const fn of manifest.functions) {
      let picked: Record<string, unknown> | undefined;
      try {
        picked = functionRegionSettings(manifest, fn, region);
      } catch (error) {
        throw new LocalRuntimeError(
          `${errorMessage(error)} (region ${region.id}): add it to the region config or drop it from the manifest.`,
        );
      }
      if (picked) settings.set(`${manifest.name}/${fn.name}`, picked);
    }
  }
  return settings;
}

/**
 * Writes one region settings file per function, `<dir>/<service>/<function>.json`, the local counterpart of the
 * file synth puts in a function's bundle. `dir` is emptied first: the files are rewritten at every start, since the
 * region config may have changed, and a function that no longer reads settings keeps no stale file. Returns the
 * path per function id.
 */
export function writeRegionSettingsFiles(dir: string, settings: RegionSettingsByFunction): Record<string, string> {
  rmSync(dir, { recursive: true, force: true });
  const files: Record<string, string> = {};
  for (const [functionId, picked] of settings) {
    const file = join(dir, `${functionId}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(picked, null, 2)}\n`);
    files[functionId] = file;
  }
  return files;
}
