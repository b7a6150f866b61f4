import { noteInput } from '@inovda/contracts';
import { etagOf, parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { depsFromEnv, gatesFromSettings } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { gateStatus, requestAdvance } from '../use-cases/request-advance';

const deps = { ...depsFromEnv(), ...gatesFromSettings() };

/** POST /innovations/{id}/track/advance-requests: checked against the gate at once, then waits for review. */
const ask = httpHandler(routes.requestAdvance, { body: 'optional' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const { note } = parseOrProblem(noteInput, request.body);
  const { track, request: advance } = await requestAdvance(deps, request.acting, id, note);
  return json(201, advance, {
    location: `/innovations/${id}/track/advance-requests/${advance.requestId}`,
    etag: etagOf(track.version),
  });
});

/** GET /innovations/{id}/track/gate: what the same check would say now, before asking. */
const gate = httpHandler(routes.getGateStatus, { body: 'none' }, async (request) =>
  json(200, await gateStatus(deps, request.acting, parseId(request.pathParameters.id))),
);

/** The gate's two routes share one function: the only one (with review-advance) that bundles the gate rules. */
export const handler = byRoute(ask, gate);
