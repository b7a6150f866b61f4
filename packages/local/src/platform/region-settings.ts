import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceManifest } from '@inovda/manifest';
import { regionSettingsByFunction, writeRegionSettingsFiles } from '../lambda/region-settings';
import type { LocalRegion } from '../local-region';
import type { DataDir } from './data-dir';
import type { StopOrder } from './stop-order';

/**
 * Writes the region settings file of every function that reads region settings, before any function starts:
 * `<dataDir>/region-settings/<service>/<function>.json`, or a temporary directory (removed on stop) in memory.
 * Returns the file per function id. Fails the start for a setting the region does not define.
 */
export function writeFunctionRegionSettings(
  services: readonly ServiceManifest[],
  region: LocalRegion,
  dataDir: DataDir,
  stops: StopOrder,
): Record<string, string> {
  const settings = regionSettingsByFunction(services, region);
  if (settings.size === 0) return {};
  let dir = dataDir.file('region-settings');
  if (!dir) {
    const temporary = mkdtempSync(join(tmpdir(), 'inovda-region-settings-'));
    stops.add(() => rmSync(temporary, { recursive: true, force: true }));
    dir = temporary;
  }
  return writeRegionSettingsFiles(dir, settings);
}
