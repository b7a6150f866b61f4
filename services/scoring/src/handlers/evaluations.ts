import { evaluationInput, myAssignmentsQuery } from '@inovda/contracts';
import { parseIfMatch, parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json, versioned } from '@inovda/lambda-kit';
import { depsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { getMyEvaluation, listEvaluations, listMyAssignments, saveMyEvaluation } from '../use-cases/evaluations';
import { assignmentView, evaluationView } from '../use-cases/views';

const deps = depsFromEnv();

const mine = httpHandler(routes.listMyAssignments, { body: 'none' }, async (request) => {
  const page = await listMyAssignments(
    deps,
    request.acting,
    parseOrProblem(myAssignmentsQuery, request.query, 'invalid-query'),
  );
  return json(200, { items: page.items.map(assignmentView), nextCursor: page.nextCursor });
});

const get = httpHandler(routes.getMyEvaluation, { body: 'none' }, async (request) =>
  versioned(evaluationView(await getMyEvaluation(deps, request.acting, parseId(request.pathParameters.id)))),
);

const save = httpHandler(routes.saveMyEvaluation, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const { decisions } = parseOrProblem(evaluationInput, request.body);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  return versioned(evaluationView(await saveMyEvaluation(deps, request.acting, id, decisions, expectedVersion)));
});

const all = httpHandler(routes.listEvaluations, { body: 'none' }, async (request) =>
  json(200, {
    items: (await listEvaluations(deps, request.acting, parseId(request.pathParameters.id))).map(evaluationView),
  }),
);

/**
 * GET /evaluations, GET|PUT /innovations/{id}/evaluations/mine and GET …/evaluations: reading and drafting, which
 * need neither the rubric nor the score (submitting is submit-evaluation.ts).
 */
export const handler = byRoute(mine, get, save, all);
