import {
  CognitoIdentityProviderClient,
  paginateListUsersInGroup,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { isRole, ROLES, type Role } from '@inovda/kernel';
import type { DirectoryUser } from '../domain/recipients';
import type { UserDirectory } from '../use-cases/directory';

/** Cognito's largest page of `ListUsersInGroup`. */
const PAGE_SIZE = 60;

/** A pool user as a directory user, or undefined when disabled or without a `sub` (nobody to tell). */
export function directoryUserOf(user: UserType, roles: readonly Role[]): DirectoryUser | undefined {
  if (user.Enabled === false) return undefined;
  const attributes = new Map((user.Attributes ?? []).map((attribute) => [attribute.Name, attribute.Value]));
  const sub = attributes.get('sub');
  if (!sub) return undefined;
  const email = attributes.get('email');
  const opdId = attributes.get('custom:opdId');
  return {
    sub,
    username: user.Username ?? sub,
    roles: [...roles].sort(),
    ...(opdId ? { opdId } : {}),
    // As with sign-ins: only a verified address is mailed (an unverified one could be anyone's).
    ...(email && attributes.get('email_verified') === 'true' ? { email } : {}),
  };
}

/**
 * The region's Cognito user pool as the directory: the members of each role group (a user in two groups holds
 * both roles), paged 60 at a time. Its `user-directory` grant allows `ListUsersInGroup` on this pool only; locally
 * the platform's user directory (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`) lists the dev users.
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client: CognitoIdentityProviderClient = new CognitoIdentityProviderClient({}),
  ) {}

  async listUsers(): Promise<DirectoryUser[]> {
    const members = new Map<string, { user: UserType; roles: Role[] }>();
    for (const role of ROLES) {
      const pages = paginateListUsersInGroup(
        { client: this.client, pageSize: PAGE_SIZE },
        { UserPoolId: this.userPoolId, GroupName: role },
      );
      for await (const page of pages) {
        for (const user of page.Users ?? []) {
          const key = user.Username ?? '';
          const entry = members.get(key) ?? { user, roles: [] };
          if (isRole(role)) entry.roles.push(role);
          members.set(key, entry);
        }
      }
    }
    return [...members.values()].flatMap(({ user, roles }) => directoryUserOf(user, roles) ?? []);
  }
}
