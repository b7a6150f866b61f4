import { idempotencyKeyHeader, pageQuery } from '../common';
import { defineRoutes } from '../route';
import { boardSchema, commitmentSchema, reviewQueuePageSchema } from './board';
import { cyclePageSchema, cycleSchema } from './cycle';
import { commitmentInput, createCycleInput, updateCycleInput } from './cycle-input';
import { monevReportPageSchema, monevReportSchema } from './monev';
import { monevInput } from './monev-input';
import { workflowRoutes } from './paths';
import { advanceRequestParams, boardQuery, commitmentParams, idParams } from './requests';
import {
  advanceRequestSchema,
  gateStatusSchema,
  reviewResultSchema,
  trackHistoryPageSchema,
  trackSchema,
} from './track';
import { maturityInput, noteInput, returnInput } from './track-input';

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
    ...workflowRoutes.createCycle,
    summary: 'Plan a programme cycle with every stage window',
    description:
      'An `Idempotency-Key` makes retries safe: the same key with the same body answers the first result (200).',
    body: { schema: createCycleInput, required: true },
    headers: { idempotencyKey: idempotencyKeyHeader },
    responses: {
      201: { description: 'Planned.', body: cycleSchema, headers: ['etag', 'location'] },
      200: {
        description: 'A retry with the same `Idempotency-Key` and body: the cycle planned first.',
        body: cycleSchema,
        headers: ['etag', 'location', 'idempotent-replayed'],
      },
    },
    // 409: a concurrent write; 422: the key was used with another body.
    problems: [409, 422],
  },
  listCycles: {
    ...workflowRoutes.listCycles,
    summary: 'List programme cycles, newest year first',
    query: pageQuery,
    responses: { 200: { description: 'One page.', body: cyclePageSchema } },
  },
  getCycle: {
    ...workflowRoutes.getCycle,
    summary: 'Read one programme cycle',
    params: idParams,
    responses: { 200: CYCLE },
    problems: [404],
  },
  updateCycle: {
    ...workflowRoutes.updateCycle,
    summary: 'Move some stage windows while the cycle is planned or open',
    params: idParams,
    body: { schema: updateCycleInput, required: true },
    headers: { ifMatch: 'required' },
    responses: { 200: CYCLE },
    problems: [404, 409, 412, 428],
  },
  openCycle: {
    ...workflowRoutes.openCycle,
    summary: 'Open a planned cycle for registrations',
    params: idParams,
    headers: { ifMatch: 'optional' },
    responses: { 200: CYCLE },
    problems: [404, 409, 412],
  },
  closeCycle: {
    ...workflowRoutes.closeCycle,
    summary: 'Close an open cycle: no more registrations',
    params: idParams,
    headers: { ifMatch: 'optional' },
    responses: { 200: CYCLE },
    problems: [404, 409, 412],
  },
  setCommitment: {
    ...workflowRoutes.setCommitment,
    summary: "Record an OPD's pledge for the cycle (Drum up)",
    params: commitmentParams,
    body: { schema: commitmentInput, required: true },
    responses: { 200: { description: 'The pledge as recorded.', body: commitmentSchema } },
    problems: [404, 409],
  },
  getBoard: {
    ...workflowRoutes.getBoard,
    summary: "The coordinator's board: the funnel, per-OPD counts and, with `stage`, who is in it",
    params: idParams,
    query: boardQuery,
    responses: { 200: { description: 'The board.', body: boardSchema } },
    problems: [404],
  },
  listAdvanceRequests: {
    ...workflowRoutes.listAdvanceRequests,
    summary: "The coordinator's review queue: requests waiting, oldest first",
    params: idParams,
    query: pageQuery,
    responses: { 200: { description: 'One page.', body: reviewQueuePageSchema } },
    problems: [404],
  },
  getTrack: {
    ...workflowRoutes.getTrack,
    summary: "An innovation's 5D track",
    params: idParams,
    responses: { 200: TRACK },
    problems: [404],
  },
  getTrackHistory: {
    ...workflowRoutes.getTrackHistory,
    summary: "A track's history: who, when, what, from and to",
    params: idParams,
    query: pageQuery,
    responses: { 200: { description: 'One page, oldest first.', body: trackHistoryPageSchema } },
    problems: [404],
  },
  getGateStatus: {
    ...workflowRoutes.getGateStatus,
    summary: 'What leaving the current stage still needs (the check an advance request meets), before asking',
    params: idParams,
    responses: {
      200: { description: 'The gate of the current stage and what it still needs.', body: gateStatusSchema },
    },
    problems: [404],
  },
  requestAdvance: {
    ...workflowRoutes.requestAdvance,
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
    ...workflowRoutes.approveAdvance,
    summary: 'Approve the pending request: the track enters the next stage',
    params: advanceRequestParams,
    body: { schema: noteInput, required: false },
    responses: { 200: REVIEWED },
    problems: [404, 409, 422],
  },
  returnAdvance: {
    ...workflowRoutes.returnAdvance,
    summary: 'Return the pending request with reasons',
    params: advanceRequestParams,
    body: { schema: returnInput, required: true },
    responses: { 200: REVIEWED },
    problems: [404, 409],
  },
  holdTrack: {
    ...workflowRoutes.holdTrack,
    summary: 'Put a track on hold',
    params: idParams,
    body: { schema: noteInput, required: false },
    responses: { 200: TRACK },
    problems: [404, 409],
  },
  resumeTrack: {
    ...workflowRoutes.resumeTrack,
    summary: 'Resume a held track',
    params: idParams,
    body: { schema: noteInput, required: false },
    responses: { 200: TRACK },
    problems: [404, 409],
  },
  recordMaturity: {
    ...workflowRoutes.recordMaturity,
    summary: 'Record the maturity reached (initiative, trial, implemented) and its date, during Deliver',
    params: idParams,
    body: { schema: maturityInput, required: true },
    responses: { 200: TRACK },
    problems: [404, 409],
  },
  reportMonev: {
    ...workflowRoutes.reportMonev,
    summary: "File a period's monitoring (monev) report, after launch",
    params: idParams,
    body: { schema: monevInput, required: true },
    responses: { 201: { description: 'The report as filed.', body: monevReportSchema } },
    problems: [404, 409],
  },
  listMonevReports: {
    ...workflowRoutes.listMonevReports,
    summary: "An innovation's monev reports, as filed",
    params: idParams,
    query: pageQuery,
    responses: { 200: { description: 'One page, by period (P1 first).', body: monevReportPageSchema } },
    problems: [404],
  },
});
