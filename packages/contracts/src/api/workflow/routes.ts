import { pageQuery } from '../common';
import { ROLES } from '../roles';
import { defineRoutes } from '../route';
import { boardSchema, commitmentSchema, reviewQueuePageSchema } from './board';
import { cyclePageSchema, cycleSchema } from './cycle';
import { commitmentInput, createCycleInput, updateCycleInput } from './cycle-input';
import { monevReportSchema } from './monev';
import { monevInput } from './monev-input';
import { advanceRequestParams, boardQuery, commitmentParams, idParams } from './requests';
import { advanceRequestSchema, reviewResultSchema, trackHistoryPageSchema, trackSchema } from './track';
import { maturityInput, noteInput, returnInput } from './track-input';

const PROGRAMME = ['coordinator', 'admin'] as const;
const STAFF = ['coordinator', 'evaluator', 'admin'] as const;
// The owner OPD or programme staff (finer rules in the service). On the decisions on an advance request, `opd` is
// allowed so that an OPD approving its own request is refused as the illegal transition it is (409), by the one
// rule of the workflow's transitions, rather than by a role check that would hide why.
const OWNER_OR_PROGRAMME = ['opd', 'coordinator', 'admin'] as const;

const CYCLE = { description: 'The cycle; its version is the ETag.', body: cycleSchema, headers: ['etag'] } as const;
const TRACK = { description: 'The track; its version is the ETag.', body: trackSchema, headers: ['etag'] } as const;
const REVIEWED = {
  description: 'The track after the decision (its version is the ETag) and the request as decided.',
  body: reviewResultSchema,
  headers: ['etag'],
} as const;

/**
 * The HTTP routes of the workflow service: programme cycles, the coordinator's board and the 5D track of each
 * registered innovation. Finer rules (an OPD acts only on its own innovations) are the service's domain rules.
 */
export const workflowApi = defineRoutes('workflow', {
  createCycle: {
    method: 'POST',
    path: '/cycles',
    roles: PROGRAMME,
    summary: 'Plan a programme cycle with every stage window',
    body: { schema: createCycleInput, required: true },
    responses: { 201: { description: 'Planned.', body: cycleSchema, headers: ['etag', 'location'] } },
    problems: [409],
  },
  listCycles: {
    method: 'GET',
    path: '/cycles',
    roles: ROLES,
    summary: 'List programme cycles, newest year first',
    query: pageQuery,
    responses: { 200: { description: 'One page.', body: cyclePageSchema } },
  },
  getCycle: {
    method: 'GET',
    path: '/cycles/{id}',
    roles: ROLES,
    summary: 'Read one programme cycle',
    params: idParams,
    responses: { 200: CYCLE },
    problems: [404],
  },
  updateCycle: {
    method: 'PATCH',
    path: '/cycles/{id}',
    roles: PROGRAMME,
    summary: 'Move some stage windows while the cycle is planned or open',
    params: idParams,
    body: { schema: updateCycleInput, required: true },
    headers: { ifMatch: 'required' },
    responses: { 200: CYCLE },
    problems: [404, 409, 412, 428],
  },
  openCycle: {
    method: 'POST',
    path: '/cycles/{id}/open',
    roles: PROGRAMME,
    summary: 'Open a planned cycle for registrations',
    params: idParams,
    headers: { ifMatch: 'optional' },
    responses: { 200: CYCLE },
    problems: [404, 409, 412],
  },
  closeCycle: {
    method: 'POST',
    path: '/cycles/{id}/close',
    roles: PROGRAMME,
    summary: 'Close an open cycle: no more registrations',
    params: idParams,
    headers: { ifMatch: 'optional' },
    responses: { 200: CYCLE },
    problems: [404, 409, 412],
  },
  setCommitment: {
    method: 'PUT',
    path: '/cycles/{id}/commitments/{opdId}',
    roles: OWNER_OR_PROGRAMME,
    summary: "Record an OPD's pledge for the cycle (Drum up)",
    params: commitmentParams,
    body: { schema: commitmentInput, required: true },
    responses: { 200: { description: 'The pledge as recorded.', body: commitmentSchema } },
    problems: [404, 409],
  },
  getBoard: {
    method: 'GET',
    path: '/cycles/{id}/board',
    roles: STAFF,
    summary: "The coordinator's board: the funnel, per-OPD counts and, with `stage`, who is in it",
    params: idParams,
    query: boardQuery,
    responses: { 200: { description: 'The board.', body: boardSchema } },
    problems: [404],
  },
  listAdvanceRequests: {
    method: 'GET',
    path: '/cycles/{id}/advance-requests',
    roles: STAFF,
    summary: "The coordinator's review queue: requests waiting, oldest first",
    params: idParams,
    query: pageQuery,
    responses: { 200: { description: 'One page.', body: reviewQueuePageSchema } },
    problems: [404],
  },
  getTrack: {
    method: 'GET',
    path: '/innovations/{id}/track',
    roles: ROLES,
    summary: "An innovation's 5D track",
    params: idParams,
    responses: { 200: TRACK },
    problems: [404],
  },
  getTrackHistory: {
    method: 'GET',
    path: '/innovations/{id}/track/history',
    roles: ROLES,
    summary: "A track's history: who, when, what, from and to",
    params: idParams,
    query: pageQuery,
    responses: { 200: { description: 'One page, oldest first.', body: trackHistoryPageSchema } },
    problems: [404],
  },
  requestAdvance: {
    method: 'POST',
    path: '/innovations/{id}/track/advance-requests',
    roles: ['opd', 'admin'],
    summary: 'Ask to leave the current stage; the gate is checked at once',
    params: idParams,
    body: { schema: noteInput, required: false },
    responses: {
      201: {
        description: 'The request, waiting for review; the ETag is the track version.',
        body: advanceRequestSchema,
        headers: ['etag', 'location'],
      },
    },
    // 409: not allowed from the track's state, or a concurrent change; 422: the gate is not met (what is missing).
    problems: [404, 409, 422],
  },
  approveAdvance: {
    method: 'POST',
    path: '/innovations/{id}/track/advance-requests/{requestId}/approve',
    roles: OWNER_OR_PROGRAMME,
    summary: 'Approve the pending request: the track enters the next stage',
    params: advanceRequestParams,
    body: { schema: noteInput, required: false },
    responses: { 200: REVIEWED },
    problems: [404, 409, 422],
  },
  returnAdvance: {
    method: 'POST',
    path: '/innovations/{id}/track/advance-requests/{requestId}/return',
    roles: OWNER_OR_PROGRAMME,
    summary: 'Return the pending request with reasons',
    params: advanceRequestParams,
    body: { schema: returnInput, required: true },
    responses: { 200: REVIEWED },
    problems: [404, 409],
  },
  holdTrack: {
    method: 'POST',
    path: '/innovations/{id}/track/hold',
    roles: PROGRAMME,
    summary: 'Put a track on hold',
    params: idParams,
    body: { schema: noteInput, required: false },
    responses: { 200: TRACK },
    problems: [404, 409],
  },
  resumeTrack: {
    method: 'POST',
    path: '/innovations/{id}/track/resume',
    roles: PROGRAMME,
    summary: 'Resume a held track',
    params: idParams,
    body: { schema: noteInput, required: false },
    responses: { 200: TRACK },
    problems: [404, 409],
  },
  recordMaturity: {
    method: 'POST',
    path: '/innovations/{id}/track/maturity',
    roles: OWNER_OR_PROGRAMME,
    summary: 'Record the maturity reached (initiative, trial, implemented) and its date, during Deliver',
    params: idParams,
    body: { schema: maturityInput, required: true },
    responses: { 200: TRACK },
    problems: [404, 409],
  },
  reportMonev: {
    method: 'POST',
    path: '/innovations/{id}/monev',
    roles: ['opd', 'admin'],
    summary: "File a period's monitoring (monev) report, after launch",
    params: idParams,
    body: { schema: monevInput, required: true },
    responses: { 201: { description: 'The report as filed.', body: monevReportSchema } },
    problems: [404, 409],
  },
});
