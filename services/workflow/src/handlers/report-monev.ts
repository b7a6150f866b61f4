import { acting, httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { monevInput } from '../domain/monev-input';
import { depsFromEnv } from '../http/deps';
import { parseId } from '../http/request-schemas';
import { routes } from '../routes';
import { reportMonev } from '../use-cases/tracks';

const deps = depsFromEnv();

/** POST /innovations/{id}/monev: the owner OPD's progress report of a period. */
export const handler = httpHandler(routes.reportMonev, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const input = parseOrProblem(monevInput, request.body);
  const actor = acting(request.caller, routes.reportMonev.roles, request.correlationId);
  return json(201, await reportMonev(deps, actor, id, input));
});
