import { boardQuery } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { httpHandler, json } from '@inovda/lambda-kit';
import { listDepsFromEnv, opdsFromSettings } from '../deps';
import { parseId } from '../http/request-schemas';
import * as routes from '../routes';
import { getBoard, listStage } from '../use-cases/board';

const deps = { ...listDepsFromEnv(), ...opdsFromSettings() };

/** GET /cycles/{id}/board?stage=&limit=&cursor=: the funnel, per OPD counts and, with `stage`, who is in it. */
export const handler = httpHandler(routes.getBoard, { body: 'none' }, async (request) => {
  const cycleId = parseId(request.pathParameters.id);
  const { stage, ...page } = parseOrProblem(boardQuery, request.query, 'invalid-query');
  const board = await getBoard(deps, cycleId);
  return json(200, stage ? { ...board, stage, innovations: await listStage(deps, cycleId, stage, page) } : board);
});
