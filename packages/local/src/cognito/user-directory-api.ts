import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ROLES } from '@inovda/kernel';
import { errorMessage } from '../errors';
import { closeServer, listen, readBody, sendJson } from '../http-io';
import type { LocalLogger } from '../log';
import type { DevUser } from './dev-users';

/** A user of the local pool: a dev user, whose address is verified and account enabled unless said otherwise. */
export type DirectoryEntry = DevUser & { readonly emailVerified?: boolean; readonly enabled?: boolean };

/** The local stand-in of the region's user pool directory (Cognito's `cognito-idp` API, read side). */
export interface UserDirectoryApi {
  /** `http://127.0.0.1:<port>`: what `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` points at. */
  readonly endpoint: string;
  /** The pool id the functions are given as `USER_POOL_ID`. */
  readonly userPoolId: string;
  /** Replaces the directory's users (tests: a user onboarded, moved to another OPD, removed). */
  setUsers(users: readonly DirectoryEntry[]): void;
  stop(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const MAX_BODY_BYTES = 64 * 1024;
/** Cognito's page size for `ListUsersInGroup`: 60 at most, and 60 when `Limit` is absent. */
const MAX_LIMIT = 60;

/** A Cognito service error, sent in the AWS JSON protocol's shape. */
class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Like Cognito: `<aws region>_<alphanumerics>`, stable per region so a restart gives the same id. */
export function localUserPoolId(awsRegion: string, regionId: string): string {
  return `${awsRegion}_local${regionId.replace(/[^0-9A-Za-z]/g, '')}`;
}

/** A dev user as Cognito's `UserType` (timestamps are epoch seconds in the JSON protocol). */
function userType(user: DirectoryEntry, created: number) {
  const attributes: Record<string, string> = {
    sub: user.sub,
    email: user.email,
    email_verified: String(user.emailVerified ?? true),
    name: user.name,
    ...(user.opdId ? { 'custom:opdId': user.opdId } : {}),
  };
  return {
    Username: user.username,
    Attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    UserCreateDate: created,
    UserLastModifiedDate: created,
    Enabled: user.enabled ?? true,
    UserStatus: 'CONFIRMED',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `NextToken` is opaque to clients: here the offset of the next user, encoded. */
function offsetOf(token: unknown): number {
  if (token === undefined) return 0;
  const offset = typeof token === 'string' ? Number(Buffer.from(token, 'base64url').toString('utf8')) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new CognitoError('InvalidParameterException', 'Invalid NextToken.');
  return offset;
}

function listUsersInGroup(
  users: readonly DirectoryEntry[],
  userPoolId: string,
  created: number,
  input: Record<string, unknown>,
) {
  if (input.UserPoolId !== userPoolId) {
    throw new CognitoError('ResourceNotFoundException', `User pool ${String(input.UserPoolId)} does not exist.`);
  }
  const group = input.GroupName;
  if (typeof group !== 'string' || !(ROLES as readonly string[]).includes(group)) {
    throw new CognitoError('ResourceNotFoundException', 'Group not found.');
  }
  const limit = input.Limit ?? MAX_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`,
    );
  }
  const members = users.filter((user) => (user.roles as readonly string[]).includes(group));
  const offset = offsetOf(input.NextToken);
  const next = offset + limit;
  return {
    Users: members.slice(offset, next).map((user) => userType(user, created)),
    ...(next < members.length ? { NextToken: Buffer.from(String(next), 'utf8').toString('base64url') } : {}),
  };
}

/**
 * Serves the part of Cognito's user pool API that functions with a `user-directory` grant use,
 * `ListUsersInGroup` (AWS JSON 1.1, `X-Amz-Target: AWSCognitoIdentityProviderService.ListUsersInGroup`), on its own
 * loopback port, so the real `@aws-sdk/client-cognito-identity-provider` works unchanged. The directory is the dev
 * users (the same users the local sign-in issues tokens for), one group per role, each with the attributes a real
 * pool holds: `sub`, a verified `email`, `name` and `custom:opdId`. Paged like Cognito (60 at most, `NextToken`);
 * an unknown pool or group is `ResourceNotFoundException`. Signatures are not checked.
 */
export async function startUserDirectoryApi(options: {
  readonly users: readonly DirectoryEntry[];
  readonly userPoolId: string;
  readonly log: LocalLogger;
  readonly port?: number;
}): Promise<UserDirectoryApi> {
  const created = Math.floor(Date.now() / 1000);
  let users = options.users;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const headers = { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() };
    try {
      const target = request.headers['x-amz-target'];
      if (request.method !== 'POST' || typeof target !== 'string') {
        throw new CognitoError('UnknownOperationException', 'expected a POST with X-Amz-Target (AWS JSON 1.1)');
      }
      const body = await readBody(request, MAX_BODY_BYTES);
      if (body === 'too-large') throw new CognitoError('InvalidParameterException', 'Request is too large.');
      let input: unknown = {};
      try {
        if (body.length > 0) input = JSON.parse(body.toString('utf8'));
      } catch {
        throw new CognitoError('SerializationException', 'Request body is not valid JSON.');
      }
      if (!isRecord(input)) throw new CognitoError('SerializationException', 'Request body must be a JSON object.');
      if (target !== `${TARGET_PREFIX}ListUsersInGroup`) {
        throw new CognitoError('UnknownOperationException', `${target} is not supported by the local user directory`);
      }
      sendJson(response, 200, listUsersInGroup(users, options.userPoolId, created, input), headers);
    } catch (error) {
      if (error instanceof CognitoError) {
        sendJson(response, 400, { __type: error.type, message: error.message }, headers);
      } else {
        sendJson(response, 500, { __type: 'InternalErrorException', message: errorMessage(error) }, headers);
      }
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error(`local user directory: ${errorMessage(error)}`);
      if (!response.headersSent) sendJson(response, 500, { __type: 'InternalErrorException', message: 'internal' });
    });
  });
  const port = await listen(server, options.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    userPoolId: options.userPoolId,
    setUsers: (next) => {
      users = next;
    },
    stop: () => closeServer(server),
  };
}
