import { parseIfMatch } from '@inovda/kernel';
import { httpHandler, versioned } from '@inovda/lambda-kit';
import { scoringDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { submitMyEvaluation } from '../use-cases/submit-evaluation';
import { evaluationView } from '../use-cases/views';

const deps = scoringDepsFromEnv();

/** POST /innovations/{id}/evaluations/mine/submit: final; the last evaluator to submit settles the score. */
export const handler = httpHandler(routes.submitMyEvaluation, { body: 'none' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  return versioned(evaluationView(await submitMyEvaluation(deps, request.acting, id, expectedVersion)));
});
