import { noteInput } from '@inovda/contracts';
import { etagOf, parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { depsFromEnv, gatesFromSettings } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { requestAdvance } from '../use-cases/request-advance';

const deps = { ...depsFromEnv(), ...gatesFromSettings() };

/** POST /innovations/{id}/track/advance-requests: checked against the gate at once, then waits for review. */
export const handler = httpHandler(routes.requestAdvance, { body: 'optional' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const { note } = parseOrProblem(noteInput, request.body);
  const { track, request: advance } = await requestAdvance(deps, request.acting, id, note);
  return json(201, advance, {
    location: `/innovations/${id}/track/advance-requests/${advance.requestId}`,
    etag: etagOf(track.version),
  });
});
