import { noteInput, returnInput } from '@inovda/contracts';
import { etagOf, parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { boardDepsFromEnv } from '../board-deps';
import { gatesFromSettings } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { reviewAdvance } from '../use-cases/decisions';

const deps = { ...boardDepsFromEnv(), ...gatesFromSettings() };

const approve = httpHandler(routes.approveAdvance, { body: 'optional' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const requestId = parseId(request.pathParameters.requestId);
  const { note } = parseOrProblem(noteInput, request.body);
  const result = await reviewAdvance(deps, request.acting, id, requestId, {
    kind: 'approve',
    ...(note ? { note } : {}),
  });
  return json(200, result, { etag: etagOf(result.track.version) });
});

const giveBack = httpHandler(routes.returnAdvance, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const requestId = parseId(request.pathParameters.requestId);
  const { reasons } = parseOrProblem(returnInput, request.body);
  const result = await reviewAdvance(deps, request.acting, id, requestId, { kind: 'return', reasons });
  return json(200, result, { etag: etagOf(result.track.version) });
});

/** POST …/advance-requests/{requestId}/approve and …/return: a coordinator decides. */
export const handler = byRoute(approve, giveBack);
