import { REGION_SETTINGS } from '@inovda/manifest';
import { DEFAULT_STAGE_GATES, type StageGates, stageGatesSchema } from '../domain/gates';
import type { GateDeps } from '../use-cases/context';
import { depsFromEnv } from './deps';

/**
 * The region's stage gates from the environment (the region config, see `regionSettings` in the manifest), or the
 * default when the region sets none. A malformed value fails the cold start, not a request.
 */
export function gatesFromEnv(raw = process.env[REGION_SETTINGS.stageGates]): StageGates {
  if (raw === undefined || raw === '') return DEFAULT_STAGE_GATES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const result = stageGatesSchema.safeParse(parsed);
  if (!result.success) throw new Error(`${REGION_SETTINGS.stageGates} is not a valid set of stage gates`);
  return result.data;
}

/** Dependencies of the function that checks stage gates: the others never bundle the gate schema. */
export function gateDepsFromEnv(): GateDeps {
  return { ...depsFromEnv(), gates: gatesFromEnv() };
}
