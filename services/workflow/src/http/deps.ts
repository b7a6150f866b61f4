import { createDocumentClient, requiredEnv } from '@inovda/dynamo';
import { ENV, REGION_SETTINGS } from '@inovda/manifest';
import { ulid } from 'ulid';
import { DEFAULT_STAGE_GATES, type StageGates, stageGatesSchema } from '../domain/gates';
import { CycleStore } from '../store/cycle-store';
import { TrackStore } from '../store/track-store';
import type { Deps } from '../use-cases/context';

/**
 * The region's stage gates from the environment (the region config, see `regionSettings` in the manifest), or the
 * default when the region sets none. A malformed value fails the cold start, not a request.
 */
export function gatesFromEnv(raw = process.env[REGION_SETTINGS.stageGates]): StageGates {
  if (raw === undefined || raw === '') return DEFAULT_STAGE_GATES;
  const result = stageGatesSchema.safeParse(JSON.parse(raw));
  if (!result.success) throw new Error(`${REGION_SETTINGS.stageGates} is not a valid set of stage gates`);
  return result.data;
}

/** Dependencies of the workflow handlers, built once per cold start from the environment. */
export function depsFromEnv(db = createDocumentClient()): Deps {
  const tableName = requiredEnv(ENV.tableName);
  return {
    cycles: new CycleStore(db, tableName),
    tracks: new TrackStore(db, tableName),
    regionId: requiredEnv(ENV.regionId),
    regionOpdIds: new Set(requiredEnv(ENV.opdIds).split(',')),
    gates: gatesFromEnv(),
    now: () => new Date(),
    newId: () => ulid(),
  };
}
