import { type ServiceTable, serviceTableFromEnv } from '@inovda/dynamo';
import { depsFromEnv } from './deps';
import { BoardStore } from './store/board-store';
import { RegistrationStore } from './store/registration-store';
import type { BoardDeps, TrackEventDeps } from './use-cases/context';

/**
 * With the board store, for the functions that move counters or record commitments. Kept apart from deps.ts so
 * that no other function's code contains an in-place update, and its write grant need not allow one
 * (`updatesItems`; test/infra/grants-match-code.test.ts reads each function's module graph).
 */
export function boardDepsFromEnv(table: ServiceTable = serviceTableFromEnv()): BoardDeps {
  return { ...depsFromEnv(table), board: new BoardStore(table.db, table.tableName) };
}

/** With what applying the submissions events records besides tracks (the track-events consumer). */
export function trackEventDepsFromEnv(): TrackEventDeps {
  const table = serviceTableFromEnv();
  return { ...boardDepsFromEnv(table), registrations: new RegistrationStore(table.db, table.tableName) };
}
