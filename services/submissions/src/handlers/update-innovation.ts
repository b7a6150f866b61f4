import { updateInnovationInput } from '@inovda/contracts';
import { parseIfMatch, parseOrProblem } from '@inovda/kernel';
import { httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseInnovationId } from '../http/request-schemas';
import * as routes from '../routes';
import { updateInnovation } from '../use-cases/innovations';

const deps = depsFromEnv();

/** PATCH /innovations/{id} with `If-Match: "<version>"`. */
export const handler = httpHandler(routes.updateInnovation, { body: 'required' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], true);
  const patch = parseOrProblem(updateInnovationInput, request.body);
  return versioned(await updateInnovation(deps, request.acting, id, expectedVersion, patch));
});
