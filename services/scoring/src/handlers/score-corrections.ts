import { settleInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { editionDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { correctScore } from '../use-cases/scores';

const deps = editionDepsFromEnv();

const correction = httpHandler(routes.correctScore, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  return json(200, await correctScore(deps, request.acting, id, parseOrProblem(settleInput, request.body)));
});

export const handler = byRoute(correction);
