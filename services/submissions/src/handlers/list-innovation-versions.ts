import { acting, httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { depsFromEnv } from '../http/deps';
import { listVersionsQuery, parseInnovationId } from '../http/request-schemas';
import { routes } from '../routes';
import { listVersions } from '../use-cases/innovations';

const deps = depsFromEnv();

/** GET /innovations/{id}/versions: who changed what, when. */
export const handler = httpHandler(routes.listInnovationVersions, { body: 'none' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const query = parseOrProblem(listVersionsQuery, request.query, 'invalid-query');
  const actor = acting(request.caller, routes.listInnovationVersions.roles, request.correlationId);
  return json(200, await listVersions(deps, actor, id, query));
});
