import { type HttpEvent, type HttpResponse, httpHandler, parseOrProblem } from '@inovda/lambda-kit';
import type { Context } from 'aws-lambda';
import { depsFromEnv } from '../http/deps';
import { parseIfMatch, parseInnovationId, statusChangeBody } from '../http/request-schemas';
import { innovationResponse } from '../http/responses';
import { routes } from '../routes';
import { acting } from '../use-cases/context';
import { changeStatus } from '../use-cases/innovations';

const deps = depsFromEnv();

/** One adapter per action; both routes share the function (the same grants and the same code path). */
function statusHandler(action: 'register' | 'withdraw') {
  const route = action === 'register' ? routes.registerInnovation : routes.withdrawInnovation;
  return httpHandler(route, { body: 'optional' }, async (request) => {
    const id = parseInnovationId(request.pathParameters.id);
    const expectedVersion = parseIfMatch(request.headers['if-match'], false);
    const body = parseOrProblem(statusChangeBody, request.body);
    const actor = acting(request.caller, route.roles, request.correlationId);
    const options = {
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    };
    return innovationResponse(await changeStatus(deps, actor, id, action, options));
  });
}

const register = statusHandler('register');
const withdraw = statusHandler('withdraw');

/** POST /innovations/{id}/register and POST /innovations/{id}/withdraw, told apart by the route key. */
export const handler = (event: HttpEvent, context: Context): Promise<HttpResponse> =>
  event.routeKey === `${routes.withdrawInnovation.method} ${routes.withdrawInnovation.path}`
    ? withdraw(event, context)
    : register(event, context);
