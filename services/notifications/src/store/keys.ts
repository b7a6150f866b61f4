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
 * | processed event      | PROCESSED#<c>#<eid>    | PROCESSED          |
 * | outbox row           | OUTBOX#<eventId>       | OUTBOX             |
 *
 * An inbox entry's sort key is the event id: ULIDs sort by time, so the inbox reads newest first with one Query,
 * and an event lands in a user's inbox at most once (the entry is written only if absent). The directory is one
 * partition: a region has hundreds of users, and the consumer reads it whole to find an OPD's or a role's users.
 */

export const STORAGE_ATTRIBUTES = ['pk', 'sk'] as const;

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

/** The condition of a write over what was read at `version` (0: the item did not exist). */
export function ifAt(version: number): Condition {
  return version === 0 ? IF_ABSENT : ifVersion(version);
}
