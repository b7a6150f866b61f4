import { describe, expect, it } from 'vitest';
import { callerFromClaims, parseListClaim } from './caller-claims';

describe('parseListClaim', () => {
  it('reads the bracketed string form HTTP API gives array claims', () => {
    expect(parseListClaim('[opd coordinator]')).toEqual(['opd', 'coordinator']);
    expect(parseListClaim('[admin]')).toEqual(['admin']);
    expect(parseListClaim('[]')).toEqual([]);
  });

  it('splits only on the spaces HTTP API puts between items: a group named with a comma stays one group', () => {
    expect(parseListClaim('[opd,admin]')).toEqual(['opd,admin']);
    expect(parseListClaim('[penilai,admin opd]')).toEqual(['penilai,admin', 'opd']);
    expect(parseListClaim(['opd,admin'])).toEqual(['opd,admin']);
  });

  it('reads a real array and ignores other types', () => {
    expect(parseListClaim(['opd', 3])).toEqual(['opd']);
    expect(parseListClaim(42)).toEqual([]);
    expect(parseListClaim(undefined)).toEqual([]);
  });
});

describe('callerFromClaims', () => {
  it('builds the caller from Cognito ID-token claims as HTTP API passes them', () => {
    expect(
      callerFromClaims({
        sub: 'abc',
        'cognito:username': 'opd.dinkes',
        'cognito:groups': '[opd]',
        'custom:opdId': 'dinkes',
        exp: '1700000000',
      }),
    ).toEqual({ sub: 'abc', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes' });
  });

  it('takes the e-mail address only when the identity provider verified it (HTTP API passes booleans as text)', () => {
    const base = { sub: 'abc', 'cognito:username': 'u', 'cognito:groups': '[opd]', email: 'u@kota.go.id' };
    expect(callerFromClaims({ ...base, email_verified: 'true' })?.email).toBe('u@kota.go.id');
    expect(callerFromClaims({ ...base, email_verified: true })?.email).toBe('u@kota.go.id');
    expect(callerFromClaims({ ...base, email_verified: 'false' })?.email).toBeUndefined();
    expect(callerFromClaims(base)?.email).toBeUndefined();
  });

  it('drops groups that are not roles, and rejects claims without a subject', () => {
    expect(callerFromClaims({ sub: 'x', 'cognito:groups': '[root opd]' })?.roles).toEqual(['opd']);
    expect(callerFromClaims({ 'cognito:groups': '[admin]' })).toBeUndefined();
    // A Cognito group called `opd,admin` is no role: it must not become the roles opd and admin.
    expect(callerFromClaims({ sub: 'x', 'cognito:groups': '[opd,admin]' })?.roles).toEqual([]);
    expect(callerFromClaims(undefined)).toBeUndefined();
  });
});
