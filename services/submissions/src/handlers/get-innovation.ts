import { acting, httpHandler } from '@inovda/lambda-kit';
import { depsFromEnv } from '../http/deps';
import { parseInnovationId } from '../http/request-schemas';
import { innovationResponse } from '../http/responses';
import { routes } from '../routes';
import { getInnovation } from '../use-cases/innovations';

const deps = depsFromEnv();

/** GET /innovations/{id} */
export const handler = httpHandler(routes.getInnovation, { body: 'none' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const actor = acting(request.caller, routes.getInnovation.roles, request.correlationId);
  return innovationResponse(await getInnovation(deps, actor, id));
});
