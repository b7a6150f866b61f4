import { type DevUser, devUsersFor } from '../cognito/dev-users';
import { createJwtIssuer, type JwtIssuer } from '../cognito/jwt-issuer';
import { localUserPoolId, startUserDirectoryApi, type UserDirectoryApi } from '../cognito/user-directory-api';
import type { LocalRegion } from '../local-region';
import type { LocalLogger } from '../log';
import type { DataDir } from './data-dir';
import type { StopOrder } from './stop-order';

/** The local stand-in for the region's user pool: its dev users and the issuer of their tokens. */
export interface LocalIdentities {
  readonly issuer: JwtIssuer;
  readonly users: readonly DevUser[];
  /** An ID token for a dev user (throws for an unknown one). */
  tokenFor(username: string): Promise<string>;
}

/** The issuer is `<apiUrl>/local`, its signing key kept in the data dir so tokens outlive a restart. */
export async function createIdentities(
  apiUrl: string,
  region: LocalRegion,
  dataDir: DataDir,
): Promise<LocalIdentities> {
  const keyFile = dataDir.file('jwt-signing-key.json');
  const issuer = await createJwtIssuer({ issuer: `${apiUrl}/local`, ...(keyFile ? { keyFile } : {}) });
  const users = devUsersFor(region);
  return {
    issuer,
    users,
    tokenFor: async (username) => {
      const user = users.find((candidate) => candidate.username === username);
      if (!user) throw new Error(`no dev user named ${username}`);
      return issuer.issue(user);
    },
  };
}

/**
 * Starts the user pool's directory (Cognito `ListUsersInGroup`) listing the dev users, the same users who sign in:
 * functions with a `user-directory` grant get its endpoint and the pool's id.
 */
export async function startUserDirectory(
  users: readonly DevUser[],
  awsRegion: string,
  regionId: string,
  log: LocalLogger,
  stops: StopOrder,
): Promise<UserDirectoryApi> {
  const directory = await startUserDirectoryApi({ users, userPoolId: localUserPoolId(awsRegion, regionId), log });
  stops.add(() => directory.stop());
  log.info(`▸ user directory (Cognito ListUsersInGroup) on ${directory.endpoint}, pool ${directory.userPoolId}`);
  return directory;
}
