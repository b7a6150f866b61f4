import { fileURLToPath } from 'node:url';
import {
  CycleOpened,
  EvaluatorAssigned,
  IncentiveShortlisted,
  InnovationDrafted,
  InnovationLaunched,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationScored,
  MonevDue,
  NotificationEmailRequested,
  patternOf,
  RankingPublished,
  RegistrationRefused,
  StageAdvanced,
  StageAdvanceRequested,
  StageOverdue,
  StageReturned,
  TrackHeld,
  TrackResumed,
} from '@inovda/contracts';
import { type RetryPolicy, type ServiceManifest, singleTable, withOutbox } from '@inovda/manifest';
import { routes } from './routes';

/** Putting an event into the consumer's queue is retried for up to a day (EventBridge's own limit). */
const CONSUMER_RETRY: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 24 * 3600 };

/**
 * The notifications service: who is told what (domain/routing.ts), each user's inbox and preferences, and the
 * e-mails it records for sending. Owns the `notifications` table; learns everything from the other services'
 * events. See store/keys.ts for the table.
 */
export const notificationsManifest = withOutbox({
  name: 'notifications',
  root: fileURLToPath(new URL('..', import.meta.url)),
  table: singleTable('notifications', 0),
  functions: [
    {
      name: 'inbox',
      entry: 'src/handlers/inbox.ts',
      description: "The caller's own inbox: list newest first with the unread count, mark one or all read",
      tableAccess: 'read-write',
      routes: [routes.listNotifications, routes.markRead, routes.markAllRead],
    },
    {
      name: 'preferences',
      entry: 'src/handlers/preferences.ts',
      description: "The caller's notification preferences per category and channel",
      tableAccess: 'read-write',
      routes: [routes.getPreferences, routes.setPreferences],
    },
    {
      name: 'notify',
      entry: 'src/handlers/notify.ts',
      description: "Tell everyone an event concerns, on the channels they chose (the routing table's events)",
      tableAccess: 'read-write',
      regionSettings: ['opds', 'api'],
      subscriptions: [
        {
          name: 'workflow-news',
          pattern: patternOf(
            CycleOpened,
            RegistrationRefused,
            StageAdvanceRequested,
            StageAdvanced,
            StageReturned,
            TrackHeld,
            TrackResumed,
            InnovationLaunched,
            StageOverdue,
            MonevDue,
          ),
          retry: CONSUMER_RETRY,
        },
        {
          name: 'submissions-news',
          pattern: patternOf(InnovationRegistered, InnovationDrafted, InnovationProfileUpdated),
          retry: CONSUMER_RETRY,
        },
        {
          name: 'scoring-news',
          pattern: patternOf(EvaluatorAssigned, InnovationScored, RankingPublished, IncentiveShortlisted),
          retry: CONSUMER_RETRY,
        },
      ],
    },
    {
      name: 'send-email',
      entry: 'src/handlers/send-email.ts',
      description:
        'Send each recorded e-mail once through SES v2, from its own queue (a failing mail server delays nothing else)',
      tableAccess: 'read-write',
      regionSettings: ['notifications'],
      grants: [{ kind: 'send-email' }],
      subscriptions: [
        { name: 'email-requests', pattern: patternOf(NotificationEmailRequested), retry: CONSUMER_RETRY },
      ],
    },
  ],
} as const satisfies ServiceManifest);
