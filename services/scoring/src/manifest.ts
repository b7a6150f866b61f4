import { fileURLToPath } from 'node:url';
import {
  CycleOpened,
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationRegistrationReverted,
  InnovationWithdrawn,
  patternOf,
  StageAdvanced,
} from '@inovda/contracts';
import { type RetryPolicy, type ServiceManifest, singleTable, withOutbox } from '@inovda/manifest';
import * as routes from './routes';

/**
 * Putting an event into the consumer's queue is retried for up to a day (EventBridge's own limit); failures of the
 * consumer itself are its queue's to retry, for a day too: an innovation whose facts are missing cannot be
 * self-assessed or scored, so it is worth waiting out a throttled table.
 */
const CONSUMER_RETRY: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 24 * 3600 };

/**
 * The scoring service: rubric editions, self-assessment, evaluator assignment and verification, scores, the OPD
 * ranking and the region index. Owns the `scoring` table; learns about cycles and innovations only from events.
 * Route functions group the routes of one concern (one bundle and one IAM role each); they read and write.
 */
export const scoringManifest = withOutbox({
  name: 'scoring',
  root: fileURLToPath(new URL('..', import.meta.url)),
  // gsi1 (overloaded): a cycle's registered innovations, an evaluator's assignments, the region's evaluators.
  // See store/keys.ts.
  table: singleTable('scoring', 1),
  functions: [
    {
      name: 'rubric-editions',
      entry: 'src/handlers/rubric-editions.ts',
      description: 'Serve the rubric editions whole (texts for people included); no table',
      routes: [routes.listEditions, routes.getEdition],
    },
    {
      name: 'self-assessment',
      entry: 'src/handlers/self-assessment.ts',
      description: "Read, save and submit an innovation's self-assessment",
      tableAccess: 'read-write',
      routes: [routes.getSelfAssessment, routes.saveSelfAssessment, routes.submitSelfAssessment],
    },
    {
      name: 'assignments',
      entry: 'src/handlers/assignments.ts',
      description: 'Evaluators: their declared conflicts, and assignment by hand or by the balanced rule',
      tableAccess: 'read-write',
      routes: [
        routes.declareConflicts,
        routes.getMyConflicts,
        routes.listEvaluators,
        routes.assignEvaluators,
        routes.autoAssign,
      ],
      timeoutSeconds: 60,
    },
    {
      name: 'evaluations',
      entry: 'src/handlers/evaluations.ts',
      description:
        "Evaluators' blind verification of the claims: their assignments, drafts and the others' (once theirs is in)",
      tableAccess: 'read-write',
      routes: [routes.listMyAssignments, routes.getMyEvaluation, routes.saveMyEvaluation, routes.listEvaluations],
    },
    {
      name: 'submit-evaluation',
      entry: 'src/handlers/submit-evaluation.ts',
      description: "Submit an evaluator's verification; the last to submit settles the score",
      tableAccess: 'read-write',
      regionSettings: ['scoringRule'],
      routes: [routes.submitMyEvaluation],
    },
    {
      name: 'scores',
      entry: 'src/handlers/scores.ts',
      description: 'Read a score; calibrate a flagged indicator',
      tableAccess: 'read-write',
      routes: [routes.getScore, routes.calibrate],
    },
    {
      name: 'score-corrections',
      entry: 'src/handlers/score-corrections.ts',
      description: 'Correct a published score, with its reason, and publish the ranking again',
      tableAccess: 'read-write',
      routes: [routes.correctScore],
    },
    {
      name: 'results',
      entry: 'src/handlers/results.ts',
      description: 'The OPD ranking (and its CSV) and the region index, as they stand',
      tableAccess: 'read',
      routes: [routes.getRanking, routes.getRankingCsv, routes.getRegionIndex],
      timeoutSeconds: 60,
    },
    {
      name: 'public-results',
      entry: 'src/handlers/public-results.ts',
      description: 'The published OPD rankings, for anyone (no token; only what was published)',
      tableAccess: 'read',
      routes: [routes.listPublishedRankings, routes.getPublishedRanking],
      // The public ranking names each OPD.
      regionSettings: ['opds'],
    },
    {
      name: 'publication',
      entry: 'src/handlers/publication.ts',
      description: "Readiness rows and the publication of a cycle's results",
      tableAccess: 'read-write',
      routes: [routes.setReadiness, routes.publishResults],
      timeoutSeconds: 60,
    },
    {
      name: 'scoring-events',
      entry: 'src/handlers/scoring-events.ts',
      description: 'Learn cycles and innovations (registration, profile, stage, withdrawal) from the other services',
      tableAccess: 'read-write',
      regionSettings: ['rubricEdition'],
      subscriptions: [
        { name: 'cycles', pattern: patternOf(CycleOpened), retry: CONSUMER_RETRY },
        {
          name: 'innovations',
          pattern: patternOf(
            InnovationRegistered,
            InnovationRegistrationReverted,
            InnovationWithdrawn,
            InnovationDrafted,
            InnovationProfileUpdated,
          ),
          retry: CONSUMER_RETRY,
        },
        { name: 'stages', pattern: patternOf(StageAdvanced), retry: CONSUMER_RETRY },
      ],
    },
  ],
} as const satisfies ServiceManifest);
