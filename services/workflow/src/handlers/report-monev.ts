import { monevInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { reportMonev } from '../use-cases/tracks';

const deps = depsFromEnv();

/** POST /innovations/{id}/monev: the owner OPD's progress report of a period. */
export const handler = httpHandler(routes.reportMonev, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const input = parseOrProblem(monevInput, request.body);
  return json(201, await reportMonev(deps, request.acting, id, input));
});
