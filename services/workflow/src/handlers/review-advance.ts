import { acting, httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { noteInput, returnInput } from '../domain/track-input';
import { boardDepsFromEnv } from '../http/board-deps';
import { byRoute } from '../http/dispatch';
import { gatesFromEnv } from '../http/gate-deps';
import { parseId } from '../http/request-schemas';
import { routes } from '../routes';
import { reviewAdvance } from '../use-cases/decisions';

const deps = { ...boardDepsFromEnv(), gates: gatesFromEnv() };

const approve = httpHandler(routes.approveAdvance, { body: 'optional' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const requestId = parseId(request.pathParameters.requestId);
  const { note } = parseOrProblem(noteInput, request.body);
  const actor = acting(request.caller, routes.approveAdvance.roles, request.correlationId);
  const result = await reviewAdvance(deps, actor, id, requestId, { kind: 'approve', ...(note ? { note } : {}) });
  return json(200, result, { etag: `"${result.track.version}"` });
});

const giveBack = httpHandler(routes.returnAdvance, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const requestId = parseId(request.pathParameters.requestId);
  const { reasons } = parseOrProblem(returnInput, request.body);
  const actor = acting(request.caller, routes.returnAdvance.roles, request.correlationId);
  const result = await reviewAdvance(deps, actor, id, requestId, { kind: 'return', reasons });
  return json(200, result, { etag: `"${result.track.version}"` });
});

/** POST …/advance-requests/{requestId}/approve and …/return: a coordinator decides. */
export const handler = byRoute([routes.approveAdvance, approve], [routes.returnAdvance, giveBack]);
