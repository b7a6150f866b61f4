import { type DevUser, devUsersFor } from '../cognito/dev-users';
import { createJwtIssuer, type JwtIssuer } from '../cognito/jwt-issuer';
import type { LocalRegion } from '../local-region';
import type { DataDir } from './data-dir';

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
