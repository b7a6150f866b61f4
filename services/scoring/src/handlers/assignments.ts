import { assignmentsInput, autoAssignInput, conflictsInput } from '@inovda/contracts';
import { parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { assignEvaluators, autoAssign, declareConflicts, listEvaluators, myConflicts } from '../use-cases/assignments';
import { assignmentView, evaluatorView } from '../use-cases/views';

const deps = depsFromEnv();

const declare = httpHandler(routes.declareConflicts, { body: 'required' }, async (request) =>
  json(200, evaluatorView(await declareConflicts(deps, request.acting, parseOrProblem(conflictsInput, request.body)))),
);

const mine = httpHandler(routes.getMyConflicts, { body: 'none' }, async (request) =>
  json(200, evaluatorView(await myConflicts(deps, request.acting))),
);

const list = httpHandler(routes.listEvaluators, { body: 'none' }, async () =>
  json(200, { items: (await listEvaluators(deps)).map(evaluatorView) }),
);

const assign = httpHandler(routes.assignEvaluators, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const { evaluators } = parseOrProblem(assignmentsInput, request.body);
  return json(200, { items: (await assignEvaluators(deps, request.acting, id, evaluators)).map(assignmentView) });
});

const auto = httpHandler(routes.autoAssign, { body: 'optional' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const { perInnovation } = parseOrProblem(autoAssignInput, request.body ?? {});
  return json(200, await autoAssign(deps, request.acting, id, perInnovation));
});

/**
 * PUT and GET /evaluators/me, GET /evaluators, PUT /innovations/{id}/assignments, POST /cycles/{id}/assignments/auto.
 */
export const handler = byRoute(declare, mine, list, assign, auto);
