import { settleInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { editionDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { calibrate, getScore } from '../use-cases/scores';

const deps = editionDepsFromEnv();

const get = httpHandler(routes.getScore, { body: 'none' }, async (request) =>
  json(200, await getScore(deps, request.acting, parseId(request.pathParameters.id))),
);

const calibration = httpHandler(routes.calibrate, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  return json(200, await calibrate(deps, request.acting, id, parseOrProblem(settleInput, request.body)));
});

/** GET /innovations/{id}/score and POST …/calibrations (a correction, which publishes again, is score-corrections'). */
export const handler = byRoute(get, calibration);
