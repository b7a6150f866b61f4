import type { FunctionGrant } from '@inovda/manifest';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RegionConfig } from '../regions';
import type { RegionEmail } from './region-email';

/** SES v2 `SendEmail` (the v2 API keeps the `ses:` IAM prefix); raw MIME (`SendRawEmail`) is not needed. */
export const SEND_EMAIL_ACTIONS = ['ses:SendEmail'] as const;

/** A `read` secrets grant: the value, and the metadata a client checks before reading (version stages). */
export const SECRETS_READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] as const;

/**
 * A `manage` secrets grant adds creating secrets (tagged, hence TagResource), rotating them (a new version with
 * PutSecretValue, moved to AWSCURRENT with UpdateSecretVersionStage) and deleting them.
 */
export const SECRETS_MANAGE_ACTIONS = [
  ...SECRETS_READ_ACTIONS,
  'secretsmanager:CreateSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:UpdateSecretVersionStage',
  'secretsmanager:DeleteSecret',
  'secretsmanager:TagResource',
] as const;

/** A `user-directory` grant: listing the users of a group (a role), with their attributes; nothing that changes. */
export const USER_DIRECTORY_ACTIONS = ['cognito-idp:ListUsersInGroup'] as const;

/**
 * Characters Secrets Manager allows in a secret name. No `*` or `?`: a wildcard in a prefix would widen the grant
 * beyond the secrets the prefix names.
 */
const SECRET_PREFIX = /^[A-Za-z0-9/_+=.@-]+$/;

/** The name every secret a service's grant covers starts with: `inovda/<region id>/<service>/<prefix>`. */
export function secretNamePrefix(config: RegionConfig, service: string, prefix: string): string {
  if (!SECRET_PREFIX.test(prefix)) {
    throw new Error(`${service}: secrets prefix '${prefix}' must be a non-empty secret name prefix without wildcards`);
  }
  return `inovda/${config.id}/${service}/${prefix}`;
}

/** What a function's grants are turned into IAM against. */
export interface FunctionGrantContext {
  readonly config: RegionConfig;
  /** Name of the service the function belongs to (secrets are per service). */
  readonly service: string;
  /** Where the region sends e-mail from; required as soon as a function has a `send-email` grant. */
  readonly email?: RegionEmail;
  /** The region's user pool; required as soon as a function has a `user-directory` grant. */
  readonly userPool?: IUserPool;
}

/**
 * The IAM statements of one grant, least privilege:
 * - `send-email`: `ses:SendEmail` on the sender's identities and the region's configuration set only, and only
 *   with the configured sender as From address.
 * - `secrets`: the read (or manage) actions on `inovda/<region>/<service>/<prefix>*` only; the trailing `*` is
 *   what matches the random suffix Secrets Manager appends to every secret ARN.
 * - `user-directory`: `cognito-idp:ListUsersInGroup` on the region's user pool only.
 * - `https-egress`: nothing. A Lambda function outside a VPC reaches the internet without any permission; there
 *   is no IAM action for an outbound HTTPS call. The grant is a declaration the architecture test holds code to.
 */
export function statementsOfGrant(
  scope: Stack,
  grant: FunctionGrant,
  context: FunctionGrantContext,
): PolicyStatement[] {
  switch (grant.kind) {
    case 'send-email': {
      const { email } = context;
      if (!email) throw new Error(`${context.service}: a send-email grant needs the region's e-mail set-up`);
      return [
        new PolicyStatement({
          actions: [...SEND_EMAIL_ACTIONS],
          resources: [...email.senderIdentityArns, email.configurationSetArn],
          conditions: { StringEquals: { 'ses:FromAddress': email.senderAddress } },
        }),
      ];
    }
    case 'secrets': {
      const arn = scope.formatArn({
        service: 'secretsmanager',
        resource: 'secret',
        resourceName: `${secretNamePrefix(context.config, context.service, grant.prefix)}*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      const actions = grant.access === 'manage' ? SECRETS_MANAGE_ACTIONS : SECRETS_READ_ACTIONS;
      return [new PolicyStatement({ actions: [...actions], resources: [arn] })];
    }
    case 'user-directory': {
      const { userPool } = context;
      if (!userPool) throw new Error(`${context.service}: a user-directory grant needs the region's user pool`);
      return [new PolicyStatement({ actions: [...USER_DIRECTORY_ACTIONS], resources: [userPool.userPoolArn] })];
    }
    case 'https-egress':
      return [];
  }
}

/** Adds the statements of every grant to the role. */
export function applyFunctionGrants(
  role: IRole,
  grants: readonly FunctionGrant[],
  context: FunctionGrantContext,
): void {
  const stack = Stack.of(role);
  for (const grant of grants) {
    for (const statement of statementsOfGrant(stack, grant, context)) role.addToPrincipalPolicy(statement);
  }
}
