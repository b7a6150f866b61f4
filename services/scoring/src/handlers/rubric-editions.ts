import { Problem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { PUBLISHED_EDITIONS, publishedEditionById } from '../editions/published';
import { parseEditionId } from '../http/params';
import * as routes from '../routes';

const editions = httpHandler(routes.listEditions, { body: 'none' }, async () =>
  json(200, { items: PUBLISHED_EDITIONS }),
);

const edition = httpHandler(routes.getEdition, { body: 'none' }, async (request) => {
  const found = publishedEditionById(parseEditionId(request.pathParameters.editionId));
  if (!found) throw new Problem('not-found');
  return json(200, found);
});

/**
 * The rubric editions whole, texts for people included: GET /rubric-editions(/{editionId}). A function of its own,
 * with no table and no SDK client: the editions ship in its bundle, and the texts stay out of every other bundle.
 */
export const handler = byRoute(editions, edition);
