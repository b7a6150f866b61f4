import { registerBody, withdrawBody } from '@inovda/contracts';
import { parseIfMatch, parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseInnovationId } from '../http/request-schemas';
import * as routes from '../routes';
import { registerInnovation, withdrawInnovation } from '../use-cases/innovations';

const deps = depsFromEnv();

const register = httpHandler(routes.registerInnovation, { body: 'optional' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  const body = parseOrProblem(registerBody, request.body);
  return versioned(
    await registerInnovation(deps, request.acting, id, {
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      ...(body.cycleId ? { cycleId: body.cycleId } : {}),
    }),
  );
});

const withdraw = httpHandler(routes.withdrawInnovation, { body: 'optional' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  const body = parseOrProblem(withdrawBody, request.body);
  return versioned(
    await withdrawInnovation(deps, request.acting, id, {
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    }),
  );
});

/** POST /innovations/{id}/register and POST /innovations/{id}/withdraw: one function, the same grants. */
export const handler = byRoute(register, withdraw);
