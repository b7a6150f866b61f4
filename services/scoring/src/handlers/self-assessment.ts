import { selfAssessmentInput } from '@inovda/contracts';
import { Problem, parseIfMatch, parseOrProblem } from '@inovda/kernel';
import { byRoute, httpHandler, json, versioned } from '@inovda/lambda-kit';
import { editionDepsFromEnv } from '../deps';
import { PUBLISHED_EDITIONS, publishedEditionById } from '../editions/published';
import { parseEditionId, parseId } from '../http/params';
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

const editions = httpHandler(routes.listEditions, { body: 'none' }, async () =>
  json(200, { items: PUBLISHED_EDITIONS }),
);

const edition = httpHandler(routes.getEdition, { body: 'none' }, async (request) => {
  const found = publishedEditionById(parseEditionId(request.pathParameters.editionId));
  if (!found) throw new Problem('not-found');
  return json(200, found);
});

/**
 * The rubric and an innovation's claims against it: GET /rubric-editions(/{editionId}), GET / PUT
 * /innovations/{id}/self-assessment and POST …/self-assessment/submit. One function, because both need the
 * editions' data in their bundle (the edition routes with its texts for people).
 */
export const handler = byRoute(editions, edition, get, save, submit);
