import { fileURLToPath } from 'node:url';
import {
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationWithdrawn,
  patternOf,
} from '@inovda/contracts';
import { type RetryPolicy, type ServiceManifest, singleTable, withOutbox } from '@inovda/manifest';
import * as routes from './routes';

/**
 * Putting an event into a consumer's queue is retried for up to a day (EventBridge's own limit). Failures of the
 * consumer itself are its queue's to retry, for a day too (`CONSUMER_QUEUE`): a track that misses its registration
 * leaves an OPD unable to advance, so it is worth waiting out a throttled table; after that the event is set aside
 * in the consumer's DLQ for `npm run redrive`.
 */
const CONSUMER_RETRY: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 24 * 3600 };

/** The workflow service: its table, functions, routes, subscriptions and schedule, and its outbox (`withOutbox`). Plain data (see @inovda/manifest). */
export const workflowManifest = withOutbox({
  name: 'workflow',
  root: fileURLToPath(new URL('..', import.meta.url)),
  // gsi1 (overloaded): cycles by year, and tracks by cycle and stage (the board). gsi2 (sparse): tracks with a
  // stage window or monev period coming due, keyed by the due date. gsi3 (sparse): a cycle's review queue, only
  // tracks with an advance request waiting. See store/keys.ts.
  table: singleTable('workflow', 3),
  functions: [
    {
      name: 'create-cycle',
      entry: 'src/handlers/create-cycle.ts',
      description: 'Plan a programme cycle with its stage windows',
      tableAccess: 'read-write',
      routes: [routes.createCycle],
    },
    {
      name: 'list-cycles',
      entry: 'src/handlers/list-cycles.ts',
      description: 'List programme cycles, newest first',
      tableAccess: 'read',
      routes: [routes.listCycles],
    },
    {
      name: 'get-cycle',
      entry: 'src/handlers/get-cycle.ts',
      description: 'Read one programme cycle',
      tableAccess: 'read',
      routes: [routes.getCycle],
    },
    {
      name: 'update-cycle',
      entry: 'src/handlers/update-cycle.ts',
      description: 'Move stage windows of a planned or open cycle (If-Match version)',
      tableAccess: 'read-write',
      routes: [routes.updateCycle],
    },
    {
      name: 'change-cycle-status',
      entry: 'src/handlers/change-cycle-status.ts',
      description: 'Open a planned cycle or close an open one',
      tableAccess: 'read-write',
      routes: [routes.openCycle, routes.closeCycle],
    },
    {
      name: 'set-commitment',
      entry: 'src/handlers/set-commitment.ts',
      description: 'Record how many innovations an OPD pledges in a cycle',
      tableAccess: 'read-write',
      updatesItems: true,
      routes: [routes.setCommitment],
      regionSettings: ['opds'],
    },
    {
      name: 'get-board',
      entry: 'src/handlers/get-board.ts',
      description: 'The coordinator board: funnel, per-OPD counts, innovations per stage',
      tableAccess: 'read',
      routes: [routes.getBoard],
      // The board lists every OPD of the region, pledged or not.
      regionSettings: ['opds'],
    },
    {
      name: 'list-advance-requests',
      entry: 'src/handlers/list-advance-requests.ts',
      description: 'The review queue: innovations of a cycle with an advance request waiting',
      tableAccess: 'read',
      routes: [routes.listAdvanceRequests],
    },
    {
      name: 'get-track',
      entry: 'src/handlers/get-track.ts',
      description: 'Read the 5D track of an innovation, its history and its monev reports',
      tableAccess: 'read',
      routes: [routes.getTrack, routes.getTrackHistory, routes.listMonevReports],
    },
    {
      name: 'request-advance',
      entry: 'src/handlers/request-advance.ts',
      description:
        'The owner OPD asks to leave its stage, checked against the gate; anyone who reads the track sees what the gate still needs',
      tableAccess: 'read-write',
      routes: [routes.requestAdvance, routes.getGateStatus],
      regionSettings: ['stageGates'],
    },
    {
      name: 'review-advance',
      entry: 'src/handlers/review-advance.ts',
      description: 'A coordinator approves or returns an advance request',
      tableAccess: 'read-write',
      updatesItems: true,
      // An approval checks the gate again: the profile may have changed since the request.
      regionSettings: ['stageGates'],
      routes: [routes.approveAdvance, routes.returnAdvance],
    },
    {
      name: 'hold-track',
      entry: 'src/handlers/hold-track.ts',
      description: 'A coordinator holds or resumes a track',
      tableAccess: 'read-write',
      updatesItems: true,
      routes: [routes.holdTrack, routes.resumeTrack],
    },
    {
      name: 'record-maturity',
      entry: 'src/handlers/record-maturity.ts',
      description: 'Record maturity (initiative, trial, implemented) with dates during Deliver',
      tableAccess: 'read-write',
      routes: [routes.recordMaturity],
    },
    {
      name: 'report-monev',
      entry: 'src/handlers/report-monev.ts',
      description: 'The owner OPD files a monitoring (monev) report',
      tableAccess: 'read-write',
      routes: [routes.reportMonev],
    },
    {
      name: 'track-events',
      entry: 'src/handlers/track-events.ts',
      description: 'Open and close tracks and keep the gate projection from submissions events',
      tableAccess: 'read-write',
      updatesItems: true,
      subscriptions: [
        {
          name: 'innovation-registered',
          pattern: InnovationRegistered.pattern,
          retry: CONSUMER_RETRY,
        },
        {
          name: 'innovation-withdrawn',
          pattern: InnovationWithdrawn.pattern,
          retry: CONSUMER_RETRY,
        },
        {
          name: 'innovation-profile',
          pattern: patternOf(InnovationDrafted, InnovationProfileUpdated),
          retry: CONSUMER_RETRY,
        },
      ],
    },
    {
      name: 'check-deadlines',
      entry: 'src/handlers/check-deadlines.ts',
      description: 'Announce overdue stages and due monev reports, once each, from the due index',
      tableAccess: 'read-write',
      schedules: [{ name: 'deadlines', expression: 'rate(1 day)', localExpression: 'rate(1 minute)' }],
      timeoutSeconds: 300,
    },
  ],
} as const satisfies ServiceManifest);
