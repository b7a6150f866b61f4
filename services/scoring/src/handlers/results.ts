import { readinessInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { editionDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { getRanking, getRankingCsv, getRegionIndex, publishResults, setReadiness } from '../use-cases/results';

const deps = editionDepsFromEnv();

const ranking = httpHandler(routes.getRanking, { body: 'none' }, async (request) =>
  json(200, await getRanking(deps, request.acting, parseId(request.pathParameters.id))),
);

const csv = httpHandler(routes.getRankingCsv, { body: 'none' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="peringkat-opd-${id}.csv"`,
    },
    body: await getRankingCsv(deps, request.acting, id),
  };
});

const index = httpHandler(routes.getRegionIndex, { body: 'none' }, async (request) =>
  json(200, await getRegionIndex(deps, parseId(request.pathParameters.id))),
);

const readiness = httpHandler(routes.setReadiness, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  return json(200, await setReadiness(deps, id, parseOrProblem(readinessInput, request.body).levels));
});

const publish = httpHandler(routes.publishResults, { body: 'none' }, async (request) =>
  json(200, await publishResults(deps, request.acting, parseId(request.pathParameters.id))),
);

/** The ranking (JSON and CSV), the region index, readiness rows and publication of a cycle. */
export const handler = byRoute(ranking, csv, index, readiness, publish);
