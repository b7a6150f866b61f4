import { updateCycleInput } from '@inovda/contracts';
import { parseIfMatch, parseOrProblem } from '@inovda/kernel';
import { httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { updateCycleWindows } from '../use-cases/cycles';

const deps = depsFromEnv();

/** PATCH /cycles/{id} with `If-Match: "<version>"`: move stage windows while planned or open. */
export const handler = httpHandler(routes.updateCycle, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], true);
  const patch = parseOrProblem(updateCycleInput, request.body);
  return versioned(await updateCycleWindows(deps, id, expectedVersion, patch));
});
