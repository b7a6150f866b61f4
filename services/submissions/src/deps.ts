import { serviceTableFromEnv } from '@inovda/dynamo';
import { systemClock } from '@inovda/kernel';
import { regionIdFromEnv, regionOpdIds } from '@inovda/lambda-kit';
import { CycleStore } from './store/cycle-store';
import { InnovationStore } from './store/innovation-store';
import type { CreateDeps, Deps } from './use-cases/context';

/** Dependencies of the submissions functions, built once per cold start from the environment the stack sets. */
export function depsFromEnv(): Deps {
  const { db, tableName } = serviceTableFromEnv();
  return {
    store: new InnovationStore(db, tableName),
    cycles: new CycleStore(db, tableName),
    regionId: regionIdFromEnv(),
    ...systemClock,
  };
}

/** Dependencies of the function that creates innovations: it checks the OPD against the region's (`opds`). */
export function createDepsFromEnv(): CreateDeps {
  return { ...depsFromEnv(), regionOpdIds: regionOpdIds() };
}
