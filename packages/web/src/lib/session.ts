import { useEffect, useState } from 'preact/hooks';

/** Who is signed in, as the ID token says (the API checks the token itself; this only shapes the screens). */
export interface Session {
  readonly token: string;
  readonly username: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly opdId?: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

const STORAGE_KEY = 'inovda.session';
const listeners = new Set<(session: Session | undefined) => void>();

/** The claims of a JWT, unverified (the API verifies; the browser only reads who it is). */
function claimsOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Groups arrive as an array in the token itself (API Gateway flattens them to a string only for Lambda). */
function rolesOf(groups: unknown): string[] {
  if (Array.isArray(groups)) return groups.filter((group): group is string => typeof group === 'string');
  return typeof groups === 'string' ? groups.split(/\s+/).filter(Boolean) : [];
}

/** The session an ID token opens; undefined for a token that is not one, or has expired. */
export function sessionFromToken(token: string, now = Date.now()): Session | undefined {
  const claims = claimsOf(token);
  if (claims?.token_use !== 'id' || typeof claims.sub !== 'string') return undefined;
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : 0;
  if (expiresAt * 1000 <= now) return undefined;
  const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub);
  const opdId = claims['custom:opdId'];
  return {
    token,
    username,
    name: typeof claims.name === 'string' ? claims.name : username,
    roles: rolesOf(claims['cognito:groups']),
    ...(typeof opdId === 'string' && opdId !== '' ? { opdId } : {}),
    expiresAt,
  };
}

/** The signed-in session, if any and still valid. Kept for the tab only (sessionStorage). */
export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  const session = sessionFromToken(token);
  if (!session) sessionStorage.removeItem(STORAGE_KEY);
  return session;
}

export function signIn(token: string): Session | undefined {
  const session = sessionFromToken(token);
  if (!session) return undefined;
  sessionStorage.setItem(STORAGE_KEY, token);
  for (const listener of listeners) listener(session);
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(undefined);
}

/** The session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | undefined {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    listeners.add(setSession);
    return () => listeners.delete(setSession);
  }, []);
  return session;
}

export const hasRole = (session: Session | undefined, ...roles: string[]) =>
  session?.roles.some((role) => roles.includes(role)) ?? false;

/** Pages anyone may open without signing in: the sign-in itself and the public showcase and ranking. */
const PUBLIC_PATHS = /^\/(?:$|masuk(?:\/|$)|galeri(?:\/|$)|peringkat(?:\/|$))/;

export const isPublicPath = (path: string) => PUBLIC_PATHS.test(path);

const RETURN_KEY = 'inovda.returnTo';

/** Remembers where a signed-out visitor was going, so the sign-in brings them back there. */
export function rememberReturn(path: string): void {
  sessionStorage.setItem(RETURN_KEY, path);
}

/** Where to go after signing in: the page remembered (once), or home, which sends each role to its work. */
export function takeReturn(): string {
  const path = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return path?.startsWith('/') && !path.startsWith('//') && !isPublicPath(path) ? path : '/';
}
