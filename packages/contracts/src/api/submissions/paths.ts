import { ROLES } from '../roles';

const OWNER = ['opd', 'admin'] as const;

/**
 * The submissions routes as the Lambda side needs them: method, API Gateway path and the roles allowed, and nothing else,
 * so a handler that enforces its route bundles none of the other routes' schemas. The contracts (submissionsApi, in
 * routes.ts) add the schemas to these very objects; the manifest wires these.
 */
export const submissionsRoutes = {
  createInnovation: { method: 'POST', path: '/innovations', roles: OWNER },
  listInnovations: { method: 'GET', path: '/innovations', roles: ROLES },
  getInnovation: { method: 'GET', path: '/innovations/{id}', roles: ROLES },
  updateInnovation: { method: 'PATCH', path: '/innovations/{id}', roles: OWNER },
  registerInnovation: { method: 'POST', path: '/innovations/{id}/register', roles: OWNER },
  withdrawInnovation: { method: 'POST', path: '/innovations/{id}/withdraw', roles: OWNER },
  listInnovationVersions: { method: 'GET', path: '/innovations/{id}/versions', roles: ROLES },
} as const;
