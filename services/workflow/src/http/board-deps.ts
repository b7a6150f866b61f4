import { createDocumentClient, requiredEnv } from '@inovda/dynamo';
import { ENV } from '@inovda/manifest';
import { BoardStore } from '../store/board-store';
import type { BoardDeps } from '../use-cases/context';
import { depsFromEnv } from './deps';

/**
 * Dependencies of the handlers that record commitments or move board counters. Kept apart from `depsFromEnv` so
 * the other functions' code never contains an in-place update, and their grant need not allow one.
 */
export function boardDepsFromEnv(): BoardDeps {
  const db = createDocumentClient();
  return { ...depsFromEnv(db), board: new BoardStore(db, requiredEnv(ENV.tableName)) };
}
