import { type ServiceTable, serviceTableFromEnv } from '@inovda/dynamo';
import { systemClock } from '@inovda/kernel';
import { regionIdFromEnv, regionOpdIds, regionSetting } from '@inovda/lambda-kit';
import { stageGatesSchema } from './domain/gates';
import { CycleStore } from './store/cycle-store';
import { GateProjectionStore } from './store/gate-projection-store';
import { ListStore } from './store/list-store';
import { TrackStore } from './store/track-store';
import type { Deps, GateDeps, ListDeps, RegionOpdDeps } from './use-cases/context';

/**
 * Dependencies of the workflow functions, built once per cold start from the environment the stack sets. Each
 * function takes only what it uses: the gates and the region's OPDs only where the manifest names those region
 * settings, the board store only through board-deps.ts.
 */
export function depsFromEnv({ db, tableName }: ServiceTable = serviceTableFromEnv()): Deps {
  return {
    cycles: new CycleStore(db, tableName),
    tracks: new TrackStore(db, tableName),
    projections: new GateProjectionStore(db, tableName),
    regionId: regionIdFromEnv(),
    ...systemClock,
  };
}

/** With the list store, for the functions that list (it is the only one that queries). */
export function listDepsFromEnv(): ListDeps {
  const table = serviceTableFromEnv();
  return { ...depsFromEnv(table), lists: new ListStore(table.db, table.tableName) };
}

/** The region's stage gates (region setting `stageGates`). */
export function gatesFromSettings(): Pick<GateDeps, 'gates'> {
  return { gates: regionSetting('stageGates', stageGatesSchema) };
}

/** The region's OPDs (region setting `opds`). */
export function opdsFromSettings(): RegionOpdDeps {
  return { regionOpdIds: regionOpdIds() };
}
