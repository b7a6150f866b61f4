import { readinessInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { editionDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { publishResults, setReadiness } from '../use-cases/results';

const deps = editionDepsFromEnv();

const readiness = httpHandler(routes.setReadiness, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  return json(200, await setReadiness(deps, id, parseOrProblem(readinessInput, request.body).levels));
});

const publish = httpHandler(routes.publishResults, { body: 'none' }, async (request) =>
  json(200, await publishResults(deps, request.acting, parseId(request.pathParameters.id))),
);

/**
 * What changes a cycle's results: its readiness rows and their publication. The routes that only read the results
 * are the `results` function's; correcting a published score (which publishes again) is the `scores` function's.
 */
export const handler = byRoute(readiness, publish);
