import { type Condition, IF_ABSENT, ifVersion } from '@inovda/dynamo';

/**
 * Every key of the notifications table, built here and nowhere else.
 *
 * | item                 | pk                     | sk                 |
 * |----------------------|------------------------|--------------------|
 * | known user           | DIRECTORY              | USER#<sub>         |
 * | preferences          | USER#<sub>             | PREFERENCES        |
 * | inbox state          | INBOX#<sub>            | STATE              |
 * | inbox entry          | INBOX#<sub>            | N#<eventId>        |
 * | e-mail delivery      | EMAIL#<deliveryId>     | EMAIL              |
 * | a name it shows      | NAME#<kind>#<id>       | NAME               |
 * | digest entry         | DIGEST#<sub>           | ENTRY#<period>#<eid> |
 * | digest period        | DIGEST#<sub>           | PERIOD#<period>    |  gsi1 (sparse, while open): DIGESTS / <closes>#…
 * | webhook endpoint     | OPD#<opdId>            | WEBHOOK#<id>       |
 * | webhook delivery     | WEBHOOK#<webhookId>    | DELIVERY#<eventId> |  gsi1 (sparse): RETRY / <nextAttemptAt>#…
 * | processed event      | PROCESSED#<c>#<eid>    | PROCESSED          |
 * | outbox row           | OUTBOX#<eventId>       | OUTBOX             |
 *
 * An inbox entry's sort key is the event id: ULIDs sort by time, so the inbox reads newest first with one Query,
 * and an event lands in a user's inbox at most once (the entry is written only if absent). The directory is one
 * partition: a region has hundreds of users, and the consumer reads it whole to find an OPD's or a role's users.
 */

export const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

export const DIRECTORY_PARTITION = 'DIRECTORY';
export const USER_PREFIX = 'USER#';

export function knownUserKey(sub: string) {
  return { pk: DIRECTORY_PARTITION, sk: `${USER_PREFIX}${sub}` };
}

export function preferencesKey(sub: string) {
  return { pk: `USER#${sub}`, sk: 'PREFERENCES' };
}

export function inboxPartition(sub: string): string {
  return `INBOX#${sub}`;
}

export const INBOX_ENTRY_PREFIX = 'N#';

export function inboxStateKey(sub: string) {
  return { pk: inboxPartition(sub), sk: 'STATE' };
}

export function inboxEntryKey(sub: string, eventId: string) {
  return { pk: inboxPartition(sub), sk: `${INBOX_ENTRY_PREFIX}${eventId}` };
}

export function emailKey(deliveryId: string) {
  return { pk: `EMAIL#${deliveryId}`, sk: 'EMAIL' };
}

export type NameKind = 'innovation' | 'cycle';

export function nameKey(kind: NameKind, id: string) {
  return { pk: `NAME#${kind}#${id}`, sk: 'NAME' };
}

export const WEBHOOK_PREFIX = 'WEBHOOK#';

export function opdPartition(opdId: string): string {
  return `OPD#${opdId}`;
}

export function webhookKey(opdId: string, webhookId: string) {
  return { pk: opdPartition(opdId), sk: `${WEBHOOK_PREFIX}${webhookId}` };
}

export const DELIVERY_PREFIX = 'DELIVERY#';

export function deliveryPartition(webhookId: string): string {
  return `WEBHOOK#${webhookId}`;
}

export function deliveryKey(webhookId: string, deliveryId: string) {
  return { pk: deliveryPartition(webhookId), sk: `${DELIVERY_PREFIX}${deliveryId}` };
}

/** Deliveries waiting for a retry, by when it is due: only pending ones with a next attempt are in the index. */
export const RETRY_PARTITION = 'RETRY';

export function retryIndexKeys(delivery: { webhookId: string; id: string; status: string; nextAttemptAt?: string }) {
  if (delivery.status !== 'pending' || delivery.nextAttemptAt === undefined) return {};
  return { gsi1pk: RETRY_PARTITION, gsi1sk: `${delivery.nextAttemptAt}#${delivery.webhookId}#${delivery.id}` };
}

export function digestPartition(sub: string): string {
  return `DIGEST#${sub}`;
}

export function digestEntryKey(sub: string, period: string, eventId: string) {
  return { pk: digestPartition(sub), sk: `ENTRY#${period}#${eventId}` };
}

export function digestEntryPrefix(period: string): string {
  return `ENTRY#${period}#`;
}

export function digestPeriodKey(sub: string, period: string) {
  return { pk: digestPartition(sub), sk: `PERIOD#${period}` };
}

/** Digest periods still to send, by when they close: only open ones are in the index. */
export const DIGESTS_PARTITION = 'DIGESTS';

export function digestIndexKeys(period: { sub: string; period: string; closesAt: string; status: string }) {
  if (period.status !== 'open') return {};
  return { gsi1pk: DIGESTS_PARTITION, gsi1sk: `${period.closesAt}#${period.sub}#${period.period}` };
}

/** The condition of a write over what was read at `version` (0: the item did not exist). */
export function ifAt(version: number): Condition {
  return version === 0 ? IF_ABSENT : ifVersion(version);
}
