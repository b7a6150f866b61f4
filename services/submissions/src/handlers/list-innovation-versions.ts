import { listVersionsQuery } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseInnovationId } from '../http/request-schemas';
import * as routes from '../routes';
import { listVersions } from '../use-cases/innovations';

const deps = depsFromEnv();

/** GET /innovations/{id}/versions: who changed what, when. */
export const handler = httpHandler(routes.listInnovationVersions, { body: 'none' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const query = parseOrProblem(listVersionsQuery, request.query, 'invalid-query');
  return json(200, await listVersions(deps, request.acting, id, query));
});
