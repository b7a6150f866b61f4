import { ROLES, type Role } from '@inovda/contracts';

/** Roles come from Cognito groups; every rule about who may do what is written in these four words. */
export { ROLES, type Role } from '@inovda/contracts';

/** Roles that read across OPDs: programme staff. */
export const STAFF_ROLES: readonly Role[] = ['coordinator', 'evaluator', 'admin'];

/** The authenticated caller, built only from the claims API Gateway verified (never from the body). */
export interface Caller {
  readonly sub: string;
  readonly username: string;
  readonly roles: readonly Role[];
  /** The caller's work unit: required for `opd` users, optional for staff. */
  readonly opdId?: string;
  /** The caller's e-mail address, when the identity provider verified it (where notifications are mailed). */
  readonly email?: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when the caller holds any of the roles. */
export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}

/** The order in which a caller's roles are preferred when one must be chosen: the most privileged first. */
const PRIVILEGE_ORDER: readonly Role[] = ['admin', 'coordinator', 'evaluator', 'opd'];

/**
 * The role an action is recorded under (history, event actor): the most privileged role the caller holds
 * among those the route allows.
 */
export function actingRole(caller: Caller, allowed: readonly Role[] = ROLES): Role {
  const role = PRIVILEGE_ORDER.find((candidate) => allowed.includes(candidate) && caller.roles.includes(candidate));
  if (!role) throw new Error('caller holds none of the allowed roles');
  return role;
}

/**
 * Who may see something an OPD owns (an innovation, its track, its scores): programme staff see everything, an OPD
 * user only its own OPD's. The one rule for every service; a caller who may not see a thing learns nothing about
 * it (the services answer 404).
 */
export function canSee(caller: Caller, owned: { readonly opdId: string }): boolean {
  if (hasAnyRole(caller, STAFF_ROLES)) return true;
  return caller.opdId !== undefined && caller.opdId === owned.opdId;
}

/** Whether the caller is an OPD user of the owning OPD. */
export function isOwnerOpd(caller: Caller, owned: { readonly opdId: string }): boolean {
  return hasAnyRole(caller, ['opd']) && caller.opdId !== undefined && caller.opdId === owned.opdId;
}
