import type { AuthConfig } from './config';

/**
 * Cognito managed login with the authorization code flow and PKCE (RFC 7636): the browser keeps a random verifier
 * for the tab, sends its SHA-256 challenge to `/oauth2/authorize`, and exchanges the code it gets back, with the
 * verifier, at `/oauth2/token` for the ID token the API takes. No client secret exists (a public client).
 */
type CognitoAuth = Extract<AuthConfig, { kind: 'cognito' }>;

const VERIFIER_KEY = 'inovda.pkce.verifier';
const STATE_KEY = 'inovda.pkce.state';

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomString = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** The PKCE challenge of a verifier: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export const redirectUri = () => `${location.origin}/masuk/selesai`;

/** Where to send the browser to sign in. */
export async function authorizeUrl(auth: CognitoAuth): Promise<string> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  sessionStorage.setItem(STATE_KEY, state);
  const url = new URL('/oauth2/authorize', auth.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: await challengeOf(verifier),
  }).toString();
  return url.toString();
}

/** Exchanges the code of the callback for the ID token; undefined when the callback is not ours (state differs). */
export async function finishSignIn(auth: CognitoAuth, search: URLSearchParams): Promise<string | undefined> {
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  const state = sessionStorage.getItem(STATE_KEY);
  sessionStorage.removeItem(VERIFIER_KEY);
  sessionStorage.removeItem(STATE_KEY);
  const code = search.get('code');
  if (!verifier || !state || !code || search.get('state') !== state) return undefined;
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: verifier,
    }),
  });
  if (!response.ok) return undefined;
  const tokens = (await response.json()) as { id_token?: unknown };
  return typeof tokens.id_token === 'string' ? tokens.id_token : undefined;
}
