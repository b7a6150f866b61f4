import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { directoryUserOf } from './cognito-directory';

function poolUser(attributes: Record<string, string>, extra: Partial<UserType> = {}): UserType {
  return {
    Username: 'opd.dinkes',
    Enabled: true,
    Attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    ...extra,
  };
}

describe('a pool user as a directory user', () => {
  it('carries the sub, the OPD, the roles sorted and a verified address', () => {
    const user = poolUser({ sub: 's1', email: 'a@x.id', email_verified: 'true', 'custom:opdId': 'dinkes' });
    expect(directoryUserOf(user, ['opd', 'coordinator'])).toEqual({
      sub: 's1',
      username: 'opd.dinkes',
      roles: ['coordinator', 'opd'],
      opdId: 'dinkes',
      email: 'a@x.id',
    });
  });

  it('drops an address that is not verified (it could be anyone’s)', () => {
    expect(directoryUserOf(poolUser({ sub: 's1', email: 'a@x.id', email_verified: 'false' }), ['opd'])).toEqual({
      sub: 's1',
      username: 'opd.dinkes',
      roles: ['opd'],
    });
  });

  it('is nobody when the account is disabled or has no sub', () => {
    expect(directoryUserOf(poolUser({ sub: 's1' }, { Enabled: false }), ['opd'])).toBeUndefined();
    expect(directoryUserOf(poolUser({ email: 'a@x.id' }), ['opd'])).toBeUndefined();
  });
});
