import type { Acting } from './actors';
import type { Role } from './identity';
import { Problem } from './problems';

/**
 * Roles whose members belong to an OPD and judge the work of OPDs: a decision taken under one of them needs the
 * decider's OPD, because without it the conflict-of-interest rule below cannot be checked. Coordinators sit in the
 * coordinating OPD (Bappeda, Balitbang); evaluators may come from outside any OPD (universities, an independent
 * panel) and admins run the platform, so neither needs one. A user's OPD is the Cognito attribute `custom:opdId`,
 * which the user pool cannot make mandatory for one group only: this is where a coordinator without it is caught.
 */
export const OPD_BOUND_DECIDERS: readonly Role[] = ['coordinator'];

/**
 * The conflict-of-interest rule of every decision on something an OPD owns (approving or returning a stage
 * request, holding or resuming a track, and any later decision such as a score): no one decides on their own OPD's
 * work, whatever the role they act under. A decider under an {@link OPD_BOUND_DECIDERS} role whose token names no
 * OPD is refused rather than waved through: an absent claim must never read as "no conflict".
 */
export function assertImpartial(decider: Acting, owned: { readonly opdId: string }): void {
  const { caller, role } = decider;
  if (caller.opdId === undefined) {
    if (!OPD_BOUND_DECIDERS.includes(role)) return;
    throw new Problem('forbidden', {
      detail:
        'Token koordinator ini tidak menyebutkan perangkat daerahnya, sehingga benturan kepentingan tidak dapat diperiksa; minta admin mengisi perangkat daerah akun Anda.',
    });
  }
  if (caller.opdId === owned.opdId) {
    throw new Problem('conflict-of-interest', {
      detail: `Inovasi ini milik perangkat daerah Anda sendiri (${owned.opdId}); keputusan ada pada koordinator dari perangkat daerah lain.`,
    });
  }
}
