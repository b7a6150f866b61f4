import { createDocumentClient, requiredEnv } from '@inovda/dynamo';
import { ENV } from '@inovda/manifest';
import { ulid } from 'ulid';
import { CycleStore } from '../store/cycle-store';
import { TrackStore } from '../store/track-store';
import type { Deps } from '../use-cases/context';

/** Dependencies of the workflow handlers, built once per cold start from the environment. */
export function depsFromEnv(db = createDocumentClient()): Deps {
  const tableName = requiredEnv(ENV.tableName);
  return {
    cycles: new CycleStore(db, tableName),
    tracks: new TrackStore(db, tableName),
    regionId: requiredEnv(ENV.regionId),
    regionOpdIds: new Set(requiredEnv(ENV.opdIds).split(',')),
    now: () => new Date(),
    newId: () => ulid(),
  };
}
