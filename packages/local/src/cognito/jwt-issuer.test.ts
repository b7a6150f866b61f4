import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { DevUser } from './dev-users';
import { createJwtIssuer, LOCAL_CLIENT_ID, TOKEN_LIFETIME_SECONDS } from './jwt-issuer';

const user: DevUser = {
  username: 'opd.dinkes',
  name: 'Rina Marlina',
  email: 'opd.dinkes@kota-uji.inovda.local',
  roles: ['opd'],
  opdId: 'dinkes',
  sub: '11111111-2222-5333-8444-555555555555',
};
const ISSUER = 'http://localhost:3000/local';

describe('the local JWT issuer', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('issues Cognito-like ID tokens that it verifies', async () => {
    const issuer = await createJwtIssuer({ issuer: ISSUER });
    const token = await issuer.issue(user, new Date('2030-01-01T00:00:00Z'));
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: issuer.jwks.keys[0]?.kid });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: user.sub,
      'cognito:username': 'opd.dinkes',
      'cognito:groups': ['opd'],
      'custom:opdId': 'dinkes',
      email: user.email,
      name: 'Rina Marlina',
      token_use: 'id',
      iss: ISSUER,
      aud: LOCAL_CLIENT_ID,
      iat: 1_893_456_000,
      auth_time: 1_893_456_000,
      exp: 1_893_456_000 + TOKEN_LIFETIME_SECONDS,
    });
    const fresh = await issuer.issue(user);
    expect(await issuer.verify(fresh)).toMatchObject({ ok: true, payload: { sub: user.sub } });
  });

  it("issues access tokens shaped like Cognito's, which pass the authorizer by client_id as on HTTP API", async () => {
    const issuer = await createJwtIssuer({ issuer: ISSUER });
    const token = await issuer.issue(user, new Date('2030-01-01T00:00:00Z'), 'access');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: user.sub,
      username: 'opd.dinkes',
      'cognito:groups': ['opd'],
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      iss: ISSUER,
    });
    // No audience and none of the user's attributes: that is what makes it unfit for the API's OPD rules.
    for (const claim of ['aud', 'custom:opdId', 'email', 'name', 'cognito:username'])
      expect(claims).not.toHaveProperty(claim);
    expect(await issuer.verify(await issuer.issue(user, new Date(), 'access'))).toMatchObject({
      ok: true,
      payload: { token_use: 'access' },
    });
    // Another app client of the same pool (same key): its access token names that client and is refused.
    const directory = mkdtempSync(join(tmpdir(), 'inovda-jwt-'));
    directories.push(directory);
    const keyFile = join(directory, 'key.json');
    const web = await createJwtIssuer({ issuer: ISSUER, keyFile });
    const sameKeyOtherClient = await createJwtIssuer({ issuer: ISSUER, keyFile, audience: 'another-app-client' });
    expect(await web.verify(await sameKeyOtherClient.issue(user, new Date(), 'access'))).toEqual({
      ok: false,
      description: 'the token does not have a valid audience',
    });
  });

  it('refuses expired tokens, other audiences, other issuers and other keys, saying why', async () => {
    const issuer = await createJwtIssuer({ issuer: ISSUER });
    const expired = await issuer.issue(user, new Date(Date.now() - (TOKEN_LIFETIME_SECONDS + 60) * 1000));
    expect(await issuer.verify(expired)).toEqual({ ok: false, description: 'the token has expired' });

    const directory = mkdtempSync(join(tmpdir(), 'inovda-jwt-'));
    directories.push(directory);
    const keyFile = join(directory, 'key.json');
    const web = await createJwtIssuer({ issuer: ISSUER, keyFile });
    const otherClient = await createJwtIssuer({ issuer: ISSUER, keyFile, audience: 'another-app-client' });
    expect(await web.verify(await otherClient.issue(user))).toEqual({
      ok: false,
      description: 'the token does not have a valid audience',
    });
    const otherIssuer = await createJwtIssuer({ issuer: 'http://localhost:9999/local', keyFile });
    expect(await web.verify(await otherIssuer.issue(user))).toMatchObject({
      ok: false,
      description: expect.stringContaining('issuer'),
    });

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: user.sub })
      .setProtectedHeader({ alg: 'RS256', kid: web.jwks.keys[0]?.kid ?? '' })
      .setIssuer(ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await web.verify(forged)).toEqual({ ok: false, description: 'the token signature is invalid' });
    expect(await web.verify('garbage')).toEqual({ ok: false, description: 'the token is malformed' });
  });

  it('keeps its key pair in the key file, so tokens survive a restart', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'inovda-jwt-'));
    directories.push(directory);
    const keyFile = join(directory, 'key.json');
    const first = await createJwtIssuer({ issuer: ISSUER, keyFile });
    const token = await first.issue(user);
    const second = await createJwtIssuer({ issuer: ISSUER, keyFile });
    expect(second.jwks).toEqual(first.jwks);
    expect((await second.verify(token)).ok).toBe(true);
    // The JWKS publishes the public half only.
    expect(Object.keys(second.jwks.keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });
});
