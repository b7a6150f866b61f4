import { describe, expect, it } from 'vitest';
import { sessionFromToken } from './session';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: Record<string, unknown>) => `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
const NOW = Date.parse('2026-12-02T00:00:00Z');
const later = NOW / 1000 + 3600;

describe('the session an ID token opens', () => {
  it('reads who is signed in from an ID token, groups as an array or a string', () => {
    const session = sessionFromToken(
      token({
        sub: 'sub-1',
        token_use: 'id',
        exp: later,
        'cognito:username': 'opd.dinkes',
        name: 'Rina Marlina',
        'cognito:groups': ['opd'],
        'custom:opdId': 'dinkes',
      }),
      NOW,
    );
    expect(session).toMatchObject({ username: 'opd.dinkes', name: 'Rina Marlina', roles: ['opd'], opdId: 'dinkes' });
    expect(
      sessionFromToken(token({ sub: 's', token_use: 'id', exp: later, 'cognito:groups': 'coordinator admin' }), NOW)
        ?.roles,
    ).toEqual(['coordinator', 'admin']);
  });

  it('opens none for an access token, an expired token or garbage', () => {
    expect(sessionFromToken(token({ sub: 's', token_use: 'access', exp: later }), NOW)).toBeUndefined();
    expect(sessionFromToken(token({ sub: 's', token_use: 'id', exp: NOW / 1000 - 1 }), NOW)).toBeUndefined();
    expect(sessionFromToken('not-a-token', NOW)).toBeUndefined();
    expect(sessionFromToken('a.%%%.c', NOW)).toBeUndefined();
  });
});
