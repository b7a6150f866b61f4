import { createDocumentClient, requiredEnv } from '@inovda/dynamo';
import { ENV } from '@inovda/manifest';
import { ulid } from 'ulid';
import { CycleStore } from '../store/cycle-store';
import { InnovationStore } from '../store/innovation-store';
import type { Deps } from '../use-cases/context';

/** Dependencies of the submissions handlers, built once per cold start from the environment. */
export function depsFromEnv(): Deps {
  const db = createDocumentClient();
  const tableName = requiredEnv(ENV.tableName);
  return {
    store: new InnovationStore(db, tableName),
    cycles: new CycleStore(db, tableName),
    regionId: requiredEnv(ENV.regionId),
    regionOpdIds: new Set(requiredEnv(ENV.opdIds).split(',')),
    now: () => new Date(),
    newId: () => ulid(),
  };
}
