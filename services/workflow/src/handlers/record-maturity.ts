import { maturityInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { recordMaturity } from '../use-cases/tracks';

const deps = depsFromEnv();

/** POST /innovations/{id}/track/maturity: initiative → trial → implemented, with dates, during Deliver. */
export const handler = httpHandler(routes.recordMaturity, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const input = parseOrProblem(maturityInput, request.body);
  return versioned(await recordMaturity(deps, request.acting, id, input));
});
