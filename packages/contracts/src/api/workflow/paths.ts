import { ROLES } from '../roles';

const PROGRAMME = ['coordinator', 'admin'] as const;
const STAFF = ['coordinator', 'evaluator', 'admin'] as const;
// The owner OPD or programme staff (finer rules in the service). On the decisions on an advance request, `opd` is
// allowed so that an OPD approving its own request is refused as the illegal transition it is (409), by the one
// rule of the workflow's transitions, rather than by a role check that would hide why.
const OWNER_OR_PROGRAMME = ['opd', 'coordinator', 'admin'] as const;

/**
 * The workflow routes as the Lambda side needs them: method, API Gateway path and the roles allowed, and nothing else,
 * so a handler that enforces its route bundles none of the other routes' schemas. The contracts (workflowApi, in
 * routes.ts) add the schemas to these very objects; the manifest wires these.
 */
export const createCycle = { method: 'POST', path: '/cycles', roles: PROGRAMME } as const;
export const listCycles = { method: 'GET', path: '/cycles', roles: ROLES } as const;
export const getCycle = { method: 'GET', path: '/cycles/{id}', roles: ROLES } as const;
export const updateCycle = { method: 'PATCH', path: '/cycles/{id}', roles: PROGRAMME } as const;
export const openCycle = { method: 'POST', path: '/cycles/{id}/open', roles: PROGRAMME } as const;
export const closeCycle = { method: 'POST', path: '/cycles/{id}/close', roles: PROGRAMME } as const;
export const setCommitment = {
  method: 'PUT',
  path: '/cycles/{id}/commitments/{opdId}',
  roles: OWNER_OR_PROGRAMME,
} as const;
export const getBoard = { method: 'GET', path: '/cycles/{id}/board', roles: STAFF } as const;
export const listAdvanceRequests = { method: 'GET', path: '/cycles/{id}/advance-requests', roles: STAFF } as const;
export const getTrack = { method: 'GET', path: '/innovations/{id}/track', roles: ROLES } as const;
export const getTrackHistory = { method: 'GET', path: '/innovations/{id}/track/history', roles: ROLES } as const;
export const getGateStatus = { method: 'GET', path: '/innovations/{id}/track/gate', roles: ROLES } as const;
export const listMonevReports = { method: 'GET', path: '/innovations/{id}/monev', roles: ROLES } as const;
export const requestAdvance = {
  method: 'POST',
  path: '/innovations/{id}/track/advance-requests',
  roles: ['opd', 'admin'],
} as const;
export const approveAdvance = {
  method: 'POST',
  path: '/innovations/{id}/track/advance-requests/{requestId}/approve',
  roles: OWNER_OR_PROGRAMME,
} as const;
export const returnAdvance = {
  method: 'POST',
  path: '/innovations/{id}/track/advance-requests/{requestId}/return',
  roles: OWNER_OR_PROGRAMME,
} as const;
export const holdTrack = { method: 'POST', path: '/innovations/{id}/track/hold', roles: PROGRAMME } as const;
export const resumeTrack = { method: 'POST', path: '/innovations/{id}/track/resume', roles: PROGRAMME } as const;
export const recordMaturity = {
  method: 'POST',
  path: '/innovations/{id}/track/maturity',
  roles: OWNER_OR_PROGRAMME,
} as const;
export const reportMonev = { method: 'POST', path: '/innovations/{id}/monev', roles: ['opd', 'admin'] } as const;

/** All of them, for the manifest and the API document; a handler imports its own, so its bundle holds no other route. */
export const workflowRoutes = {
  createCycle,
  listCycles,
  getCycle,
  updateCycle,
  openCycle,
  closeCycle,
  setCommitment,
  getBoard,
  listAdvanceRequests,
  getTrack,
  getTrackHistory,
  getGateStatus,
  requestAdvance,
  approveAdvance,
  returnAdvance,
  holdTrack,
  resumeTrack,
  recordMaturity,
  reportMonev,
  listMonevReports,
} as const;
