import { type Caller, hasAnyRole, Problem } from '@inovda/lambda-kit';

/**
 * Who may see and act on an innovation's track: the same rule as the submissions service. An OPD user sees only
 * its own OPD's innovations (anything else is a 404: it learns nothing); staff read everything.
 */
export function canRead(caller: Caller, owned: { readonly opdId: string }): boolean {
  if (hasAnyRole(caller, ['coordinator', 'evaluator', 'admin'])) return true;
  return caller.opdId === owned.opdId;
}

/** Throws a 404 when the caller may not even see the innovation. */
export function assertCanRead(caller: Caller, owned: { readonly opdId: string }): void {
  if (!canRead(caller, owned)) throw new Problem('not-found');
}

/** The owner OPD (or an admin) acts for the innovation: asks to advance, files monev. */
export function assertIsOwner(caller: Caller, owned: { readonly opdId: string }): void {
  assertCanRead(caller, owned);
  if (hasAnyRole(caller, ['admin'])) return;
  if (!hasAnyRole(caller, ['opd']) || caller.opdId !== owned.opdId) {
    throw new Problem('forbidden', { detail: 'Hanya perangkat daerah pengampu yang dapat melakukan ini.' });
  }
}

/** The owner OPD or programme staff (coordinator, admin): record maturity. */
export function assertIsOwnerOrCoordinator(caller: Caller, owned: { readonly opdId: string }): void {
  assertCanRead(caller, owned);
  if (hasAnyRole(caller, ['coordinator', 'admin'])) return;
  assertIsOwner(caller, owned);
}

/** An OPD's commitment is set by that OPD's user or by programme staff. */
export function assertMayCommitFor(caller: Caller, opdId: string, regionOpdIds: ReadonlySet<string>): void {
  if (!regionOpdIds.has(opdId)) throw new Problem('not-found', { detail: `OPD ${opdId} tidak ada di daerah ini.` });
  if (hasAnyRole(caller, ['coordinator', 'admin'])) return;
  if (caller.opdId !== opdId) {
    throw new Problem('forbidden', { detail: 'Perangkat daerah hanya dapat mengisi komitmennya sendiri.' });
  }
}
