import * as z from 'zod/mini';
import { defineEvent } from './define-event';
import { nonEmpty } from './envelope';
import { OPD_ID } from './innovation-profile';

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
    data: () => z.strictObject({ deliveryId: nonEmpty(), eventType: nonEmpty() }),
  }))();

/** A delivery to an OPD's webhook endpoint was recorded (its first attempt; retries come from the schedule). */
export const WebhookDeliveryRequested = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'WebhookDeliveryRequested',
    service: SERVICE,
    version: 1,
    data: () => z.strictObject({ webhookId: nonEmpty(), opdId: OPD_ID, deliveryId: nonEmpty() }),
  }))();

/** An OPD's webhook endpoint was disabled after a sustained run of failures (or a 410 Gone); its OPD is told. */
export const WebhookEndpointDisabled = /* @__PURE__ */ (() =>
  defineEvent({
    name: 'WebhookEndpointDisabled',
    service: SERVICE,
    version: 1,
    data: () =>
      z.strictObject({
        webhookId: nonEmpty(),
        opdId: OPD_ID,
        url: nonEmpty(),
        reason: z.enum(['gone', 'sustained-failures']),
        disabledAt: z.iso.datetime(),
      }),
  }))();

/** Every event the notifications service publishes. */
export const notificationsEvents = [
  NotificationEmailRequested,
  WebhookDeliveryRequested,
  WebhookEndpointDisabled,
] as const;
