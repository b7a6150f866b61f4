import * as z from 'zod/mini';
import { rubricEditionListSchema, rubricEditionSchema } from '../../rubric-edition';
import { defineRoutes } from '../route';
import { idParams } from '../workflow/requests';
import {
  assignmentsInput,
  autoAssignInput,
  conflictsInput,
  editionParams,
  evaluationInput,
  myAssignmentsQuery,
  readinessInput,
  selfAssessmentInput,
  settleInput,
} from './inputs';
import { scoringRoutes } from './paths';
import {
  assignmentListSchema,
  assignmentPageSchema,
  autoAssignResultSchema,
  evaluationListSchema,
  evaluationSchema,
  evaluatorListSchema,
  evaluatorSchema,
  publicRankingListSchema,
  publicRankingSchema,
  rankingSchema,
  regionIndexSchema,
  scoreSchema,
  selfAssessmentSchema,
} from './views';

const SELF_ASSESSMENT = {
  description: 'The self-assessment; its version is the ETag.',
  body: selfAssessmentSchema,
  headers: ['etag'],
} as const;
const EVALUATION = {
  description: "The evaluator's verification; its version is the ETag.",
  body: evaluationSchema,
  headers: ['etag'],
} as const;
const SCORE = { description: "The innovation's score.", body: scoreSchema } as const;

/**
 * The HTTP routes of the scoring service: rubric editions, the OPD's self-assessment, evaluator assignment and
 * blind verification, calibration, scores, the OPD ranking, the region index and publication.
 */
export const scoringApi = defineRoutes('scoring', {
  listEditions: {
    ...scoringRoutes.listEditions,
    summary: 'The rubric editions this platform knows',
    responses: { 200: { description: 'Every edition.', body: rubricEditionListSchema } },
  },
  getEdition: {
    ...scoringRoutes.getEdition,
    summary: 'One rubric edition: indicators, levels, evidence, readiness rows and index parameters',
    params: editionParams,
    responses: { 200: { description: 'The edition.', body: rubricEditionSchema } },
    problems: [404],
  },
  getSelfAssessment: {
    ...scoringRoutes.getSelfAssessment,
    summary: "An innovation's self-assessment (its owner OPD, or programme staff)",
    params: idParams,
    responses: { 200: SELF_ASSESSMENT },
    problems: [404],
  },
  saveSelfAssessment: {
    ...scoringRoutes.saveSelfAssessment,
    summary: 'Save the self-assessment draft: a level, evidence and (Benefit) a basis per claimed indicator',
    description:
      'Allowed once the track has reached the stage the edition names (Deliver by default) and until submitted.',
    params: idParams,
    body: { schema: selfAssessmentInput, required: true },
    headers: { ifMatch: 'optional' },
    responses: { 200: SELF_ASSESSMENT },
    problems: [404, 409, 412, 422],
  },
  submitSelfAssessment: {
    ...scoringRoutes.submitSelfAssessment,
    summary: 'Submit the self-assessment: every mandatory indicator needs a level and evidence',
    params: idParams,
    headers: { ifMatch: 'optional' },
    responses: { 200: SELF_ASSESSMENT },
    problems: [404, 409, 412, 422],
  },
  declareConflicts: {
    ...scoringRoutes.declareConflicts,
    summary: 'Declare my conflicts of interest (OPDs, innovations); my own OPD always is one',
    body: { schema: conflictsInput, required: true },
    responses: { 200: { description: 'The evaluator as recorded.', body: evaluatorSchema } },
  },
  getMyConflicts: {
    ...scoringRoutes.getMyConflicts,
    summary: 'My declared conflicts of interest, to change them (404 until I first declare)',
    responses: { 200: { description: 'The evaluator as recorded.', body: evaluatorSchema } },
    problems: [404],
  },
  listEvaluators: {
    ...scoringRoutes.listEvaluators,
    summary: 'Evaluators who declared their conflicts, with their current load',
    responses: { 200: { description: 'Every evaluator.', body: evaluatorListSchema } },
  },
  assignEvaluators: {
    ...scoringRoutes.assignEvaluators,
    summary: "Set an innovation's evaluators by hand (those who already submitted stay)",
    params: idParams,
    body: { schema: assignmentsInput, required: true },
    responses: { 200: { description: 'The assignments now.', body: assignmentListSchema } },
    problems: [404, 409, 422],
  },
  autoAssign: {
    ...scoringRoutes.autoAssign,
    summary: 'Assign evaluators to every submitted self-assessment of the cycle that lacks them, balancing the load',
    params: idParams,
    body: { schema: autoAssignInput, required: false },
    responses: {
      200: { description: 'What was assigned and what could not be staffed.', body: autoAssignResultSchema },
    },
    problems: [404, 409],
  },
  listMyAssignments: {
    ...scoringRoutes.listMyAssignments,
    summary: 'My assignments, newest first',
    query: myAssignmentsQuery,
    responses: { 200: { description: 'One page.', body: assignmentPageSchema } },
  },
  getMyEvaluation: {
    ...scoringRoutes.getMyEvaluation,
    summary: 'My verification of an innovation assigned to me, with the claims to verify',
    params: idParams,
    responses: { 200: EVALUATION },
    problems: [404],
  },
  saveMyEvaluation: {
    ...scoringRoutes.saveMyEvaluation,
    summary: 'Save my decisions: accept, lower (with a reason) or reject (with a reason), never above the claim',
    params: idParams,
    body: { schema: evaluationInput, required: true },
    headers: { ifMatch: 'optional' },
    responses: { 200: EVALUATION },
    problems: [403, 404, 409, 412, 422],
  },
  submitMyEvaluation: {
    ...scoringRoutes.submitMyEvaluation,
    summary: 'Submit my verification: every claimed indicator decided; final afterwards',
    params: idParams,
    headers: { ifMatch: 'optional' },
    responses: { 200: EVALUATION },
    problems: [403, 404, 409, 412, 422],
  },
  listEvaluations: {
    ...scoringRoutes.listEvaluations,
    summary: "Every evaluator's verification (programme staff; an evaluator once they submitted their own)",
    params: idParams,
    responses: { 200: { description: 'Every evaluation.', body: evaluationListSchema } },
    problems: [404],
  },
  calibrate: {
    ...scoringRoutes.calibrate,
    summary: 'Settle a flagged indicator with a recorded reason',
    params: idParams,
    body: { schema: settleInput, required: true },
    responses: { 200: SCORE },
    problems: [404, 409, 422],
  },
  getScore: {
    ...scoringRoutes.getScore,
    summary: "An innovation's score per indicator (its OPD: once published, and never who evaluated)",
    params: idParams,
    responses: { 200: SCORE },
    problems: [404],
  },
  correctScore: {
    ...scoringRoutes.correctScore,
    summary: 'Correct a published score with a recorded reason; the results are republished',
    params: idParams,
    body: { schema: settleInput, required: true },
    responses: { 200: SCORE },
    problems: [404, 409, 422],
  },
  getRanking: {
    ...scoringRoutes.getRanking,
    summary: 'The OPD ranking of a cycle and the incentive shortlist (everyone once published)',
    params: idParams,
    responses: { 200: { description: 'The ranking.', body: rankingSchema } },
    problems: [404],
  },
  getRankingCsv: {
    ...scoringRoutes.getRankingCsv,
    summary: 'The OPD ranking as CSV for the performance-allowance (TPP) decision, traceable to every indicator row',
    params: idParams,
    responses: {
      200: { description: 'CSV, UTF-8 with BOM, Indonesian headers.', contentType: 'text/csv', body: z.string() },
    },
    problems: [404],
  },
  getRegionIndex: {
    ...scoringRoutes.getRegionIndex,
    summary: "The region's innovation index: SPD, SID, the index, its predicate and the gain of one more innovation",
    params: idParams,
    responses: { 200: { description: 'The index.', body: regionIndexSchema } },
    problems: [404],
  },
  setReadiness: {
    ...scoringRoutes.setReadiness,
    summary: 'Enter the region readiness (SPD) rows of a cycle',
    params: idParams,
    body: { schema: readinessInput, required: true },
    responses: { 200: { description: 'The index with the new rows.', body: regionIndexSchema } },
    problems: [404, 409, 422],
  },
  publishResults: {
    ...scoringRoutes.publishResults,
    summary: "Publish a cycle's results: the ranking, the shortlist and every score become visible to the OPDs",
    params: idParams,
    responses: { 200: { description: 'The ranking as published.', body: rankingSchema } },
    problems: [404, 409],
  },
  listPublishedRankings: {
    ...scoringRoutes.listPublishedRankings,
    summary: 'The cycles whose OPD ranking was published, newest publication first (no token)',
    responses: { 200: { description: 'One entry per cycle, at its latest revision.', body: publicRankingListSchema } },
  },
  getPublishedRanking: {
    ...scoringRoutes.getPublishedRanking,
    summary: "A cycle's published OPD ranking and region index, at its latest revision (no token)",
    params: idParams,
    responses: { 200: { description: 'The ranking as published.', body: publicRankingSchema } },
    // 404: no such cycle, or its results are not published yet.
    problems: [404],
  },
});
