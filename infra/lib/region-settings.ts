import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type FunctionSpec,
  functionRegionSettings,
  REGION_SETTINGS_FILE_NAME,
  type ServiceManifest,
} from '@inovda/manifest';
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RegionConfig } from '../regions';

/**
 * The region settings a function may name are the top-level entries of its validated region config (the OPDs, and
 * whatever a service's manifest names): the config is already checked against its schema, so what a handler reads
 * is what `defineRegion` accepted.
 */
export function regionSettingsSource(config: RegionConfig): Readonly<Record<string, unknown>> {
  return config;
}

/** The settings file of one function, as bytes on disk: exactly the entries its manifest names. */
export function regionSettingsFileContent(
  manifest: ServiceManifest,
  fn: FunctionSpec,
  config: RegionConfig,
): string | undefined {
  const settings = functionRegionSettings(manifest, fn, regionSettingsSource(config));
  return settings === undefined ? undefined : `${JSON.stringify(settings)}\n`;
}

/**
 * Writes a function's settings file under `directory`, named by its content hash (two functions naming the same
 * entries share one file; a changed setting is a new file), and returns its path; undefined when the function
 * names no settings.
 */
export function writeRegionSettingsFile(
  directory: string,
  manifest: ServiceManifest,
  fn: FunctionSpec,
  config: RegionConfig,
): string | undefined {
  const content = regionSettingsFileContent(manifest, fn, config);
  if (content === undefined) return undefined;
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${config.id}-${manifest.name}-${fn.name}-${hash}.json`);
  writeFileSync(file, content);
  return file;
}

/** Single-quotes a path for the POSIX shell the bundling hooks run in. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Bundling hooks that copy a settings file written at synth into the bundle root, where Lambda puts it at
 * `/var/task/region-settings.json`. The bundle's asset hash is computed over the bundled output (NodejsFunction's
 * default `AssetHashType.OUTPUT`), so a changed setting is a new asset and `cdk deploy` updates the function.
 */
export function copyRegionSettingsHooks(settingsFile: string): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      `cp ${shellQuote(settingsFile)} ${shellQuote(path.join(outputDir, REGION_SETTINGS_FILE_NAME))}`,
    ],
  };
}
