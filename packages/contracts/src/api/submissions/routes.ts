import { idempotencyKeyHeader } from '../common';
import { defineRoutes } from '../route';
import { historyPageSchema, innovationPageSchema, innovationSchema } from './innovation';
import { createInnovationInput, updateInnovationInput } from './innovation-input';
import { submissionsRoutes } from './paths';
import { innovationParams, listInnovationsQuery, listVersionsQuery, registerBody, withdrawBody } from './requests';
import { publicInnovationPageSchema, publicInnovationSchema, showcaseParams, showcaseQuery } from './showcase';

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
    ...submissionsRoutes.createInnovation,
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
    ...submissionsRoutes.listInnovations,
    summary: 'List innovations the caller may see, by OPD and status',
    query: listInnovationsQuery,
    responses: { 200: { description: 'One page.', body: innovationPageSchema } },
  },
  getInnovation: {
    ...submissionsRoutes.getInnovation,
    summary: 'Read one innovation',
    params: innovationParams,
    responses: { 200: INNOVATION },
    problems: [404],
  },
  updateInnovation: {
    ...submissionsRoutes.updateInnovation,
    summary: 'Change some profile fields (a merge patch; null clears a field)',
    params: innovationParams,
    body: { schema: updateInnovationInput, required: true },
    headers: { ifMatch: 'required' },
    responses: { 200: INNOVATION },
    problems: [404, 409, 412, 422, 428],
  },
  registerInnovation: {
    ...submissionsRoutes.registerInnovation,
    summary: 'Register a draft into an open programme cycle',
    params: innovationParams,
    body: { schema: registerBody, required: false },
    headers: { ifMatch: 'optional' },
    responses: { 200: INNOVATION },
    // 409: not a draft, the cycle closed, no cycle open; 422: an unknown cycle.
    problems: [404, 409, 412, 422],
  },
  withdrawInnovation: {
    ...submissionsRoutes.withdrawInnovation,
    summary: 'Withdraw an innovation, with an optional reason',
    params: innovationParams,
    body: { schema: withdrawBody, required: false },
    headers: { ifMatch: 'optional' },
    responses: { 200: INNOVATION },
    problems: [404, 409, 412],
  },
  listInnovationVersions: {
    ...submissionsRoutes.listInnovationVersions,
    summary: 'Change history of an innovation: who, when, which fields',
    params: innovationParams,
    query: listVersionsQuery,
    responses: { 200: { description: 'One page, oldest first.', body: historyPageSchema } },
    problems: [404],
  },
  listShowcase: {
    ...submissionsRoutes.listShowcase,
    summary: 'The public showcase: innovations that reached Display, newest launch first (no token)',
    description:
      'Only public fields: name, OPD, government affairs, summary (the goals), results and launch date. Limited per address.',
    query: showcaseQuery,
    responses: { 200: { description: 'One page, newest launch first.', body: publicInnovationPageSchema } },
  },
  getShowcaseInnovation: {
    ...submissionsRoutes.getShowcaseInnovation,
    summary: 'One launched innovation as the public sees it (no token)',
    params: showcaseParams,
    responses: { 200: { description: 'Its public fields.', body: publicInnovationSchema } },
    // 404: no such innovation, or one that has not reached Display (or was withdrawn).
    problems: [404],
  },
});
