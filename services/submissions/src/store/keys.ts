import type { InnovationStatus } from '@inovda/contracts';

/**
 * Every key of the submissions table, built here and nowhere else.
 *
 * | item            | pk                      | sk               | gsi1 (by OPD) | gsi2 (by status) | gsi3 (all)  | gsi4 (OPD+status)   |
 * |-----------------|-------------------------|------------------|---------------|------------------|-------------|---------------------|
 * | innovation      | INNOVATION#<id>         | PROFILE          | OPD#<opd>     | STATUS#<s>       | INNOVATION  | OPD#<opd>#STATUS#<s> |
 * | history entry   | INNOVATION#<id>         | VERSION#<000000001> |               |                  |             |                     |
 * | idempotency key | IDEMPOTENCY#<sub>#<key> | IDEMPOTENCY      |               |                  |             |                     |
 * | open cycle      | CYCLE#<cycleId>         | CYCLE            |               |                  |             |                     |
 * | showcase entry  | INNOVATION#<id>         | SHOWCASE         | SHOWCASE#OPD#<opd> | SHOWCASE    |             |                     |
 * | processed event | PROCESSED#<c>#<eventId> | PROCESSED        |               |                  |             |                     |
 * | outbox row      | OUTBOX#<eventId>        | OUTBOX           |               |                  |             |                     |
 *
 * Every index sorts by `<createdAt>#<id>` (a showcase entry by `<launchedAt>#<id>`), so every list the API offers is
 * one bounded Query, newest first. A showcase entry holds only that the innovation was launched, and when: the public
 * reads take the fields they may show from the profile itself, so they are never out of date.
 */

export function innovationKey(id: string) {
  return { pk: `INNOVATION#${id}`, sk: 'PROFILE' };
}

export function historyKey(id: string, version: number) {
  return { pk: `INNOVATION#${id}`, sk: `VERSION#${String(version).padStart(9, '0')}` };
}

export const HISTORY_PREFIX = 'VERSION#';

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
    gsi2sk: created,
    gsi3pk: ALL_PARTITION,
    gsi3sk: created,
    gsi4pk: opdStatusPartition(innovation.opdId, innovation.status),
    gsi4sk: created,
  };
}

export const ALL_PARTITION = 'INNOVATION';

/** The cycle projection's key; open cycles are also in gsi2 under this partition (removed when closed). */
export function cycleKey(cycleId: string) {
  return { pk: `CYCLE#${cycleId}`, sk: 'CYCLE' };
}

export const OPEN_CYCLES_PARTITION = 'CYCLE#open';

export function opdPartition(opdId: string): string {
  return `OPD#${opdId}`;
}

export function statusPartition(status: InnovationStatus): string {
  return `STATUS#${status}`;
}

export function opdStatusPartition(opdId: string, status: InnovationStatus): string {
  return `${opdPartition(opdId)}#${statusPartition(status)}`;
}

/** Attributes that are storage details, never part of an innovation as the API shows it. */
export const STORAGE_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
] as const;

/** A launched innovation's entry in the public showcase. */
export function showcaseKey(id: string) {
  return { pk: `INNOVATION#${id}`, sk: 'SHOWCASE' };
}

export const SHOWCASE_PARTITION = 'SHOWCASE';

export function showcaseOpdPartition(opdId: string): string {
  return `SHOWCASE#OPD#${opdId}`;
}

/** The index attributes of a showcase entry: the whole showcase (gsi2) and one OPD's (gsi1), by launch. */
export function showcaseIndexKeys(entry: { innovationId: string; opdId: string; launchedAt: string }) {
  const launched = `${entry.launchedAt}#${entry.innovationId}`;
  return {
    gsi1pk: showcaseOpdPartition(entry.opdId),
    gsi1sk: launched,
    gsi2pk: SHOWCASE_PARTITION,
    gsi2sk: launched,
  };
}
