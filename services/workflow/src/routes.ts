import type { RouteSpec } from '@inovda/manifest';

const ALL = ['opd', 'coordinator', 'evaluator', 'admin'] as const;
const PROGRAMME = ['coordinator', 'admin'] as const;

/**
 * The HTTP routes of the workflow service and the roles allowed on each. Handlers import their own route (to
 * enforce its roles) and the manifest imports them all (to wire API Gateway), so each rule lives here once.
 * Finer rules (an OPD acts only on its own innovations) are domain rules, in domain/access.ts.
 */
export const routes = {
  createCycle: { method: 'POST', path: '/cycles', roles: PROGRAMME },
  listCycles: { method: 'GET', path: '/cycles', roles: ALL },
  getCycle: { method: 'GET', path: '/cycles/{id}', roles: ALL },
  updateCycle: { method: 'PATCH', path: '/cycles/{id}', roles: PROGRAMME },
  openCycle: { method: 'POST', path: '/cycles/{id}/open', roles: PROGRAMME },
  closeCycle: { method: 'POST', path: '/cycles/{id}/close', roles: PROGRAMME },
  setCommitment: { method: 'PUT', path: '/cycles/{id}/commitments/{opdId}', roles: ['opd', 'coordinator', 'admin'] },
  getBoard: { method: 'GET', path: '/cycles/{id}/board', roles: ['coordinator', 'evaluator', 'admin'] },
  listAdvanceRequests: {
    method: 'GET',
    path: '/cycles/{id}/advance-requests',
    roles: ['coordinator', 'evaluator', 'admin'],
  },
  getTrack: { method: 'GET', path: '/innovations/{id}/track', roles: ALL },
  getTrackHistory: { method: 'GET', path: '/innovations/{id}/track/history', roles: ALL },
  requestAdvance: { method: 'POST', path: '/innovations/{id}/track/advance-requests', roles: ['opd', 'admin'] },
  // `opd` is allowed in so that an OPD approving its own request is refused as the illegal transition it is (409),
  // by the one rule in domain/transitions.ts, rather than by a role check that would hide why.
  approveAdvance: {
    method: 'POST',
    path: '/innovations/{id}/track/advance-requests/{requestId}/approve',
    roles: ['opd', 'coordinator', 'admin'],
  },
  returnAdvance: {
    method: 'POST',
    path: '/innovations/{id}/track/advance-requests/{requestId}/return',
    roles: ['opd', 'coordinator', 'admin'],
  },
  holdTrack: { method: 'POST', path: '/innovations/{id}/track/hold', roles: PROGRAMME },
  resumeTrack: { method: 'POST', path: '/innovations/{id}/track/resume', roles: PROGRAMME },
  recordMaturity: { method: 'POST', path: '/innovations/{id}/track/maturity', roles: ['opd', 'coordinator', 'admin'] },
  reportMonev: { method: 'POST', path: '/innovations/{id}/monev', roles: ['opd', 'admin'] },
} as const satisfies Record<string, RouteSpec>;
