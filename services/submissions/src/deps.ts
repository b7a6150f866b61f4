import { serviceTableFromEnv } from '@inovda/dynamo';
import { systemClock } from '@inovda/kernel';
import { regionIdFromEnv, regionOpdIds, regionOpdNames } from '@inovda/lambda-kit';
import { CycleStore } from './store/cycle-store';
import { InnovationStore } from './store/innovation-store';
import { ShowcaseStore } from './store/showcase-store';
import type { CreateDeps, Deps } from './use-cases/context';
import type { LaunchDeps, ShowcaseDeps } from './use-cases/showcase';

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

/** Dependencies of the function that records launches in the showcase. */
export function launchDepsFromEnv(): LaunchDeps {
  const { db, tableName } = serviceTableFromEnv();
  return { showcase: new ShowcaseStore(db, tableName), ...systemClock };
}

/** Dependencies of the public reads: the showcase, and the OPD names they show (`opds`). */
export function showcaseDepsFromEnv(): ShowcaseDeps {
  return { ...launchDepsFromEnv(), opdNames: regionOpdNames() };
}
