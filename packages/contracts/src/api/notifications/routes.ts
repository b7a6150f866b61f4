import { idempotencyKeyHeader, pageQuery } from '../common';
import { defineRoutes } from '../route';
import { notificationsRoutes } from './paths';
import {
  createWebhookInput,
  deliveryPageSchema,
  deliveryParams,
  deliverySchema,
  notificationPageSchema,
  notificationParams,
  opdParams,
  preferencesInput,
  preferencesSchema,
  unreadCountSchema,
  updateWebhookInput,
  webhookListSchema,
  webhookParams,
  webhookSchema,
  webhookWithSecretSchema,
} from './schemas';

const PREFERENCES = {
  description: 'The preferences; their version is the ETag.',
  body: preferencesSchema,
  headers: ['etag'],
} as const;
const WEBHOOK = {
  description: 'The endpoint; its version is the ETag.',
  body: webhookSchema,
  headers: ['etag'],
} as const;

/**
 * The HTTP routes of the notifications service: the caller's inbox and preferences, and an OPD's webhook
 * endpoints with their delivery logs.
 */
export const notificationsApi = defineRoutes('notifications', {
  listNotifications: {
    ...notificationsRoutes.listNotifications,
    summary: 'My notifications, newest first, with how many are unread',
    query: pageQuery,
    responses: { 200: { description: 'One page.', body: notificationPageSchema } },
  },
  markRead: {
    ...notificationsRoutes.markRead,
    summary: 'Mark one of my notifications read',
    params: notificationParams,
    responses: { 200: { description: 'How many remain unread.', body: unreadCountSchema } },
    problems: [404],
  },
  markAllRead: {
    ...notificationsRoutes.markAllRead,
    summary: 'Mark all my notifications read',
    responses: { 200: { description: 'How many remain unread (0).', body: unreadCountSchema } },
  },
  getPreferences: {
    ...notificationsRoutes.getPreferences,
    summary: 'My notification preferences per category: the inbox on or off, e-mail at once, daily, weekly or off',
    responses: { 200: PREFERENCES },
  },
  setPreferences: {
    ...notificationsRoutes.setPreferences,
    summary: 'Change my preferences for some categories',
    body: { schema: preferencesInput, required: true },
    headers: { ifMatch: 'optional' },
    responses: { 200: PREFERENCES },
    problems: [412],
  },
});

/** An OPD's webhook endpoints and their delivery logs (part of the notifications API). */
export const webhooksApi = defineRoutes('notifications', {
  listWebhooks: {
    ...notificationsRoutes.listWebhooks,
    summary: "The OPD's webhook endpoints",
    params: opdParams,
    responses: { 200: { description: 'Every endpoint.', body: webhookListSchema } },
    problems: [404],
  },
  createWebhook: {
    ...notificationsRoutes.createWebhook,
    summary: 'Register a webhook endpoint (https, not a private address); its signing secret is shown this once',
    description:
      'An `Idempotency-Key` makes retries safe: the same key with the same body answers the endpoint registered first, with its current secret (200).',
    params: opdParams,
    body: { schema: createWebhookInput, required: true },
    headers: { idempotencyKey: idempotencyKeyHeader },
    responses: {
      201: {
        description: 'The endpoint and its secret.',
        body: webhookWithSecretSchema,
        headers: ['etag', 'location'],
      },
      200: {
        description: 'A retry with the same `Idempotency-Key` and body: the endpoint registered first and its secret.',
        body: webhookWithSecretSchema,
        headers: ['etag', 'location', 'idempotent-replayed'],
      },
    },
    problems: [404, 409, 422],
  },
  getWebhook: {
    ...notificationsRoutes.getWebhook,
    summary: 'One webhook endpoint',
    params: webhookParams,
    responses: { 200: WEBHOOK },
    problems: [404],
  },
  updateWebhook: {
    ...notificationsRoutes.updateWebhook,
    summary: 'Change an endpoint (url, event types, enabled)',
    params: webhookParams,
    body: { schema: updateWebhookInput, required: true },
    headers: { ifMatch: 'optional' },
    responses: { 200: WEBHOOK },
    problems: [404, 412, 422],
  },
  deleteWebhook: {
    ...notificationsRoutes.deleteWebhook,
    summary: 'Remove an endpoint (its delivery log stays on record)',
    params: webhookParams,
    responses: { 200: WEBHOOK },
    problems: [404],
  },
  rotateWebhookSecret: {
    ...notificationsRoutes.rotateWebhookSecret,
    summary: 'A new signing secret, shown this once; the old one keeps signing for an overlap window',
    params: webhookParams,
    responses: { 200: { description: 'The endpoint and its new secret.', body: webhookWithSecretSchema } },
    problems: [404],
  },
  listDeliveries: {
    ...notificationsRoutes.listDeliveries,
    summary: "An endpoint's deliveries, newest first, with every attempt (status, latency, response excerpt)",
    params: webhookParams,
    query: pageQuery,
    responses: { 200: { description: 'One page.', body: deliveryPageSchema } },
    problems: [404],
  },
  replayDelivery: {
    ...notificationsRoutes.replayDelivery,
    summary: 'Deliver an event again to the endpoint (the same webhook-id, a new attempt)',
    params: deliveryParams,
    responses: { 200: { description: 'The delivery with the new attempt queued.', body: deliverySchema } },
    problems: [404, 409],
  },
});
