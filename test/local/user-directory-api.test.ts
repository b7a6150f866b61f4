import {
  CognitoIdentityProviderClient,
  InvalidParameterException,
  ListUsersInGroupCommand,
  paginateListUsersInGroup,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DevUser } from '../../packages/local/src/cognito/dev-users';
import {
  localUserPoolId,
  startUserDirectoryApi,
  type UserDirectoryApi,
} from '../../packages/local/src/cognito/user-directory-api';
import { silentLogger } from '../../packages/local/src/log';

const REGION = 'ap-southeast-3';
const POOL = localUserPoolId(REGION, 'kota-uji');

function opdUser(index: number): DevUser {
  return {
    sub: `sub-${String(index).padStart(3, '0')}`,
    username: `opd.${index}`,
    name: `Staf ${index}`,
    email: `staf${index}@uji.example`,
    roles: ['opd'],
    opdId: `opd-${index % 7}`,
  };
}

describe('the local user directory, called with the real SDK client', () => {
  let api: UserDirectoryApi;
  let client: CognitoIdentityProviderClient;

  beforeEach(async () => {
    const users = [
      ...Array.from({ length: 130 }, (_, index) => opdUser(index)),
      {
        sub: 'sub-koor',
        username: 'koordinator',
        name: 'Koordinator',
        email: 'koor@uji.example',
        roles: ['coordinator', 'opd'],
        opdId: 'balitbang',
      } satisfies DevUser,
    ];
    api = await startUserDirectoryApi({ users, userPoolId: POOL, log: silentLogger });
    client = new CognitoIdentityProviderClient({
      endpoint: api.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await api.stop();
  });

  it('has a pool id shaped like Cognito’s, stable per region', () => {
    expect(POOL).toMatch(/^[\w-]+_[0-9a-zA-Z]+$/);
    expect(localUserPoolId(REGION, 'kota-uji')).toBe(POOL);
  });

  it('lists a group’s members 60 to a page, every member once', async () => {
    const first = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'opd' }));
    expect(first.Users).toHaveLength(60);
    expect(first.NextToken).toBeDefined();
    const usernames: string[] = [];
    for await (const page of paginateListUsersInGroup({ client }, { UserPoolId: POOL, GroupName: 'opd' })) {
      usernames.push(...(page.Users ?? []).map((user) => user.Username ?? ''));
    }
    expect(usernames).toHaveLength(131);
    expect(new Set(usernames).size).toBe(131);
  });

  it('gives each user the attributes a pool holds', async () => {
    const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'coordinator' }));
    expect(page.NextToken).toBeUndefined();
    expect(page.Users).toHaveLength(1);
    const [user] = page.Users ?? [];
    expect(user?.Enabled).toBe(true);
    expect(user?.UserCreateDate).toBeInstanceOf(Date);
    expect(Object.fromEntries((user?.Attributes ?? []).map((a) => [a.Name, a.Value]))).toEqual({
      sub: 'sub-koor',
      email: 'koor@uji.example',
      email_verified: 'true',
      name: 'Koordinator',
      'custom:opdId': 'balitbang',
    });
  });

  it('shows users changed after it started', async () => {
    api.setUsers([{ ...opdUser(1), roles: ['evaluator'] }]);
    const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'evaluator' }));
    expect(page.Users?.map((user) => user.Username)).toEqual(['opd.1']);
  });

  it('refuses an unknown pool or group, a page over 60 and a forged token as Cognito does', async () => {
    await expect(
      client.send(new ListUsersInGroupCommand({ UserPoolId: `${REGION}_other`, GroupName: 'opd' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'tamu' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'opd', Limit: 61 })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(
      client.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: 'opd', NextToken: 'bm90LWEtbnVtYmVy' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });
});
