import type { Category } from './routing';

/**
 * A user the service can tell things to: from the claims of their calls (their sign-ins) and from the region's
 * user directory (so a user who never signed in is told too). See domain/directory.ts.
 */
export interface KnownUser {
  readonly sub: string;
  readonly username: string;
  readonly email?: string;
  readonly roles: readonly string[];
  readonly opdId?: string;
  /** When the user last called the service (absent for a user known only from the directory). */
  readonly seenAt?: string;
  /** When the user was found gone from the region's user directory: told nothing any more. */
  readonly leftAt?: string;
}

/** One entry of a user's inbox; its id is the event's (so an event lands once per user, and ids sort by time). */
export interface InboxEntry {
  readonly sub: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly category: Category;
  readonly subject: string;
  readonly body: string;
  readonly link?: string;
  readonly createdAt: string;
  readonly readAt?: string;
}

/**
 * A user's inbox as a whole: how many entries are unread, and the newest entry "mark all read" covered (entries up
 * to it are read without being rewritten one by one). Every change of it is conditional on its version.
 */
export interface InboxState {
  readonly sub: string;
  readonly unread: number;
  readonly readUpTo?: string;
  readonly readUpToAt?: string;
  readonly version: number;
}

/** One e-mail to send, once: to a user or an OPD's official address, for one event. */
export interface EmailDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `sending`: claimed by one invocation until `leaseUntil` (only the claimer sends; a crash frees it then). */
  readonly status: 'pending' | 'sending' | 'sent' | 'suppressed';
  readonly leaseUntil?: string;
  readonly createdAt: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  readonly version: number;
}

/** An OPD's webhook endpoint. Its signing secrets live in the secret store under `secretName`, never here. */
export interface WebhookEndpoint {
  readonly id: string;
  readonly opdId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description?: string;
  /** `deleted`: gone for the OPD (404), its delivery log kept on record. */
  readonly status: 'enabled' | 'disabled' | 'deleted';
  readonly disabledReason?: string;
  readonly consecutiveFailures: number;
  readonly failingSince?: string;
  readonly secretName: string;
  /** When the secret was last rotated: the previous one keeps signing for an overlap window after it. */
  readonly rotatedAt?: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One attempt of one delivery, as the log shows it. */
export interface WebhookAttempt {
  readonly at: string;
  readonly status?: number;
  readonly latencyMs: number;
  readonly excerpt: string;
}

/** One event to one endpoint (its id is the event's: one delivery per event and endpoint), with every attempt. */
export interface WebhookDelivery {
  readonly id: string;
  readonly webhookId: string;
  readonly opdId: string;
  readonly eventId: string;
  readonly eventType: string;
  /** The JSON body, exactly as signed and sent on every attempt. */
  readonly payload: string;
  readonly occurredAt: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: readonly WebhookAttempt[];
  /** The first attempt of the current series (a replay starts a new series), for the retry schedule. */
  readonly seriesStartedAt?: string;
  readonly nextAttemptAt?: string;
  readonly createdAt: string;
  readonly version: number;
}

/** One notification waiting for a user's digest. */
export interface DigestEntry {
  readonly sub: string;
  readonly period: string;
  readonly eventId: string;
  readonly subject: string;
  readonly body: string;
  readonly link?: string;
  readonly createdAt: string;
}

/** A user's digest for one period: open while it collects, sent once it closed. */
export interface DigestPeriod {
  readonly sub: string;
  readonly email: string;
  readonly period: string;
  readonly closesAt: string;
  readonly status: 'open' | 'sent';
  readonly version: number;
}
