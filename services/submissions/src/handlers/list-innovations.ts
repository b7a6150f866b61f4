import { acting, httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { depsFromEnv } from '../http/deps';
import { listInnovationsQuery } from '../http/request-schemas';
import { routes } from '../routes';
import { listInnovations } from '../use-cases/innovations';

const deps = depsFromEnv();

/** GET /innovations?opdId=&status=&limit=&cursor= */
export const handler = httpHandler(routes.listInnovations, { body: 'none' }, async (request) => {
  const query = parseOrProblem(listInnovationsQuery, request.query, 'invalid-query');
  const actor = acting(request.caller, routes.listInnovations.roles, request.correlationId);
  return json(200, await listInnovations(deps, actor, query));
});
