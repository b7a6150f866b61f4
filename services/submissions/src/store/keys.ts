import type { InnovationStatus } from '@inovda/contracts';

/**
 * Every key of the submissions table, built here and nowhere else.
 *
 * | item            | pk                         | sk               | gsi1 (by OPD)       | gsi2 (by status)             | gsi3 (all)     |
 * |-----------------|----------------------------|------------------|---------------------|------------------------------|----------------|
 * | innovation      | INNOVATION#<id>            | PROFILE          | OPD#<opd> / <c>#<id>| STATUS#<s> / OPD#<opd>#<c>#<id> | INNOVATION / <c>#<id> |
 * | history entry   | INNOVATION#<id>            | VERSION#<000001> |                     |                              |                |
 * | idempotency key | IDEMPOTENCY#<sub>#<key>    | IDEMPOTENCY      |                     |                              |                |
 * | outbox row      | OUTBOX#<eventId>           | OUTBOX           |                     |                              |                |
 *
 * (<c> is the creation time, so lists come newest first.) Statuses within an OPD are served by gsi2 with a
 * `begins_with` on the OPD, so every list the API offers is one bounded Query.
 */

export function innovationKey(id: string) {
  return { pk: `INNOVATION#${id}`, sk: 'PROFILE' };
}

export function historyKey(id: string, version: number) {
  return { pk: `INNOVATION#${id}`, sk: `VERSION#${String(version).padStart(9, '0')}` };
}

export const HISTORY_PREFIX = 'VERSION#';

export function idempotencyKey(callerSub: string, key: string) {
  return { pk: `IDEMPOTENCY#${callerSub}#${key}`, sk: 'IDEMPOTENCY' };
}

/** The index attributes an innovation projects, derived from its owner, status and creation. */
export function innovationIndexKeys(innovation: {
  id: string;
  opdId: string;
  status: InnovationStatus;
  createdAt: string;
}) {
  const created = `${innovation.createdAt}#${innovation.id}`;
  return {
    gsi1pk: opdPartition(innovation.opdId),
    gsi1sk: created,
    gsi2pk: statusPartition(innovation.status),
    gsi2sk: `${opdPartition(innovation.opdId)}#${created}`,
    gsi3pk: ALL_PARTITION,
    gsi3sk: created,
  };
}

export const ALL_PARTITION = 'INNOVATION';

export function opdPartition(opdId: string): string {
  return `OPD#${opdId}`;
}

export function statusPartition(status: InnovationStatus): string {
  return `STATUS#${status}`;
}

/** Attributes that are storage details, never part of an innovation as the API shows it. */
export const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;
