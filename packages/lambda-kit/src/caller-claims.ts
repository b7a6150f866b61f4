import { type Caller, isRole } from '@inovda/kernel';

/**
 * HTTP API hands JWT claims to Lambda as strings: an array claim such as `cognito:groups` arrives as
 * `"[opd coordinator]"`, items separated by spaces. Accept that form and a real array (direct invocation), nothing
 * else. Split on whitespace only: a Cognito group name may hold a comma but no whitespace, so a group called
 * `opd,admin` stays one (unknown) group instead of becoming the roles `opd` and `admin`.
 */
export function parseListClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/\s+/).filter((item) => item.length > 0);
}

/**
 * Whether the claims are a Cognito ID token's. HTTP API's JWT authorizer cannot tell ID from access tokens: it
 * checks `aud`, and `client_id` when `aud` is absent, so the user pool's access tokens (same client, no `aud`) pass
 * it too. Access tokens carry the groups but none of the user's attributes (`custom:opdId`), and every rule about
 * an OPD reads that attribute: only ID tokens may act.
 */
export function isIdToken(claims: Readonly<Record<string, unknown>>): boolean {
  return claims.token_use === 'id';
}

/** Reads the caller from the authorizer claims; undefined when the claims do not identify a usable caller. */
export function callerFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Caller | undefined {
  if (!claims) return undefined;
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const username = claims['cognito:username'] ?? claims.username ?? sub;
  const roles = parseListClaim(claims['cognito:groups']).filter(isRole);
  const opdId = claims['custom:opdId'];
  // Only a verified address: mail is sent to it, and an unverified one could be anyone's.
  const email = claims.email_verified === true || claims.email_verified === 'true' ? claims.email : undefined;
  return {
    sub,
    username: typeof username === 'string' ? username : sub,
    roles,
    ...(typeof opdId === 'string' && opdId.length > 0 ? { opdId } : {}),
    ...(typeof email === 'string' && email.includes('@') ? { email } : {}),
  };
}
