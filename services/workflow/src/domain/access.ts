import { type Caller, canSee, hasAnyRole, isOwnerOpd, Problem } from '@inovda/kernel';

/**
 * Who may see and act on an innovation's track. Seeing is the platform's one rule (`canSee`): an OPD user sees
 * only its own OPD's innovations (anything else is a 404: it learns nothing); staff see everything.
 */
export function assertCanSee(caller: Caller, owned: { readonly opdId: string }): void {
  if (!canSee(caller, owned)) throw new Problem('not-found');
}

/** The owner OPD (or an admin) acts for the innovation: asks to advance, files monev. */
export function assertIsOwner(caller: Caller, owned: { readonly opdId: string }): void {
  assertCanSee(caller, owned);
  if (hasAnyRole(caller, ['admin']) || isOwnerOpd(caller, owned)) return;
  throw new Problem('forbidden', { detail: 'Hanya perangkat daerah pengampu yang dapat melakukan ini.' });
}

/** The owner OPD or programme staff (coordinator, admin): record maturity. */
export function assertIsOwnerOrCoordinator(caller: Caller, owned: { readonly opdId: string }): void {
  assertCanSee(caller, owned);
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
