/**
 * Claims as HTTP API's JWT authorizer hands them to the integration (`requestContext.authorizer.jwt.claims`):
 * every value a string. Numbers and booleans are printed (`"1717000000"`, `"true"`), and a list claim such as
 * `cognito:groups` arrives the way Go prints a slice, `"[opd coordinator]"`, not as JSON (observed on AWS; the
 * lambda-kit's `parseListClaim` reads exactly this). A nested object, which Cognito never issues, is JSON.
 */
export function toHttpApiClaims(payload: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimString(value)]));
}

function claimString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimString).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The scopes of a token (`scope` claim, space-separated), or null when it has none, as for an ID token. */
export function scopesOf(payload: Readonly<Record<string, unknown>>): string[] | null {
  const scope = payload.scope ?? payload.scp;
  if (typeof scope === 'string') return scope.split(/\s+/).filter((item) => item.length > 0);
  if (Array.isArray(scope)) return scope.filter((item): item is string => typeof item === 'string');
  return null;
}
