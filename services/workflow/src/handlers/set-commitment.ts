import { acting, httpHandler, json, parseOrProblem } from '@inovda/lambda-kit';
import { commitmentInput } from '../domain/cycle-input';
import { boardDepsFromEnv } from '../http/board-deps';
import { parseId, parseOpdId } from '../http/request-schemas';
import { routes } from '../routes';
import { setCommitment } from '../use-cases/board';

const deps = boardDepsFromEnv();

/** PUT /cycles/{id}/commitments/{opdId}: the OPD's pledge for the cycle (Drum up). */
export const handler = httpHandler(routes.setCommitment, { body: 'required' }, async (request) => {
  const cycleId = parseId(request.pathParameters.id);
  const opdId = parseOpdId(request.pathParameters.opdId);
  const { pledged } = parseOrProblem(commitmentInput, request.body);
  const actor = acting(request.caller, routes.setCommitment.roles, request.correlationId);
  return json(200, await setCommitment(deps, actor, cycleId, opdId, pledged));
});
