import type { Category } from './routing';

/** A user as the directory knows them (from the claims of their calls: their sign-ins). */
export interface KnownUser {
  readonly sub: string;
  readonly username: string;
  readonly email?: string;
  readonly roles: readonly string[];
  readonly opdId?: string;
  readonly seenAt: string;
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
  readonly status: 'pending' | 'sent' | 'suppressed';
  readonly createdAt: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  readonly version: number;
}
