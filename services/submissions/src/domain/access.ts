import { type Caller, canSee, hasAnyRole, isOwnerOpd, Problem } from '@inovda/kernel';
import type { Innovation } from './innovation';

/**
 * Who may change an innovation: the owner OPD and admins. Who may see one is the platform's one rule (`canSee`):
 * staff see everything, an OPD user its own OPD's; a caller who may not see it learns nothing about it (404).
 */
export function canWrite(caller: Caller, innovation: Pick<Innovation, 'opdId'>): boolean {
  return hasAnyRole(caller, ['admin']) || isOwnerOpd(caller, innovation);
}

/** Throws the problem a caller gets for an innovation it may not see or change. */
export function assertCanWrite(caller: Caller, innovation: Pick<Innovation, 'opdId'>): void {
  if (!canSee(caller, innovation)) throw new Problem('not-found');
  if (!canWrite(caller, innovation)) throw new Problem('forbidden');
}

/** An OPD user may only create for its own OPD; an admin for any OPD of the region. */
export function assertCanCreateFor(caller: Caller, opdId: string, regionOpdIds: ReadonlySet<string>): void {
  if (!regionOpdIds.has(opdId)) {
    throw new Problem('validation-failed', {
      errors: [{ path: '/opdId', code: 'unknown_opd', message: `OPD ${opdId} bukan perangkat daerah di daerah ini` }],
    });
  }
  if (hasAnyRole(caller, ['admin'])) return;
  if (caller.opdId !== opdId) {
    throw new Problem('forbidden', {
      detail: 'Pengguna OPD hanya dapat membuat inovasi untuk perangkat daerahnya sendiri.',
    });
  }
}
