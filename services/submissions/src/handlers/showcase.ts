import { showcaseQuery } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, json, publicHttpHandler } from '@inovda/lambda-kit';
import { showcaseDepsFromEnv } from '../deps';
import { parseInnovationId } from '../http/request-schemas';
import * as routes from '../routes';
import { getShowcaseInnovation, listShowcase } from '../use-cases/showcase';

const deps = showcaseDepsFromEnv();

/** GET /public/innovations?opdId=&limit=&cursor= (no token) */
const list = publicHttpHandler(routes.listShowcase, async (request) =>
  json(200, await listShowcase(deps, parseOrProblem(showcaseQuery, request.query, 'invalid-query'))),
);

/** GET /public/innovations/{id} (no token) */
const one = publicHttpHandler(routes.getShowcaseInnovation, async (request) =>
  json(200, await getShowcaseInnovation(deps, parseInnovationId(request.pathParameters.id))),
);

/** The public showcase of launched innovations: reads only, public fields only. */
export const handler = byRoute(list, one);
