import * as z from 'zod/mini';
import { defineEvent } from './define-event';
import { nonEmpty } from './envelope';

// Each contract is built in a call marked pure (`/* @__PURE__ */ (() => …)()`): see workflow-events.ts.

const SERVICE = 'notifications';

/**
 * An e-mail was recorded for sending (the notifications service's own work item): its sender function consumes it
 * from its own queue, so a throttled or failing mail server delays no other channel, and retries for a day.
 */
export const NotificationEmailRequested = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'NotificationEmailRequested',
    service: SERVICE,
    version: 1,
    data: z.strictObject({ deliveryId: nonEmpty(), eventType: nonEmpty() }),
  }))();

/** Every event the notifications service publishes. */
export const notificationsEvents = [NotificationEmailRequested] as const;
