import { fileURLToPath } from 'node:url';
import { NotificationEmailRequested, patternOf, WebhookDeliveryRequested } from '@inovda/contracts';
import { type RetryPolicy, type ServiceManifest, singleTable, withOutbox } from '@inovda/manifest';
import { KEEP_NAMES_CONSUMES, NOTIFY_CONSUMES } from './consumed-events';
import * as routes from './routes';
import { WEBHOOK_DISABLED, WEBHOOK_GIVEN_UP } from './webhooks/log-messages';

/** Putting an event into the consumer's queue is retried for up to a day (EventBridge's own limit). */
const CONSUMER_RETRY: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 24 * 3600 };

/** A webhook delivery given up on, or an endpoint disabled: failures the webhook functions handle, alarmed. */
const WEBHOOK_ALARMS = [
  {
    name: 'WebhookGivenUp',
    message: WEBHOOK_GIVEN_UP,
    description: "A webhook delivery failed every attempt for more than a day (see the OPD's delivery log).",
  },
  {
    name: 'WebhookDisabled',
    message: WEBHOOK_DISABLED,
    description: "An OPD's webhook endpoint was disabled after a sustained run of failures (its OPD was told).",
  },
] as const;

/**
 * The notifications service: who is told what (domain/routing.ts), each user's inbox and preferences, and the
 * e-mails it records for sending. Owns the `notifications` table; learns everything from the other services'
 * events. See store/keys.ts for the table.
 */
export const notificationsManifest = withOutbox({
  name: 'notifications',
  root: fileURLToPath(new URL('..', import.meta.url)),
  // gsi1 (sparse): webhook deliveries due for a retry, by due time. See store/keys.ts.
  table: singleTable('notifications', 1),
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
        { name: 'workflow-news', pattern: patternOf(...NOTIFY_CONSUMES.workflow), retry: CONSUMER_RETRY },
        { name: 'submissions-news', pattern: patternOf(...NOTIFY_CONSUMES.submissions), retry: CONSUMER_RETRY },
        { name: 'scoring-news', pattern: patternOf(...NOTIFY_CONSUMES.scoring), retry: CONSUMER_RETRY },
        { name: 'own-news', pattern: patternOf(...NOTIFY_CONSUMES.notifications), retry: CONSUMER_RETRY },
      ],
    },
    {
      name: 'keep-names',
      entry: 'src/handlers/keep-names.ts',
      description: "Keep innovations' names from the events that carry their whole profile (drafts, profile changes)",
      tableAccess: 'read-write',
      subscriptions: [{ name: 'profiles', pattern: patternOf(...KEEP_NAMES_CONSUMES), retry: CONSUMER_RETRY }],
    },
    {
      name: 'webhooks',
      entry: 'src/handlers/webhooks.ts',
      description:
        "An OPD's webhook endpoints: register (secret shown once), change, remove, rotate, the delivery log, replay",
      tableAccess: 'read-write',
      grants: [{ kind: 'secrets', access: 'manage', prefix: 'webhooks/' }],
      routes: [
        routes.listWebhooks,
        routes.createWebhook,
        routes.getWebhook,
        routes.updateWebhook,
        routes.deleteWebhook,
        routes.rotateWebhookSecret,
        routes.listDeliveries,
        routes.replayDelivery,
      ],
    },
    {
      name: 'deliver-webhook',
      entry: 'src/handlers/deliver-webhook.ts',
      description: "Deliver an event to an OPD's endpoint, signed (Standard Webhooks), from its own queue",
      tableAccess: 'read-write',
      grants: [{ kind: 'secrets', access: 'read', prefix: 'webhooks/' }, { kind: 'https-egress' }],
      subscriptions: [
        { name: 'webhook-requests', pattern: patternOf(WebhookDeliveryRequested), retry: CONSUMER_RETRY },
      ],
      alarmOnLogs: WEBHOOK_ALARMS,
      timeoutSeconds: 30,
    },
    {
      name: 'webhook-retries',
      entry: 'src/handlers/webhook-retries.ts',
      description: 'Retry the webhook deliveries due on their backoff schedule (over more than a day)',
      tableAccess: 'read-write',
      grants: [{ kind: 'secrets', access: 'read', prefix: 'webhooks/' }, { kind: 'https-egress' }],
      schedules: [{ name: 'webhook-retries', expression: 'rate(1 minute)', localExpression: 'rate(1 minute)' }],
      alarmOnLogs: WEBHOOK_ALARMS,
      timeoutSeconds: 300,
    },
    {
      name: 'send-digests',
      entry: 'src/handlers/send-digests.ts',
      description:
        'Record the daily and weekly digests whose period closed, each once (a missed or repeated run loses and doubles nothing)',
      tableAccess: 'read-write',
      regionSettings: ['opds', 'api'],
      schedules: [{ name: 'digests', expression: 'rate(1 hour)', localExpression: 'rate(1 minute)' }],
      timeoutSeconds: 300,
    },
    {
      name: 'sync-directory',
      entry: 'src/handlers/sync-directory.ts',
      description:
        "Take the region's user directory into the recipients: staff told before they first sign in, leavers no more",
      tableAccess: 'read-write',
      grants: [{ kind: 'user-directory' }],
      schedules: [
        { name: 'directory', expression: 'rate(15 minutes)', localExpression: 'rate(1 minute)', localAtStart: true },
      ],
      timeoutSeconds: 60,
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
