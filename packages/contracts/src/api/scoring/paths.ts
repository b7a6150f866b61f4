import { ROLES } from '../roles';

const PROGRAMME = ['coordinator', 'admin'] as const;
const STAFF = ['coordinator', 'evaluator', 'admin'] as const;
const OWNER = ['opd', 'admin'] as const;

/**
 * The scoring routes as the Lambda side needs them: method, API Gateway path and the roles allowed, and nothing
 * else (see workflow/paths.ts). Finer rules (an OPD reads only its own innovations, and their scores only once
 * published; an evaluator only what they are assigned) are the service's domain rules.
 */
export const scoringRoutes = {
  listEditions: { method: 'GET', path: '/rubric-editions', roles: ROLES },
  getEdition: { method: 'GET', path: '/rubric-editions/{editionId}', roles: ROLES },
  getSelfAssessment: { method: 'GET', path: '/innovations/{id}/self-assessment', roles: ROLES },
  saveSelfAssessment: { method: 'PUT', path: '/innovations/{id}/self-assessment', roles: OWNER },
  submitSelfAssessment: { method: 'POST', path: '/innovations/{id}/self-assessment/submit', roles: OWNER },
  declareConflicts: { method: 'PUT', path: '/evaluators/me', roles: ['evaluator'] },
  listEvaluators: { method: 'GET', path: '/evaluators', roles: PROGRAMME },
  assignEvaluators: { method: 'PUT', path: '/innovations/{id}/assignments', roles: PROGRAMME },
  autoAssign: { method: 'POST', path: '/cycles/{id}/assignments/auto', roles: PROGRAMME },
  listMyAssignments: { method: 'GET', path: '/evaluations', roles: ['evaluator'] },
  getMyEvaluation: { method: 'GET', path: '/innovations/{id}/evaluations/mine', roles: ['evaluator'] },
  saveMyEvaluation: { method: 'PUT', path: '/innovations/{id}/evaluations/mine', roles: ['evaluator'] },
  submitMyEvaluation: { method: 'POST', path: '/innovations/{id}/evaluations/mine/submit', roles: ['evaluator'] },
  listEvaluations: { method: 'GET', path: '/innovations/{id}/evaluations', roles: STAFF },
  calibrate: { method: 'POST', path: '/innovations/{id}/calibrations', roles: PROGRAMME },
  getScore: { method: 'GET', path: '/innovations/{id}/score', roles: ROLES },
  correctScore: { method: 'POST', path: '/innovations/{id}/score-corrections', roles: PROGRAMME },
  getRanking: { method: 'GET', path: '/cycles/{id}/ranking', roles: ROLES },
  getRankingCsv: { method: 'GET', path: '/cycles/{id}/ranking.csv', roles: PROGRAMME },
  getRegionIndex: { method: 'GET', path: '/cycles/{id}/region-index', roles: STAFF },
  setReadiness: { method: 'PUT', path: '/cycles/{id}/readiness', roles: PROGRAMME },
  publishResults: { method: 'POST', path: '/cycles/{id}/results/publish', roles: PROGRAMME },
} as const;
