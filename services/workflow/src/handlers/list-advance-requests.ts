import { pageQuery } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { listDepsFromEnv } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { listPendingRequests } from '../use-cases/board';

const deps = listDepsFromEnv();

/** GET /cycles/{id}/advance-requests?limit=&cursor=: the coordinator's review queue. */
export const handler = httpHandler(routes.listAdvanceRequests, { body: 'none' }, async (request) => {
  const cycleId = parseId(request.pathParameters.id);
  const query = parseOrProblem(pageQuery, request.query, 'invalid-query');
  return json(200, await listPendingRequests(deps, cycleId, query));
});
