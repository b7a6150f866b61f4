import { pageQuery } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { listDepsFromEnv } from '../deps';
import * as routes from '../routes';
import { listCycles } from '../use-cases/cycles';

const deps = listDepsFromEnv();

/** GET /cycles?limit=&cursor= (newest year first). */
export const handler = httpHandler(routes.listCycles, { body: 'none' }, async (request) =>
  json(200, await listCycles(deps, parseOrProblem(pageQuery, request.query, 'invalid-query'))),
);
