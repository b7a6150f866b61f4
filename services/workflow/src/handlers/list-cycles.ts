import { httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { depsFromEnv } from '../http/deps';
import { pageQuery } from '../http/request-schemas';
import { routes } from '../routes';
import { listCycles } from '../use-cases/cycles';

const deps = depsFromEnv();

/** GET /cycles?limit=&cursor= (newest year first). */
export const handler = httpHandler(routes.listCycles, { body: 'none' }, async (request) => {
  const query = parseOrProblem(pageQuery, request.query, 'invalid-query');
  return json(200, await listCycles(deps, query));
});
