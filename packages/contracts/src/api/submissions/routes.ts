import { ROLES } from '../roles';
import { defineRoutes } from '../route';
import { historyPageSchema, innovationPageSchema, innovationSchema } from './innovation';
import { createInnovationInput, updateInnovationInput } from './innovation-input';
import {
  idempotencyKeyHeader,
  innovationParams,
  listInnovationsQuery,
  listVersionsQuery,
  registerBody,
  withdrawBody,
} from './requests';

const OWNER = ['opd', 'admin'] as const;

const INNOVATION = {
  description: 'The innovation; its version is the ETag.',
  body: innovationSchema,
  headers: ['etag'],
} as const;

/**
 * The HTTP routes of the submissions service: the innovation profile and its lifecycle. Handlers import their own
 * route (to enforce its roles) and the manifest imports them all (to wire API Gateway), so each lives here once.
 */
export const submissionsApi = defineRoutes('submissions', {
  createInnovation: {
    method: 'POST',
    path: '/innovations',
    roles: OWNER,
    summary: 'Create a draft innovation',
    description:
      'An `Idempotency-Key` makes retries safe: the same key with the same body answers the first result (200).',
    body: { schema: createInnovationInput, required: true },
    headers: { idempotencyKey: idempotencyKeyHeader },
    responses: {
      201: { description: 'Created.', body: innovationSchema, headers: ['etag', 'location'] },
      200: {
        description: 'A retry with the same `Idempotency-Key` and body: the innovation created first.',
        body: innovationSchema,
        headers: ['etag', 'location', 'idempotent-replayed'],
      },
    },
    // 409: a concurrent write; 422: the key was used with another body, or the profile is over its size budget.
    problems: [409, 422],
  },
  listInnovations: {
    method: 'GET',
    path: '/innovations',
    roles: ROLES,
    summary: 'List innovations the caller may see, by OPD and status',
    query: listInnovationsQuery,
    responses: { 200: { description: 'One page.', body: innovationPageSchema } },
  },
  getInnovation: {
    method: 'GET',
    path: '/innovations/{id}',
    roles: ROLES,
    summary: 'Read one innovation',
    params: innovationParams,
    responses: { 200: INNOVATION },
    problems: [404],
  },
  updateInnovation: {
    method: 'PATCH',
    path: '/innovations/{id}',
    roles: OWNER,
    summary: 'Change some profile fields (a merge patch; null clears a field)',
    params: innovationParams,
    body: { schema: updateInnovationInput, required: true },
    headers: { ifMatch: 'required' },
    responses: { 200: INNOVATION },
    problems: [404, 409, 412, 422, 428],
  },
  registerInnovation: {
    method: 'POST',
    path: '/innovations/{id}/register',
    roles: OWNER,
    summary: 'Register a draft into an open programme cycle',
    params: innovationParams,
    body: { schema: registerBody, required: false },
    headers: { ifMatch: 'optional' },
    responses: { 200: INNOVATION },
    // 409: not a draft, the cycle closed, no cycle open; 422: an unknown cycle.
    problems: [404, 409, 412, 422],
  },
  withdrawInnovation: {
    method: 'POST',
    path: '/innovations/{id}/withdraw',
    roles: OWNER,
    summary: 'Withdraw an innovation, with an optional reason',
    params: innovationParams,
    body: { schema: withdrawBody, required: false },
    headers: { ifMatch: 'optional' },
    responses: { 200: INNOVATION },
    problems: [404, 409, 412],
  },
  listInnovationVersions: {
    method: 'GET',
    path: '/innovations/{id}/versions',
    roles: ROLES,
    summary: 'Change history of an innovation: who, when, which fields',
    params: innovationParams,
    query: listVersionsQuery,
    responses: { 200: { description: 'One page, oldest first.', body: historyPageSchema } },
    problems: [404],
  },
});
