import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { DevUser } from './dev-users';

/** The audience of local tokens: a fixed stand-in for the Cognito app client id (`aud` of an ID token). */
export const LOCAL_CLIENT_ID = 'inovdalocalwebclient000000';

/** ID tokens live 12 hours locally, so a developer logs in once a day. */
export const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/** Which of Cognito's tokens: the ID token (the only one the API accepts) or the access token. */
export type TokenUse = 'id' | 'access';

/** The scope Cognito puts in an access token issued by a user-pool sign-in (SRP). */
const ACCESS_TOKEN_SCOPE = 'aws.cognito.signin.user.admin';

/** The outcome of checking a bearer token as the JWT authorizer does. */
export type TokenCheck =
  | { readonly ok: true; readonly payload: JWTPayload }
  | { readonly ok: false; readonly description: string };

/** The local identity provider: signs Cognito-like ID and access tokens and verifies them against its JWKS. */
export interface JwtIssuer {
  /** `iss` of every token (`<url>/local`). */
  readonly issuer: string;
  readonly audience: string;
  /** What `GET /local/.well-known/jwks.json` serves. */
  readonly jwks: JSONWebKeySet;
  /**
   * A token for a dev user with the claims Cognito puts in one: an ID token by default; an access token (no `aud`,
   * `client_id`, `token_use: access`, the groups, none of the user's attributes) to show what the API does with one.
   */
  issue(user: DevUser, now?: Date, tokenUse?: TokenUse): Promise<string>;
  /**
   * Signature (RS256, key by `kid`), `iss`, audience, `exp` and `nbf`, as HTTP API's JWT authorizer checks them: the
   * audience is `aud`, or `client_id` when the token has no `aud` (so access tokens of the client pass, as in AWS).
   */
  verify(token: string): Promise<TokenCheck>;
}

/** How the issuer is set up. */
export interface JwtIssuerOptions {
  readonly issuer: string;
  /** Where the RS256 key pair persists (tokens stay valid across restarts); omit to keep it in memory only. */
  readonly keyFile?: string;
  readonly audience?: string;
}

function isPrivateRsaJwk(value: unknown): value is JWK & { kid: string } {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return jwk.kty === 'RSA' && typeof jwk.d === 'string' && typeof jwk.n === 'string' && typeof jwk.kid === 'string';
}

async function loadOrCreatePrivateJwk(keyFile: string | undefined): Promise<JWK & { kid: string }> {
  if (keyFile && existsSync(keyFile)) {
    const stored: unknown = JSON.parse(readFileSync(keyFile, 'utf8'));
    if (isPrivateRsaJwk(stored)) return stored;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const complete = { ...jwk, kid, alg: 'RS256', use: 'sig' };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(complete, null, 2), { mode: 0o600 });
  }
  return complete;
}

/**
 * The `error_description` of a refused token. AWS documents one wording ("the token does not have a valid
 * audience"); the others follow its style.
 */
function describeFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token does not have a valid audience';
    if (error.claim === 'iss') return 'the token does not have a valid issuer';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token has an invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was not signed by a known key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  return 'the token is malformed';
}

/** Creates the local issuer, loading its key pair from `keyFile` or creating (and saving) one. */
export async function createJwtIssuer(options: JwtIssuerOptions): Promise<JwtIssuer> {
  const privateJwk = await loadOrCreatePrivateJwk(options.keyFile);
  const privateKey = await importJWK(privateJwk, 'RS256');
  const publicJwk: JWK = {
    kty: 'RSA',
    n: privateJwk.n,
    e: privateJwk.e,
    kid: privateJwk.kid,
    alg: 'RS256',
    use: 'sig',
  };
  const jwks: JSONWebKeySet = { keys: [publicJwk] };
  const keySet = createLocalJWKSet(jwks);
  const audience = options.audience ?? LOCAL_CLIENT_ID;
  const issuer = options.issuer;

  return {
    issuer,
    audience,
    jwks,
    async issue(user, now = new Date(), tokenUse = 'id') {
      const seconds = Math.floor(now.getTime() / 1000);
      const common = { 'cognito:groups': [...user.roles], origin_jti: randomUUID(), event_id: randomUUID() };
      // Cognito's access token: the client in `client_id`, no `aud`, and no user attributes (no `custom:opdId`).
      const claims =
        tokenUse === 'access'
          ? { ...common, client_id: audience, token_use: 'access', scope: ACCESS_TOKEN_SCOPE, username: user.username }
          : {
              ...common,
              email_verified: true,
              'cognito:username': user.username,
              token_use: 'id',
              name: user.name,
              email: user.email,
              ...(user.opdId ? { 'custom:opdId': user.opdId } : {}),
            };
      const token = new SignJWT({ ...claims, auth_time: seconds })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid })
        .setSubject(user.sub)
        .setIssuer(issuer)
        .setIssuedAt(seconds)
        .setExpirationTime(seconds + TOKEN_LIFETIME_SECONDS)
        .setJti(randomUUID());
      return (tokenUse === 'access' ? token : token.setAudience(audience)).sign(privateKey);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keySet, { issuer, algorithms: ['RS256'] });
        // HTTP API checks `aud` when the token has one, else `client_id` (how Cognito access tokens name the client).
        const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
        if (!audiences.includes(audience))
          return { ok: false, description: 'the token does not have a valid audience' };
        return { ok: true, payload };
      } catch (error) {
        return { ok: false, description: describeFailure(error) };
      }
    },
  };
}
