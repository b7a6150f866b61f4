import { pageQuery } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json, versioned } from '@inovda/lambda-kit';
import { listDepsFromEnv } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { getTrack, getTrackHistory, listMonevReports } from '../use-cases/tracks';

const deps = listDepsFromEnv();

const track = httpHandler(routes.getTrack, { body: 'none' }, async (request) =>
  versioned(await getTrack(deps, request.acting, parseId(request.pathParameters.id))),
);

const history = httpHandler(routes.getTrackHistory, { body: 'none' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const query = parseOrProblem(pageQuery, request.query, 'invalid-query');
  return json(200, await getTrackHistory(deps, request.acting, id, query));
});

const monev = httpHandler(routes.listMonevReports, { body: 'none' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const query = parseOrProblem(pageQuery, request.query, 'invalid-query');
  return json(200, await listMonevReports(deps, request.acting, id, query));
});

/** GET /innovations/{id}/track, GET /innovations/{id}/track/history and GET /innovations/{id}/monev. */
export const handler = byRoute(track, history, monev);
