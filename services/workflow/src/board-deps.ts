import { serviceTableFromEnv } from '@inovda/dynamo';
import { depsFromEnv } from './deps';
import { BoardStore } from './store/board-store';
import type { BoardDeps } from './use-cases/context';

/**
 * With the board store, for the functions that move counters or record commitments. Kept apart from deps.ts so
 * that no other function's code contains an in-place update, and its write grant need not allow one
 * (`updatesItems`; test/infra/grants-match-code.test.ts reads each function's module graph).
 */
export function boardDepsFromEnv(): BoardDeps {
  const table = serviceTableFromEnv();
  return { ...depsFromEnv(table), board: new BoardStore(table.db, table.tableName) };
}
