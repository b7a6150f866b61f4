import { acting, httpHandler, parseIfMatch, parseOrProblem } from '@inovda/lambda-kit';
import { updateInnovationInput } from '../domain/profile-input';
import { depsFromEnv } from '../http/deps';
import { parseInnovationId } from '../http/request-schemas';
import { innovationResponse } from '../http/responses';
import { routes } from '../routes';
import { updateInnovation } from '../use-cases/innovations';

const deps = depsFromEnv();

/** PATCH /innovations/{id} with `If-Match: "<version>"`. */
export const handler = httpHandler(routes.updateInnovation, { body: 'required' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], true);
  const patch = parseOrProblem(updateInnovationInput, request.body);
  const actor = acting(request.caller, routes.updateInnovation.roles, request.correlationId);
  return innovationResponse(await updateInnovation(deps, actor, id, expectedVersion, patch));
});
