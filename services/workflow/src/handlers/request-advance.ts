import { acting, httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { noteInput } from '../domain/track-input';
import { gateDepsFromEnv } from '../http/gate-deps';
import { parseId } from '../http/request-schemas';
import { routes } from '../routes';
import { requestAdvance } from '../use-cases/request-advance';

const deps = gateDepsFromEnv();

/** POST /innovations/{id}/track/advance-requests: checked against the gate at once, then waits for review. */
export const handler = httpHandler(routes.requestAdvance, { body: 'optional' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const { note } = parseOrProblem(noteInput, request.body);
  const actor = acting(request.caller, routes.requestAdvance.roles, request.correlationId);
  const { track, request: advance } = await requestAdvance(deps, actor, id, note);
  return json(201, advance, {
    location: `/innovations/${id}/track/advance-requests/${advance.requestId}`,
    etag: `"${track.version}"`,
  });
});
