import { byRoute, json, publicHttpHandler } from '@inovda/lambda-kit';
import { publicResultsDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { getPublishedRanking, listPublishedRankings } from '../use-cases/results';

const deps = publicResultsDepsFromEnv();

/** GET /public/rankings (no token) */
const list = publicHttpHandler(routes.listPublishedRankings, async () => json(200, await listPublishedRankings(deps)));

/** GET /public/rankings/{id} (no token) */
const one = publicHttpHandler(routes.getPublishedRanking, async (request) =>
  json(200, await getPublishedRanking(deps, parseId(request.pathParameters.id))),
);

/** The published OPD rankings, for anyone: reads only, and only what was published. */
export const handler = byRoute(list, one);
