import { listInnovationsQuery } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import * as routes from '../routes';
import { listInnovations } from '../use-cases/innovations';

const deps = depsFromEnv();

/** GET /innovations?opdId=&status=&limit=&cursor= */
export const handler = httpHandler(routes.listInnovations, { body: 'none' }, async (request) => {
  const query = parseOrProblem(listInnovationsQuery, request.query, 'invalid-query');
  return json(200, await listInnovations(deps, request.acting, query));
});
