import type { RouteSpec } from '@inovda/manifest';

/**
 * The HTTP routes of the submissions service and the roles allowed on each. Handlers import their own route
 * (to enforce its roles) and the manifest imports them all (to wire API Gateway), so each rule lives here once.
 */
export const routes = {
  createInnovation: { method: 'POST', path: '/innovations', roles: ['opd', 'admin'] },
  listInnovations: { method: 'GET', path: '/innovations', roles: ['opd', 'coordinator', 'evaluator', 'admin'] },
  getInnovation: { method: 'GET', path: '/innovations/{id}', roles: ['opd', 'coordinator', 'evaluator', 'admin'] },
  updateInnovation: { method: 'PATCH', path: '/innovations/{id}', roles: ['opd', 'admin'] },
  registerInnovation: { method: 'POST', path: '/innovations/{id}/register', roles: ['opd', 'admin'] },
  withdrawInnovation: { method: 'POST', path: '/innovations/{id}/withdraw', roles: ['opd', 'admin'] },
  listInnovationVersions: {
    method: 'GET',
    path: '/innovations/{id}/versions',
    roles: ['opd', 'coordinator', 'evaluator', 'admin'],
  },
} as const satisfies Record<string, RouteSpec>;
