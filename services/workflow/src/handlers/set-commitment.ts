import { commitmentInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { boardDepsFromEnv } from '../board-deps';
import { opdsFromSettings } from '../deps';
import { parseId, parseOpdId } from '../http/request-schemas';
import * as routes from '../routes';
import { setCommitment } from '../use-cases/board';

const deps = { ...boardDepsFromEnv(), ...opdsFromSettings() };

/** PUT /cycles/{id}/commitments/{opdId}: the OPD's pledge for the cycle (Drum up). */
export const handler = httpHandler(routes.setCommitment, { body: 'required' }, async (request) => {
  const cycleId = parseId(request.pathParameters.id);
  const opdId = parseOpdId(request.pathParameters.opdId);
  const { pledged } = parseOrProblem(commitmentInput, request.body);
  return json(200, await setCommitment(deps, request.acting, cycleId, opdId, pledged));
});
