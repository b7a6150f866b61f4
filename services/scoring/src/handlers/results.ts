import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { editionDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { getRanking, getRankingCsv, getRegionIndex } from '../use-cases/results';

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

/** A cycle's results as they stand: the ranking (JSON and CSV) and the region index. Reads only. */
export const handler = byRoute(ranking, csv, index);
