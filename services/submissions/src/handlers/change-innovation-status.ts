import {
  acting,
  type HttpEvent,
  type HttpResponse,
  httpHandler,
  Problem,
  parseIfMatch,
  parseOrProblem,
  problemResponse,
} from '@inovda/lambda-kit';
import type { Context } from 'aws-lambda';
import { depsFromEnv } from '../http/deps';
import { parseInnovationId, registerBody, withdrawBody } from '../http/request-schemas';
import { innovationResponse } from '../http/responses';
import { routes } from '../routes';
import { registerInnovation, withdrawInnovation } from '../use-cases/innovations';

const deps = depsFromEnv();

const register = httpHandler(routes.registerInnovation, { body: 'optional' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  const body = parseOrProblem(registerBody, request.body);
  const actor = acting(request.caller, routes.registerInnovation.roles, request.correlationId);
  return innovationResponse(
    await registerInnovation(deps, actor, id, {
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      ...(body.cycleId ? { cycleId: body.cycleId } : {}),
    }),
  );
});

const withdraw = httpHandler(routes.withdrawInnovation, { body: 'optional' }, async (request) => {
  const id = parseInnovationId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  const body = parseOrProblem(withdrawBody, request.body);
  const actor = acting(request.caller, routes.withdrawInnovation.roles, request.correlationId);
  return innovationResponse(
    await withdrawInnovation(deps, actor, id, {
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    }),
  );
});

const byRouteKey: Record<string, typeof register> = {
  [`${routes.registerInnovation.method} ${routes.registerInnovation.path}`]: register,
  [`${routes.withdrawInnovation.method} ${routes.withdrawInnovation.path}`]: withdraw,
};

/**
 * POST /innovations/{id}/register and POST /innovations/{id}/withdraw: one function (the same grants and code
 * path), told apart by the route key; any other route key is not ours.
 */
export const handler = (event: HttpEvent, context: Context): Promise<HttpResponse> => {
  const route = byRouteKey[event.routeKey];
  return route ? route(event, context) : Promise.resolve(problemResponse(new Problem('not-found')));
};
