import { type Caller, hasAnyRole, Problem } from '@inovda/lambda-kit';
import type { Innovation } from './innovation';

/**
 * Who may see and change an innovation. An OPD user sees only its own OPD's innovations; staff read everything;
 * only the owner OPD and admins write. A caller who may not read an innovation learns nothing about it: 404.
 */
export function canRead(caller: Caller, innovation: Pick<Innovation, 'opdId'>): boolean {
  if (hasAnyRole(caller, ['coordinator', 'evaluator', 'admin'])) return true;
  return caller.opdId === innovation.opdId;
}

/** Whether the caller may change this innovation. */
export function canWrite(caller: Caller, innovation: Pick<Innovation, 'opdId'>): boolean {
  if (hasAnyRole(caller, ['admin'])) return true;
  return hasAnyRole(caller, ['opd']) && caller.opdId === innovation.opdId;
}

/** Throws the problem a caller gets for an innovation it may not read or change. */
export function assertCanWrite(caller: Caller, innovation: Pick<Innovation, 'opdId'>): void {
  if (!canRead(caller, innovation)) throw new Problem('not-found');
  if (!canWrite(caller, innovation)) throw new Problem('forbidden');
}

/** An OPD user may only create for its own OPD; an admin for any OPD of the region. */
export function assertCanCreateFor(caller: Caller, opdId: string, regionOpdIds: ReadonlySet<string>): void {
  if (!regionOpdIds.has(opdId)) {
    throw new Problem('validation-failed', {
      errors: [{ path: '/opdId', code: 'unknown_opd', message: `OPD ${opdId} is not a work unit of this region` }],
    });
  }
  if (hasAnyRole(caller, ['admin'])) return;
  if (caller.opdId !== opdId) {
    throw new Problem('forbidden', { detail: 'An OPD user may only create innovations for its own OPD.' });
  }
}
