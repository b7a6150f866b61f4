import path from 'node:path';
import {
  type AsyncInvokePolicy,
  DEPLOYED_REGION_SETTINGS_FILE,
  FUNCTION_DEFAULTS,
  type FunctionSpec,
  functionEnvironment,
  type ServiceManifest,
  type TableSpec,
} from '@inovda/manifest';
import { Duration, Stack, Stage, Token, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { FUNCTION_BUILD_OPTIONS, PROJECT_ROOT } from './function-bundling';
import { applyFunctionGrants, secretNamePrefix } from './function-grants';
import type { RegionEmail } from './region-email';
import { copyRegionSettingsHooks, writeRegionSettingsFile } from './region-settings';
import { logRetentionOf, removalPolicyOf } from './retention';

export { FUNCTION_BUILD_OPTIONS } from './function-bundling';

/**
 * DynamoDB actions of a `read` grant: point reads and queries, the only reads the handlers make. No Scan: no
 * request path may read a whole table.
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;

/**
 * DynamoDB actions of a `write` grant. Handlers write with `TransactWriteItems` of `Put`s (an entity and its
 * outbox row) and `ConditionCheck`s, which IAM authorises per contained action: `PutItem` for each Put,
 * `ConditionCheckItem` for each ConditionCheck (there is no `TransactWriteItems` action to grant).
 */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'] as const;

/** Added to a write grant for a function whose manifest entry sets `updatesItems` (an `Update` in place). */
export const TABLE_UPDATE_ACTIONS = ['dynamodb:UpdateItem'] as const;

/** `FUNCTION_BUILD_OPTIONS` values as the `NodejsFunction` bundling props spell them. */
const OUTPUT_FORMATS = { esm: OutputFormat.ESM } as const;
const LOG_LEVELS = { warning: LogLevel.WARNING } as const;

/** Props of an {@link InovdaFunction}. */
export interface InovdaFunctionProps {
  readonly config: RegionConfig;
  readonly manifest: ServiceManifest;
  readonly spec: FunctionSpec;
  /** The service's table, granted per `spec.tableAccess`. */
  readonly table: ITable;
  /** The region's bus, granted (PutEvents only) when `spec.putsEvents`. */
  readonly eventBus: IEventBus;
  /** Where asynchronous invocations (EventBridge rules, schedules) that keep failing end up. */
  readonly deadLetterQueue?: IQueue;
  /** Lambda's own retries of asynchronous invocations the function fails (`functionAsyncInvokePolicy`). */
  readonly asyncInvoke?: AsyncInvokePolicy;
  /** The region's e-mail set-up, for a function with a `send-email` grant. */
  readonly email?: RegionEmail;
  /** The region's user pool, for a function with a `user-directory` grant. */
  readonly userPool?: IUserPool;
}

/**
 * Where settings files are written at synth, before bundling copies each into its function's bundle: inside the
 * cloud assembly, so they go when it goes.
 */
function regionSettingsDirectory(scope: Construct): string {
  const stage = Stage.of(scope);
  if (!stage) throw new Error(`${scope.node.path} is not in a CDK app`);
  return path.join(stage.outdir, 'inovda-region-settings');
}

/**
 * A service function as the manifest declares it, with the project's defaults: latest Node runtime on arm64,
 * a minified ESM bundle with source maps built by the local esbuild, active tracing, its own log group with the
 * region's retention, and an execution role holding only what the manifest grants it.
 */
export class InovdaFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly spec: FunctionSpec;
  /** Name of the service the function belongs to. */
  readonly service: string;

  constructor(scope: Construct, id: string, props: InovdaFunctionProps) {
    super(scope, id);
    const { config, manifest, spec } = props;
    this.spec = spec;
    this.service = manifest.name;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
    });
    // An explicit role instead of the AWSLambdaBasicExecutionRole managed policy: the function may write to its
    // own log group and nowhere else.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${manifest.name}/${spec.name}: ${spec.description}`,
    });
    this.logGroup.grantWrite(this.role);

    // The settings the manifest names, in a file at the bundle root (see `REGION_SETTINGS_FILE_NAME`).
    const settingsFile = writeRegionSettingsFile(regionSettingsDirectory(this), manifest, spec, config);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(manifest.root, spec.entry),
      handler: 'handler',
      description: spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      deadLetterQueue: props.deadLetterQueue,
      // Set explicitly rather than left to Lambda's defaults (2 retries, 6 hours), from the same policy the local
      // runtime applies.
      ...(props.asyncInvoke
        ? {
            retryAttempts: props.asyncInvoke.retryAttempts,
            maxEventAge: Duration.seconds(props.asyncInvoke.maximumEventAgeSeconds),
          }
        : {}),
      environment: functionEnvironment({
        manifest,
        fn: spec,
        tableName: props.table.tableName,
        eventBusName: props.eventBus.eventBusName,
        regionId: config.id,
        regionSettingsFile: DEPLOYED_REGION_SETTINGS_FILE,
        ...(props.userPool ? { userPoolId: props.userPool.userPoolId } : {}),
      }),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OUTPUT_FORMATS[FUNCTION_BUILD_OPTIONS.format],
        target: FUNCTION_BUILD_OPTIONS.target,
        platform: FUNCTION_BUILD_OPTIONS.platform,
        mainFields: [...FUNCTION_BUILD_OPTIONS.mainFields],
        minify: FUNCTION_BUILD_OPTIONS.minify,
        sourceMap: FUNCTION_BUILD_OPTIONS.sourcemap,
        sourcesContent: FUNCTION_BUILD_OPTIONS.sourcesContent,
        banner: FUNCTION_BUILD_OPTIONS.banner.js,
        externalModules: [...FUNCTION_BUILD_OPTIONS.external],
        logLevel: LOG_LEVELS[FUNCTION_BUILD_OPTIONS.logLevel],
        ...(settingsFile ? { commandHooks: copyRegionSettingsHooks(settingsFile) } : {}),
      },
    });

    if (props.asyncInvoke) {
      Validations.of(this.function).acknowledge({
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason:
          'Asynchronous invocations Lambda gives up on go to the function dead-letter queue (DeadLetterConfig), the same alarmed SQS queue that takes what the EventBridge rule could not deliver; an on-failure destination would split the same failed events over two places.',
      });
    }

    if (spec.tableAccess) this.grantTableAccess(props.table, manifest.table);
    if (spec.putsEvents) this.grantPutEvents(props.eventBus);
    applyFunctionGrants(this.role, spec.grants ?? [], {
      config,
      service: manifest.name,
      email: props.email,
      userPool: props.userPool,
    });
    // cdk-nag names a finding by the resource as rendered: pseudo parameters as <AWS::...>, a pinned region as is.
    const stack = Stack.of(this);
    const nagRegion = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const nagAccount = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    for (const grant of spec.grants ?? []) {
      if (grant.kind !== 'secrets') continue;
      const name = `${secretNamePrefix(config, manifest.name, grant.prefix)}*`;
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:${nagRegion}:${nagAccount}:secret:${name}]`,
        reason: `The trailing * stands for the random suffix Secrets Manager appends to every secret ARN and for the names under the manifest's prefix: the grant covers only secrets named ${name}, this region's and this service's own.`,
      });
    }

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: spec.consumesTableStream
        ? 'Resource * appears only where IAM has no resource-level permissions: xray:PutTraceSegments/PutTelemetryRecords (active tracing) and dynamodb:ListStreams (Lambda stream event source). Data actions are scoped to this table, its stream and the region bus.'
        : 'Resource * appears only for xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing), which do not support resource-level permissions. Every data action is scoped to the table, its named indexes or the region bus.',
    });
  }

  /**
   * Grants what `spec.tableAccess` asks for: `read` is GetItem/Query on the table and its named indexes (each index
   * by name, no `index/*`), `write` is PutItem/ConditionCheckItem on the table (plus UpdateItem when
   * `spec.updatesItems`), `read-write` both.
   */
  grantTableAccess(table: ITable, tableSpec: TableSpec): void {
    const access = this.spec.tableAccess;
    if (access === 'read' || access === 'read-write') {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: [...TABLE_READ_ACTIONS],
          resources: [
            table.tableArn,
            ...tableSpec.globalIndexes.map((index) => `${table.tableArn}/index/${index.name}`),
          ],
        }),
      );
    }
    if (access === 'write' || access === 'read-write') {
      const actions = [...TABLE_WRITE_ACTIONS, ...(this.spec.updatesItems ? TABLE_UPDATE_ACTIONS : [])];
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
    }
  }

  /** Grants `events:PutEvents` on the region's bus and nothing else. */
  grantPutEvents(eventBus: IEventBus): void {
    eventBus.grantPutEventsTo(this.function);
  }
}
