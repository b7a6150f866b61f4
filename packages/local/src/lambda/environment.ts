import {
  ENV,
  FUNCTION_DEFAULTS,
  type FunctionGrant,
  type FunctionSpec,
  functionEnvironment,
  type ServiceManifest,
} from '@inovda/manifest';
import { awsRegionOf, type LocalRegion } from '../local-region';
import { functionNameFor } from '../naming';

/**
 * Local stand-ins of AWS services beyond DynamoDB and EventBridge, by their endpoint URL. A function reaches one
 * only when its manifest entry grants it (see {@link GRANTED_ENDPOINTS}); an absent one is simply not given.
 */
export interface LocalServiceEndpoints {
  /** SES v2, for functions with a `send-email` grant. */
  readonly sesv2?: string;
  /** Secrets Manager, for functions with a `secrets` grant. */
  readonly secretsManager?: string;
  /** The user pool's directory (Cognito `cognito-idp`), for functions with a `user-directory` grant. */
  readonly cognitoIdentityProvider?: string;
}

/**
 * Which endpoint each grant opens, and the variable the SDK v3 reads it from: `AWS_ENDPOINT_URL_` and the
 * client's serviceId upper-cased, spaces as underscores (`SESv2` → `SESV2`, `Secrets Manager` →
 * `SECRETS_MANAGER`; see the SDKs' "Identifiers for service-specific endpoints"). `https-egress` has none: it
 * reaches hosts outside AWS.
 */
export const GRANTED_ENDPOINTS: Readonly<
  Partial<Record<FunctionGrant['kind'], { endpoint: keyof LocalServiceEndpoints; variable: string }>>
> = {
  'send-email': { endpoint: 'sesv2', variable: 'AWS_ENDPOINT_URL_SESV2' },
  secrets: { endpoint: 'secretsManager', variable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER' },
  'user-directory': { endpoint: 'cognitoIdentityProvider', variable: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER' },
};

/** What every function's environment is built from. */
export interface LambdaEnvironmentInput {
  readonly region: LocalRegion;
  /** Table name per service name. */
  readonly tableNames: Readonly<Record<string, string>>;
  readonly eventBusName: string;
  readonly dynamoEndpoint: string;
  readonly eventBridgeEndpoint: string;
  /** Endpoints of the other local services, given to the functions whose grants name them. */
  readonly endpoints?: LocalServiceEndpoints;
  /** Region settings file per function id (`<service>/<function>`), for the functions that read region settings. */
  readonly regionSettingsFiles?: Readonly<Record<string, string>>;
  /** Log level of the handlers (`INOVDA_LOG_LEVEL`, default INFO). */
  readonly functionLogLevel?: string;
  /** The outbox sweeper's grace period, when not the manifest's (see `StartLocalPlatformOptions`). */
  readonly outboxSweepGraceSeconds?: number;
  /** The local user pool's id (given to functions with a `user-directory` grant, as the stack gives the real one). */
  readonly userPoolId?: string;
}

/** The endpoint variables a function's grants open, for the endpoints that are running locally. */
function grantedEndpoints(fn: FunctionSpec, endpoints: LocalServiceEndpoints | undefined): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const grant of fn.grants ?? []) {
    const granted = GRANTED_ENDPOINTS[grant.kind];
    const url = granted ? endpoints?.[granted.endpoint] : undefined;
    if (granted && url) variables[granted.variable] = url;
  }
  return variables;
}

function regionSettingsFileOf(input: LambdaEnvironmentInput, manifest: ServiceManifest, fn: FunctionSpec): string {
  const id = `${manifest.name}/${fn.name}`;
  const file = input.regionSettingsFiles?.[id];
  if ((fn.regionSettings ?? []).length > 0 && file === undefined) {
    throw new Error(`${id} reads region settings, but no region settings file was written for it`);
  }
  // Unused by functionEnvironment() for a function that reads no region settings.
  return file ?? '';
}

/**
 * The environment of one function: the same `functionEnvironment()` the stack uses, the variables the Lambda
 * runtime sets, and, only locally, SDK endpoints and placeholder credentials through the standard `AWS_*`
 * variables (the SDK v3 reads `AWS_ENDPOINT_URL_<SERVICE>`), so handler code is unchanged.
 */
export function lambdaEnvironment(
  input: LambdaEnvironmentInput,
  manifest: ServiceManifest,
  fn: FunctionSpec,
): Record<string, string> {
  const awsRegion = awsRegionOf(input.region);
  const functionName = functionNameFor(input.region.id, manifest, fn);
  const tableName = input.tableNames[manifest.name] ?? '';
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    AWS_REGION: awsRegion,
    AWS_DEFAULT_REGION: awsRegion,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb ?? FUNCTION_DEFAULTS.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: manifest.root,
    _HANDLER: `${fn.entry.replace(/\.[cm]?[jt]s$/, '')}.handler`,
    [ENV.logLevel]: input.functionLogLevel ?? 'INFO',
    ...functionEnvironment({
      manifest,
      fn,
      tableName,
      eventBusName: input.eventBusName,
      regionId: input.region.id,
      regionSettingsFile: regionSettingsFileOf(input, manifest, fn),
      ...(input.outboxSweepGraceSeconds === undefined
        ? {}
        : { outboxSweepGraceSeconds: input.outboxSweepGraceSeconds }),
      ...(input.userPoolId ? { userPoolId: input.userPoolId } : {}),
    }),
    // Only the local runtime sets it: webhook URLs may then be plain http on loopback (a receiver on this machine).
    // The stack never does, so in AWS only public https endpoints are reached.
    INOVDA_LOCAL_RUNTIME: '1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: input.dynamoEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: input.eventBridgeEndpoint,
    ...grantedEndpoints(fn, input.endpoints),
  };
}
