import { acting, httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { depsFromEnv } from '../http/deps';
import { byRoute } from '../http/dispatch';
import { pageQuery, parseId } from '../http/request-schemas';
import { versioned } from '../http/responses';
import { routes } from '../routes';
import { getTrack, getTrackHistory } from '../use-cases/tracks';

const deps = depsFromEnv();

const track = httpHandler(routes.getTrack, { body: 'none' }, async (request) => {
  const actor = acting(request.caller, routes.getTrack.roles, request.correlationId);
  return versioned(await getTrack(deps, actor, parseId(request.pathParameters.id)));
});

const history = httpHandler(routes.getTrackHistory, { body: 'none' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const query = parseOrProblem(pageQuery, request.query, 'invalid-query');
  const actor = acting(request.caller, routes.getTrackHistory.roles, request.correlationId);
  return json(200, await getTrackHistory(deps, actor, id, query));
});

/** GET /innovations/{id}/track and GET /innovations/{id}/track/history. */
export const handler = byRoute([routes.getTrack, track], [routes.getTrackHistory, history]);
