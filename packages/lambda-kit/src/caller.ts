import { ROLES, type Role } from '@inovda/manifest';

/** The authenticated caller, built only from the JWT claims API Gateway verified (never from the body). */
export interface Caller {
  readonly sub: string;
  readonly username: string;
  readonly roles: readonly Role[];
  /** The caller's work unit: required for `opd` users, optional for staff. */
  readonly opdId?: string;
}

/**
 * HTTP API hands JWT claims to Lambda as strings: an array claim such as `cognito:groups` arrives as
 * `"[opd coordinator]"`. Accept that form and a real array (direct invocation), nothing else.
 */
export function parseListClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).filter((item) => item.length > 0);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Reads the caller from the authorizer claims; undefined when the claims do not identify a usable caller. */
export function callerFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Caller | undefined {
  if (!claims) return undefined;
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const username = claims['cognito:username'] ?? claims.username ?? sub;
  const roles = parseListClaim(claims['cognito:groups']).filter(isRole);
  const opdId = claims['custom:opdId'];
  return {
    sub,
    username: typeof username === 'string' ? username : sub,
    roles,
    ...(typeof opdId === 'string' && opdId.length > 0 ? { opdId } : {}),
  };
}

/** True when the caller holds any of the roles. */
export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}

/**
 * The role an action is recorded under (history, event actor): the most privileged role the caller holds
 * among those the route allows.
 */
export function actingRole(caller: Caller, allowed: readonly Role[] = ROLES): Role {
  const order: readonly Role[] = ['admin', 'coordinator', 'evaluator', 'opd'];
  const role = order.find((candidate) => allowed.includes(candidate) && caller.roles.includes(candidate));
  if (!role) throw new Error('caller holds none of the allowed roles');
  return role;
}
