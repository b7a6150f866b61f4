import { httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseInnovationId } from '../http/request-schemas';
import * as routes from '../routes';
import { getInnovation } from '../use-cases/innovations';

const deps = depsFromEnv();

/** GET /innovations/{id} */
export const handler = httpHandler(routes.getInnovation, { body: 'none' }, async (request) =>
  versioned(await getInnovation(deps, request.acting, parseInnovationId(request.pathParameters.id))),
);
