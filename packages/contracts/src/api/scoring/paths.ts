import { ROLES } from '../roles';

const PROGRAMME = ['coordinator', 'admin'] as const;
const STAFF = ['coordinator', 'evaluator', 'admin'] as const;
const OWNER = ['opd', 'admin'] as const;

/**
 * The scoring routes as the Lambda side needs them: method, API Gateway path and the roles allowed, and nothing
 * else (see workflow/paths.ts). Finer rules (an OPD reads only its own innovations, and their scores only once
 * published; an evaluator only what they are assigned) are the service's domain rules.
 */
export const listEditions = { method: 'GET', path: '/rubric-editions', roles: ROLES } as const;
export const getEdition = { method: 'GET', path: '/rubric-editions/{editionId}', roles: ROLES } as const;
export const getSelfAssessment = { method: 'GET', path: '/innovations/{id}/self-assessment', roles: ROLES } as const;
export const saveSelfAssessment = { method: 'PUT', path: '/innovations/{id}/self-assessment', roles: OWNER } as const;
export const submitSelfAssessment = {
  method: 'POST',
  path: '/innovations/{id}/self-assessment/submit',
  roles: OWNER,
} as const;
export const declareConflicts = { method: 'PUT', path: '/evaluators/me', roles: ['evaluator'] } as const;
export const getMyConflicts = { method: 'GET', path: '/evaluators/me', roles: ['evaluator'] } as const;
export const listEvaluators = { method: 'GET', path: '/evaluators', roles: PROGRAMME } as const;
export const assignEvaluators = { method: 'PUT', path: '/innovations/{id}/assignments', roles: PROGRAMME } as const;
export const autoAssign = { method: 'POST', path: '/cycles/{id}/assignments/auto', roles: PROGRAMME } as const;
export const listMyAssignments = { method: 'GET', path: '/evaluations', roles: ['evaluator'] } as const;
export const getMyEvaluation = {
  method: 'GET',
  path: '/innovations/{id}/evaluations/mine',
  roles: ['evaluator'],
} as const;
export const saveMyEvaluation = {
  method: 'PUT',
  path: '/innovations/{id}/evaluations/mine',
  roles: ['evaluator'],
} as const;
export const submitMyEvaluation = {
  method: 'POST',
  path: '/innovations/{id}/evaluations/mine/submit',
  roles: ['evaluator'],
} as const;
export const listEvaluations = { method: 'GET', path: '/innovations/{id}/evaluations', roles: STAFF } as const;
export const calibrate = { method: 'POST', path: '/innovations/{id}/calibrations', roles: PROGRAMME } as const;
export const getScore = { method: 'GET', path: '/innovations/{id}/score', roles: ROLES } as const;
export const correctScore = { method: 'POST', path: '/innovations/{id}/score-corrections', roles: PROGRAMME } as const;
export const getRanking = { method: 'GET', path: '/cycles/{id}/ranking', roles: ROLES } as const;
export const getRankingCsv = { method: 'GET', path: '/cycles/{id}/ranking.csv', roles: PROGRAMME } as const;
export const getRegionIndex = { method: 'GET', path: '/cycles/{id}/region-index', roles: STAFF } as const;
export const setReadiness = { method: 'PUT', path: '/cycles/{id}/readiness', roles: PROGRAMME } as const;
export const publishResults = { method: 'POST', path: '/cycles/{id}/results/publish', roles: PROGRAMME } as const;
/** Public reads (no token): the published OPD rankings. */
export const listPublishedRankings = { method: 'GET', path: '/public/rankings', roles: [], public: true } as const;
export const getPublishedRanking = { method: 'GET', path: '/public/rankings/{id}', roles: [], public: true } as const;

/** All of them, for the manifest and the API document; a handler imports its own, so its bundle holds no other route. */
export const scoringRoutes = {
  listEditions,
  getEdition,
  getSelfAssessment,
  saveSelfAssessment,
  submitSelfAssessment,
  declareConflicts,
  getMyConflicts,
  listEvaluators,
  assignEvaluators,
  autoAssign,
  listMyAssignments,
  getMyEvaluation,
  saveMyEvaluation,
  submitMyEvaluation,
  listEvaluations,
  calibrate,
  getScore,
  correctScore,
  getRanking,
  getRankingCsv,
  getRegionIndex,
  setReadiness,
  publishResults,
  listPublishedRankings,
  getPublishedRanking,
} as const;
