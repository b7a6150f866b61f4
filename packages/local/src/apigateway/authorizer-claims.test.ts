import { describe, expect, it } from 'vitest';
import { scopesOf, toHttpApiClaims } from './authorizer-claims';

describe('toHttpApiClaims', () => {
  it('turns a Cognito ID token payload into the all-string claims HTTP API hands the integration', () => {
    const claims = toHttpApiClaims({
      sub: '4b6f0f0e-0000-4000-8000-000000000001',
      'cognito:groups': ['opd', 'coordinator'],
      'cognito:username': 'opd.dinkes',
      'custom:opdId': 'dinkes',
      email_verified: true,
      token_use: 'id',
      aud: 'inovdalocalwebclient000000',
      iat: 1_717_000_000,
      exp: 1_717_043_200,
      auth_time: 1_717_000_000,
    });
    expect(claims).toEqual({
      sub: '4b6f0f0e-0000-4000-8000-000000000001',
      'cognito:groups': '[opd coordinator]',
      'cognito:username': 'opd.dinkes',
      'custom:opdId': 'dinkes',
      email_verified: 'true',
      token_use: 'id',
      aud: 'inovdalocalwebclient000000',
      iat: '1717000000',
      exp: '1717043200',
      auth_time: '1717000000',
    });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
  });

  it('prints a one-element list in brackets and an empty list as []', () => {
    expect(toHttpApiClaims({ 'cognito:groups': ['admin'], empty: [] })).toEqual({
      'cognito:groups': '[admin]',
      empty: '[]',
    });
  });

  it('JSON-encodes a nested object claim', () => {
    expect(toHttpApiClaims({ address: { locality: 'Solok' } })).toEqual({ address: '{"locality":"Solok"}' });
  });
});

describe('scopesOf', () => {
  it('is null for an ID token, which has no scope claim', () => {
    expect(scopesOf({ token_use: 'id' })).toBeNull();
  });

  it('splits a space-separated scope claim', () => {
    expect(scopesOf({ scope: 'openid email  profile' })).toEqual(['openid', 'email', 'profile']);
  });
});
