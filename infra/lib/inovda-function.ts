import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FUNCTION_DEFAULTS,
  type FunctionSpec,
  functionEnvironment,
  type ServiceManifest,
  type TableSpec,
} from '@inovda/manifest';
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { logRetentionOf, removalPolicyOf } from './retention';

/** The repository root: esbuild resolves the workspaces from here; its npm lock file tells CDK how to run esbuild. */
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * DynamoDB actions of a `read` grant: point reads and queries only. No Scan: no request path may read a whole table.
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * DynamoDB actions of a `write` grant. `TransactWriteItems` is authorised per item by these same actions;
 * `ConditionCheckItem` is what its condition-only items need.
 */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * ESM bundles have no `require`; some CommonJS dependencies still call it for Node built-ins, so the bundle
 * gets one back.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __inovdaCreateRequire } from 'node:module';" +
  'const require = __inovdaCreateRequire(import.meta.url);';

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
      environment: functionEnvironment({
        manifest,
        fn: spec,
        tableName: props.table.tableName,
        eventBusName: props.eventBus.eventBusName,
        regionId: config.id,
        opdIds: config.opds.map((opd) => opd.id),
      }),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        // Stack traces need file and line, not the sources: keep the shipped map small.
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        // Bundle the SDK clients too: the function then runs the exact SDK versions the lock file pins and the
        // tests ran, tree-shaken to what it uses, instead of whatever version the runtime ships that day.
        // `npm run bench` keeps the cost in view (bundle and cold import against bare SDK-client bundles).
        externalModules: [],
        logLevel: LogLevel.WARNING,
      },
    });

    if (spec.tableAccess) this.grantTableAccess(props.table, manifest.table);
    if (spec.putsEvents) this.grantPutEvents(props.eventBus);

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: spec.consumesTableStream
        ? 'Resource * appears only where IAM has no resource-level permissions: xray:PutTraceSegments/PutTelemetryRecords (active tracing) and dynamodb:ListStreams (Lambda stream event source). Data actions are scoped to this table, its stream and the region bus.'
        : 'Resource * appears only for xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing), which do not support resource-level permissions. Every data action is scoped to the table, its named indexes or the region bus.',
    });
  }

  /**
   * Grants what `spec.tableAccess` asks for: `read` is GetItem/BatchGetItem/Query on the table and its named
   * indexes (each index by name, no `index/*`), `write` is item writes on the table, `read-write` both.
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
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: [...TABLE_WRITE_ACTIONS], resources: [table.tableArn] }),
      );
    }
  }

  /** Grants `events:PutEvents` on the region's bus and nothing else. */
  grantPutEvents(eventBus: IEventBus): void {
    eventBus.grantPutEventsTo(this.function);
  }
}
