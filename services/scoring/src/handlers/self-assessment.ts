import { selfAssessmentInput } from '@inovda/contracts';
import { parseIfMatch, parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, versioned } from '@inovda/lambda-kit';
import { editionDepsFromEnv } from '../deps';
import { parseId } from '../http/params';
import * as routes from '../routes';
import { getSelfAssessment, saveSelfAssessment, submitSelfAssessment } from '../use-cases/self-assessments';

const deps = editionDepsFromEnv();

const get = httpHandler(routes.getSelfAssessment, { body: 'none' }, async (request) =>
  versioned(await getSelfAssessment(deps, request.acting, parseId(request.pathParameters.id))),
);

const save = httpHandler(routes.saveSelfAssessment, { body: 'required' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const { claims } = parseOrProblem(selfAssessmentInput, request.body);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  return versioned(await saveSelfAssessment(deps, request.acting, id, claims, expectedVersion));
});

const submit = httpHandler(routes.submitSelfAssessment, { body: 'none' }, async (request) => {
  const id = parseId(request.pathParameters.id);
  const expectedVersion = parseIfMatch(request.headers['if-match'], false);
  return versioned(await submitSelfAssessment(deps, request.acting, id, expectedVersion));
});

/** An innovation's claims against its edition: GET / PUT /innovations/{id}/self-assessment and POST …/submit. */
export const handler = byRoute(get, save, submit);
