import * as z from 'zod/mini';
import { OPD_ID } from '../../innovation-profile';
import { pageOf, ulidId } from '../common';

// Schemas built with a method call are wrapped in calls marked pure, so a function bundles only those it uses.

/** What a user sets preferences for (the routing table's categories; the service's domain/routing.ts). */
export const NOTIFICATION_CATEGORIES = [
  'programme',
  'registration',
  'stage',
  'deadline',
  'evaluation',
  'results',
  'integration',
] as const;

/** When e-mail goes out: at once, in a daily or weekly digest, or not at all. */
export const EMAIL_CADENCES = ['immediate', 'daily', 'weekly', 'off'] as const;

/** One category's channels: the inbox (on or off) and e-mail (its cadence). */
export const categoryPreferenceSchema = /* @__PURE__ */ (() =>
  z.strictObject({ inbox: z.enum(['immediate', 'off']), email: z.enum(EMAIL_CADENCES) }))();

/** A user's preferences: every category's channels. */
export const preferencesSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    categories: z.record(z.enum(NOTIFICATION_CATEGORIES), categoryPreferenceSchema),
    version: z.int().check(z.nonnegative()),
    updatedAt: z.optional(z.iso.datetime()),
  }))();

/** `PUT /notification-preferences`: the categories to change (the others keep theirs). */
export const preferencesInput = /* @__PURE__ */ (() =>
  z.strictObject({ categories: z.partialRecord(z.enum(NOTIFICATION_CATEGORIES), categoryPreferenceSchema) }))();

/** One entry of a user's inbox. */
export const notificationSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    category: z.enum(NOTIFICATION_CATEGORIES),
    subject: z.string(),
    body: z.string(),
    /** Where in the web app it is about (relative to the app's origin). */
    link: z.optional(z.string()),
    createdAt: z.iso.datetime(),
    readAt: z.optional(z.iso.datetime()),
  }))();

/** `GET /notifications`: a page of the caller's inbox, newest first, and how many are unread in all. */
export const notificationPageSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    items: z.array(notificationSchema),
    nextCursor: z.nullable(z.string()),
    unread: z.int().check(z.nonnegative()),
  }))();

/** The answer to marking read: how many are still unread. */
export const unreadCountSchema = /* @__PURE__ */ (() => z.strictObject({ unread: z.int().check(z.nonnegative()) }))();

const webhookUrl = /* @__PURE__ */ (() => z.url({ protocol: /^https?$/ }).check(z.maxLength(2_000)))();

/** Event types an endpoint subscribes to (a routed type, checked by the service), at least one. */
const eventTypes = /* @__PURE__ */ (() =>
  z
    .array(z.string().check(z.regex(/^[A-Z][A-Za-z]{2,63}$/, 'harus berupa nama jenis peristiwa')))
    .check(z.minLength(1), z.maxLength(30)))();

/** `POST /opds/{opdId}/webhooks`. */
export const createWebhookInput = /* @__PURE__ */ (() =>
  z.strictObject({ url: webhookUrl, eventTypes, description: z.optional(z.string().check(z.maxLength(200))) }))();

/** `PATCH /opds/{opdId}/webhooks/{webhookId}`: what changes; `enabled: true` re-enables a disabled endpoint. */
export const updateWebhookInput = /* @__PURE__ */ (() =>
  z.strictObject({
    url: z.optional(webhookUrl),
    eventTypes: z.optional(eventTypes),
    description: z.optional(z.string().check(z.maxLength(200))),
    enabled: z.optional(z.boolean()),
  }))();

/** An OPD's webhook endpoint (never its secret, which is shown once: on creation and on rotation). */
export const webhookSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.string(),
    opdId: OPD_ID,
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.optional(z.string()),
    status: z.enum(['enabled', 'disabled']),
    /** Why it was disabled (a sustained run of failures), when it was. */
    disabledReason: z.optional(z.string()),
    consecutiveFailures: z.int().check(z.nonnegative()),
    version: z.int().check(z.positive()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }))();
export const webhookListSchema = /* @__PURE__ */ (() => z.strictObject({ items: z.array(webhookSchema) }))();

/** The endpoint with its signing secret (`whsec_…`), shown this once. */
export const webhookWithSecretSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    webhook: webhookSchema,
    secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/=]+$/)),
    /** Until when the previous secret still signs too (rotation), if there is one. */
    previousSecretValidUntil: z.optional(z.iso.datetime()),
  }))();

/** One attempt of one delivery. */
export const deliveryAttemptSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    at: z.iso.datetime(),
    status: z.optional(z.int()),
    latencyMs: z.int().check(z.nonnegative()),
    /** The first bytes of the endpoint's answer, or what went wrong (a timeout, a refused connection). */
    excerpt: z.string(),
  }))();

/** One event delivered (or being delivered) to one endpoint, with every attempt. */
export const deliverySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(deliveryAttemptSchema),
    nextAttemptAt: z.optional(z.iso.datetime()),
    createdAt: z.iso.datetime(),
  }))();
export const deliveryPageSchema = /* @__PURE__ */ (() => pageOf(deliverySchema))();

export const opdParams = /* @__PURE__ */ (() => z.strictObject({ opdId: OPD_ID }))();
export const webhookParams = /* @__PURE__ */ (() => z.strictObject({ opdId: OPD_ID, webhookId: ulidId }))();
export const deliveryParams = /* @__PURE__ */ (() =>
  z.strictObject({ opdId: OPD_ID, webhookId: ulidId, deliveryId: ulidId }))();
export const notificationParams = /* @__PURE__ */ (() => z.strictObject({ id: ulidId }))();
