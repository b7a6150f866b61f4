import { ROLES } from '../roles';

const OWNER = ['opd', 'admin'] as const;

/**
 * The submissions routes as the Lambda side needs them: method, API Gateway path and the roles allowed, and nothing else,
 * so a handler that enforces its route bundles none of the other routes' schemas. The contracts (submissionsApi, in
 * routes.ts) add the schemas to these very objects; the manifest wires these.
 */
export const createInnovation = { method: 'POST', path: '/innovations', roles: OWNER } as const;
export const listInnovations = { method: 'GET', path: '/innovations', roles: ROLES } as const;
export const getInnovation = { method: 'GET', path: '/innovations/{id}', roles: ROLES } as const;
export const updateInnovation = { method: 'PATCH', path: '/innovations/{id}', roles: OWNER } as const;
export const registerInnovation = { method: 'POST', path: '/innovations/{id}/register', roles: OWNER } as const;
export const withdrawInnovation = { method: 'POST', path: '/innovations/{id}/withdraw', roles: OWNER } as const;
export const listInnovationVersions = { method: 'GET', path: '/innovations/{id}/versions', roles: ROLES } as const;
/** Public reads (no token): the showcase of launched innovations. */
export const listShowcase = { method: 'GET', path: '/public/innovations', roles: [], public: true } as const;
export const getShowcaseInnovation = {
  method: 'GET',
  path: '/public/innovations/{id}',
  roles: [],
  public: true,
} as const;

/** All of them, for the manifest and the API document; a handler imports its own, so its bundle holds no other route. */
export const submissionsRoutes = {
  createInnovation,
  listInnovations,
  getInnovation,
  updateInnovation,
  registerInnovation,
  withdrawInnovation,
  listInnovationVersions,
  listShowcase,
  getShowcaseInnovation,
} as const;
