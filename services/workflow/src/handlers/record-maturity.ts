import { acting, httpHandler, parseOrProblem } from '@inovda/lambda-kit';
import { maturityInput } from '../domain/track-input';
import { depsFromEnv } from '../http/deps';
import { parseId } from '../http/request-schemas';
import { versioned } from '../http/responses';
import { routes } from '../routes';
import { recordMaturity } from '../use-cases/tracks';

const deps = depsFromEnv();

/** POST /innovations/{id}/track/maturity: initiative → trial → implemented, with dates, during Deliver. */
export const handler = httpHandler(routes.recordMaturity, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const input = parseOrProblem(maturityInput, request.body);
  const actor = acting(request.caller, routes.recordMaturity.roles, request.correlationId);
  return versioned(await recordMaturity(deps, actor, id, input));
});
