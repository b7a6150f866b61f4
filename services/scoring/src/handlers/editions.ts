import { Problem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { EDITIONS, editionById } from '../editions';
import { parseEditionId } from '../http/params';
import { routes } from '../routes';

const list = httpHandler(routes.listEditions, { body: 'none' }, async () =>
  json(200, { items: Object.values(EDITIONS) }),
);

const one = httpHandler(routes.getEdition, { body: 'none' }, async (request) => {
  const edition = editionById(parseEditionId(request.pathParameters.editionId));
  if (!edition) throw new Problem('not-found');
  return json(200, edition);
});

/** GET /rubric-editions and GET /rubric-editions/{editionId}: data shipped with the platform, no table. */
export const handler = byRoute(list, one);
