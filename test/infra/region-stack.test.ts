import { ROLES } from '@inovda/kernel';
import {
  API_CORS,
  CONSUMER_QUEUE,
  consumerQueueNames,
  consumerQueuePolicy,
  DEPLOYED_REGION_SETTINGS_FILE,
  FUNCTION_DEFAULTS,
  type FunctionSpec,
  functionEnvironment,
  type KeySpec,
  OUTBOX_STREAM_FILTER,
  OUTBOX_STREAM_RETRY,
  routesOf,
  SCHEDULE_RETRY,
  type ServiceManifest,
} from '@inovda/manifest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/lib/app';
import { CONSUMER_QUEUE_ACTIONS } from '../../infra/lib/consumer-queue';
import { ARCHIVE_RETENTION_DAYS } from '../../infra/lib/event-bus';
import type { InovdaFunction } from '../../infra/lib/inovda-function';
import { pascalCase } from '../../infra/lib/names';
import { services as platformServices } from '../../infra/lib/platform';
import type { RegionStack } from '../../infra/lib/region-stack';
import { type RegionConfig, regions } from '../../infra/regions';
import { consumerFixtureManifest } from './fixtures/consumer-service/manifest';
import {
  asArray,
  deployedTemplateBytes,
  deployedTemplateOf,
  getAtt,
  isRecord,
  jsonEqual,
  logicalIdOf,
  ref,
  resourcesOf,
  SYNTH_TIMEOUT_MS,
  type SynthesizedApp,
  statementsOfRole,
  synthesize,
  type TemplateResource,
  templateOf,
} from './synth';

/**
 * The platform's own services (they have HTTP routes, event subscriptions, a schedule and outbox publishers), and
 * a fixture service covering what none of them uses: a write-only function, an index with a numeric sort key, a
 * subscription with EventBridge matchers (`numeric`, `anything-but`), a cron schedule, and one grant of each kind
 * (e-mail, secrets, HTTPS egress) with a function reading region settings. Every expectation below is derived from
 * the manifests being synthesized.
 */
const apps: ReadonlyArray<{ name: string; services: readonly ServiceManifest[] }> = [
  { name: 'the platform services', services: platformServices },
  { name: 'a fixture consumer service', services: [consumerFixtureManifest] },
];

/**
 * CloudFormation refuses a template of more than 500 resources or 1 MB (uploaded to S3, as CDK deploys): each stack
 * keeps a margin to both, so adding a service or functions fails here, not at deploy time.
 */
const STACK_RESOURCE_BUDGET = 400;
const STACK_TEMPLATE_BUDGET_BYTES = 800 * 1024;

/** Exactly what a `read` grant holds: the handlers' only reads are GetItem and Query. */
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:Query'];
/** Exactly what a `write` grant holds: TransactWriteItems of Puts and ConditionChecks is authorised per action. */
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'];
/** Added to a write grant only for a function that declares `updatesItems`. */
const TABLE_UPDATE = ['dynamodb:UpdateItem'];
const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
/** What the stream event source adds (ListStreams has no resource-level permissions). */
const STREAM_LIST = 'dynamodb:ListStreams';

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  return [items.filter(predicate), items.filter((item) => !predicate(item))];
}

function props(resource: TemplateResource | undefined, key: string): unknown {
  return resource?.Properties[key];
}

function keySchema(key: KeySpec): Array<{ AttributeName: string; KeyType: string }> {
  return [
    { AttributeName: key.partitionKey.name, KeyType: 'HASH' },
    ...(key.sortKey ? [{ AttributeName: key.sortKey.name, KeyType: 'RANGE' }] : []),
  ];
}

function resourceById(template: Template, type: string, logicalId: string): TemplateResource {
  const found = resourcesOf(template, type).find(([id]) => id === logicalId);
  if (!found) throw new Error(`no ${type} ${logicalId}`);
  return found[1];
}

/** The rule target with ARN `arn` (a function's, a queue's), with its retry policy and DLQ. */
function targetOf(rule: TemplateResource, arn: unknown): Record<string, unknown> | undefined {
  return asArray(props(rule, 'Targets'))
    .filter(isRecord)
    .find((target) => jsonEqual(target.Arn, arn));
}

describe.each(apps)('region stacks built from $name', ({ services }) => {
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    // CDK's own template validation runs in the cdk-nag test; here it would only add seconds.
    synthesized = synthesize({ services, builtinCloudFormationValidation: false });
  }, SYNTH_TIMEOUT_MS);

  it('keeps every stack CloudFormation deploys, nested ones included, under 400 resources and 800 KB', () => {
    // In each region: its edge firewall stack (us-east-1), the region stack and one nested stack per service. The
    // budget below covers all of them.
    expect(synthesized.allStacks).toHaveLength(regions.length * (2 + services.length));
    const sizes = synthesized.allStacks.map((stack) => {
      const template = deployedTemplateOf(synthesized.directory, stack);
      const bytes = deployedTemplateBytes(synthesized.directory, stack);
      return { stack: stack.node.path, resources: Object.keys(template.Resources).length, bytes };
    });
    for (const { stack, resources, bytes } of sizes) {
      expect(resources, `${stack}: resources`).toBeLessThanOrEqual(STACK_RESOURCE_BUDGET);
      expect(bytes, `${stack}: template bytes`).toBeLessThanOrEqual(STACK_TEMPLATE_BUDGET_BYTES);
    }
  });

  it('emits one stack per region config, named Inovda-<region id>, in the configured AWS region', () => {
    expect(synthesized.stacks.map((stack) => stack.stackName)).toEqual(regions.map((config) => `Inovda-${config.id}`));
    for (const stack of synthesized.stacks) expect(stack.region).toBe(stack.config.aws.region);
  });

  describe.each(regions)('stack of $id', (config: RegionConfig) => {
    let stack: RegionStack;
    let template: Template;

    beforeAll(() => {
      const found = synthesized.stacks.find((candidate) => candidate.config.id === config.id);
      if (!found) throw new Error(`no stack for ${config.id}`);
      stack = found;
      template = templateOf(synthesized, found);
    });

    /** Every manifest function with the construct built for it. */
    function functions(): Array<{ manifest: ServiceManifest; spec: FunctionSpec; fn: InovdaFunction }> {
      return services.flatMap((manifest) => {
        const service = stack.services.find((candidate) => candidate.manifest.name === manifest.name);
        if (!service) throw new Error(`service ${manifest.name} missing from the stack`);
        return manifest.functions.map((spec) => {
          const fn = service.functions.find((candidate) => candidate.spec.name === spec.name);
          if (!fn) throw new Error(`function ${manifest.name}/${spec.name} missing from the stack`);
          return { manifest, spec, fn };
        });
      });
    }

    function tableIdOf(manifest: ServiceManifest): string {
      const service = stack.services.find((candidate) => candidate.manifest.name === manifest.name);
      if (!service) throw new Error(`service ${manifest.name} missing from the stack`);
      return logicalIdOf(stack, service.table);
    }

    function isQueue(arn: unknown): boolean {
      return resourcesOf(template, 'AWS::SQS::Queue').some(([id]) => jsonEqual(arn, getAtt(id, 'Arn')));
    }

    it('serves every manifest route, and only those, with a JWT authorizer (none on the public reads) and one integration per function', () => {
      const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
      const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
      const jwtAuthorizers = resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer')
        .filter(([, authorizer]) => props(authorizer, 'AuthorizerType') === 'JWT')
        .map(([id]) => id);
      expect(jwtAuthorizers).toHaveLength(1);

      for (const { spec, fn } of functions()) {
        const specRoutes = spec.routes ?? [];
        const functionId = logicalIdOf(stack, fn.function);
        const own = integrations.filter(([, integration]) =>
          jsonEqual(props(integration, 'IntegrationUri'), getAtt(functionId, 'Arn')),
        );
        expect(own, `integrations of ${spec.name}`).toHaveLength(specRoutes.length > 0 ? 1 : 0);
        if (specRoutes.length === 0) continue;
        const [integrationId, integration] = own[0] ?? [];
        expect(props(integration, 'PayloadFormatVersion')).toBe('2.0');
        const served = routes.filter(([, route]) =>
          jsonEqual(props(route, 'Target'), { 'Fn::Join': ['', ['integrations/', ref(integrationId ?? '')]] }),
        );
        expect(served.map(([, route]) => props(route, 'RouteKey')).sort()).toEqual(
          specRoutes.map((route) => `${route.method} ${route.path}`).sort(),
        );
        for (const [, route] of served) {
          const key = String(props(route, 'RouteKey'));
          const isPublic = specRoutes.some((spec) => `${spec.method} ${spec.path}` === key && spec.public);
          if (isPublic) {
            // A public read: no authorizer at all, and only ever a GET under /public/.
            expect(key).toMatch(/^GET \/public\//);
            expect(props(route, 'AuthorizationType')).toBe('NONE');
            expect(props(route, 'AuthorizerId')).toBeUndefined();
            continue;
          }
          expect(props(route, 'AuthorizationType')).toBe('JWT');
          expect(props(route, 'AuthorizerId')).toEqual(ref(jwtAuthorizers[0] ?? ''));
          // Scopes would refuse the ID tokens the API needs (they carry no `scope`); the kit checks `token_use`.
          expect(props(route, 'AuthorizationScopes')).toBeUndefined();
        }
      }
      expect(routes).toHaveLength(services.flatMap(routesOf).length);
    });

    it('checks tokens of the region user pool and its web client', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [ref(logicalIdOf(stack, stack.auth.client))],
          Issuer: {
            'Fn::Join': [
              '',
              [`https://cognito-idp.${config.aws.region}.amazonaws.com/`, ref(logicalIdOf(stack, stack.auth.userPool))],
            ],
          },
        },
      });
    });

    it('creates every service table with the manifest keys, indexes, stream, PITR and TTL', () => {
      expect(resourcesOf(template, 'AWS::DynamoDB::Table')).toHaveLength(services.length);
      for (const manifest of services) {
        const table = resourceById(template, 'AWS::DynamoDB::Table', tableIdOf(manifest));
        const spec = manifest.table;
        expect(table.Properties).toMatchObject({
          KeySchema: keySchema(spec),
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          TimeToLiveSpecification: { AttributeName: spec.timeToLiveAttribute, Enabled: true },
          SSESpecification: { SSEEnabled: true },
          DeletionProtectionEnabled: config.production,
        });
        const indexes = asArray(props(table, 'GlobalSecondaryIndexes'));
        expect(indexes).toHaveLength(spec.globalIndexes.length);
        for (const index of spec.globalIndexes) {
          expect(indexes).toContainEqual(
            expect.objectContaining({ IndexName: index.name, KeySchema: keySchema(index) }),
          );
        }
        const keys = [spec, ...spec.globalIndexes].flatMap((key) => [
          key.partitionKey,
          ...(key.sortKey ? [key.sortKey] : []),
        ]);
        for (const key of keys) {
          expect(props(table, 'AttributeDefinitions')).toContainEqual({
            AttributeName: key.name,
            AttributeType: key.type,
          });
        }
        expect(table.DeletionPolicy).toBe(config.production ? 'Retain' : 'Delete');
        expect(props(table, 'Tags')).toEqual(
          expect.arrayContaining([
            { Key: 'project', Value: 'inovda' },
            { Key: 'region', Value: config.id },
          ]),
        );
      }
    });

    it('builds every function, and only those, with the project defaults and the manifest environment', () => {
      // Besides the manifest's functions, only CDK's own handlers: the cross-region export reader's (it reads the ARN
      // of the edge web ACL from us-east-1; see edge-firewall.ts) and the bucket deployment's (it writes the web app's
      // build; see web-app-hosting.ts).
      const [readers, others] = partition(
        resourcesOf(template, 'AWS::Lambda::Function'),
        ([id]) =>
          id.startsWith('CustomCrossRegionExportReaderCustomResourceProviderHandler') ||
          id.startsWith('CustomCDKBucketDeployment'),
      );
      expect(readers).toHaveLength(2);
      expect(others).toHaveLength(services.flatMap((manifest) => manifest.functions).length);
      const busId = logicalIdOf(stack, stack.eventBus.bus);
      for (const { manifest, spec, fn } of functions()) {
        const lambda = resourceById(template, 'AWS::Lambda::Function', logicalIdOf(stack, fn.function));
        const logGroupId = logicalIdOf(stack, fn.logGroup);
        expect(lambda.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
          MemorySize: spec.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
          Timeout: spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds,
          LoggingConfig: { LogGroup: ref(logGroupId) },
          Role: getAtt(logicalIdOf(stack, fn.role), 'Arn'),
        });
        expect(props(resourceById(template, 'AWS::Logs::LogGroup', logGroupId), 'RetentionInDays')).toBe(
          config.logRetentionDays,
        );

        const placeholders = { tableName: '<table>', eventBusName: '<bus>', userPoolId: '<pool>' };
        const expected = Object.fromEntries(
          Object.entries(
            functionEnvironment({
              manifest,
              fn: spec,
              ...placeholders,
              regionId: config.id,
              regionSettingsFile: DEPLOYED_REGION_SETTINGS_FILE,
            }),
          ).map(([name, value]) => {
            if (value === placeholders.tableName) return [name, ref(tableIdOf(manifest))];
            if (value === placeholders.eventBusName) return [name, ref(busId)];
            if (value === placeholders.userPoolId) return [name, ref(logicalIdOf(stack, stack.auth.userPool))];
            return [name, value];
          }),
        );
        expect(props(lambda, 'Environment')).toEqual({ Variables: expected });
      }
    });

    it('grants each function only what its manifest asks for, never Scan, PutEvents only to publishers', () => {
      const busArn = getAtt(logicalIdOf(stack, stack.eventBus.bus), 'Arn');
      for (const { manifest, spec, fn } of functions()) {
        const roleId = logicalIdOf(stack, fn.role);
        const role = resourceById(template, 'AWS::IAM::Role', roleId);
        expect(props(role, 'ManagedPolicyArns'), `${spec.name} uses no managed policy`).toBeUndefined();

        const statements = statementsOfRole(template, roleId);
        const actions = statements.flatMap((statement) => statement.actions);
        for (const statement of statements) expect(statement.effect).toBe('Allow');
        for (const action of actions) expect(action, `${spec.name}: no wildcard action`).not.toContain('*');
        expect(actions).not.toContain('dynamodb:Scan');

        const access = spec.tableAccess;
        const reads = access === 'read' || access === 'read-write';
        const writes = access === 'write' || access === 'read-write';
        const tableActions = actions.filter(
          (action) => action.startsWith('dynamodb:') && !STREAM_READ.includes(action) && action !== STREAM_LIST,
        );
        expect(tableActions.toSorted(), `${spec.name}: table actions`).toEqual(
          [
            ...(reads ? TABLE_READ : []),
            ...(writes ? TABLE_WRITE : []),
            ...(writes && spec.updatesItems ? TABLE_UPDATE : []),
          ].toSorted(),
        );

        const tableArn = getAtt(tableIdOf(manifest), 'Arn');
        const allowedTableResources = [
          tableArn,
          ...manifest.table.globalIndexes.map((index) => ({ 'Fn::Join': ['', [tableArn, `/index/${index.name}`]] })),
        ];
        const tableScoped = [...TABLE_READ, ...TABLE_WRITE, ...TABLE_UPDATE];
        for (const statement of statements.filter((s) => s.actions.some((a) => tableScoped.includes(a)))) {
          for (const resource of statement.resources) {
            expect(
              allowedTableResources.some((allowed) => jsonEqual(resource, allowed)),
              `${spec.name}: ${JSON.stringify(resource)}`,
            ).toBe(true);
          }
        }

        const streamActions = actions.filter((action) => STREAM_READ.includes(action));
        expect(streamActions.length > 0, `${spec.name} reads the stream`).toBe(spec.consumesTableStream === true);

        const putEvents = statements.filter((statement) => statement.actions.includes('events:PutEvents'));
        expect(putEvents.length > 0, `${spec.name} puts events`).toBe(spec.putsEvents === true);
        for (const statement of putEvents) expect(statement.resources).toEqual([busArn]);
      }

      const everyAction = resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, policy]) => {
        const document = props(policy, 'PolicyDocument');
        return isRecord(document)
          ? asArray(document.Statement)
              .filter(isRecord)
              .flatMap((s) => asArray(s.Action))
          : [];
      });
      expect(everyAction).not.toContain('dynamodb:Scan');
      expect(everyAction).not.toContain('dynamodb:*');
      expect(everyAction.filter((action) => action === 'events:PutEvents')).toHaveLength(
        functions().filter(({ spec }) => spec.putsEvents).length,
      );
    });

    /** Every consumer function with the queue construct built for it. */
    function consumers() {
      return stack.services.flatMap((service) =>
        service.consumerQueues.map((consumer) => ({ manifest: service.manifest, consumer })),
      );
    }

    it('subscribes every manifest subscription with a rule on the region bus into its consumer queue, its retry policy and a DLQ', () => {
      const rules = resourcesOf(template, 'AWS::Events::Rule');
      const busId = logicalIdOf(stack, stack.eventBus.bus);
      let subscriptions = 0;
      const subscribed = functions().filter(({ spec }) => (spec.subscriptions ?? []).length > 0);
      expect(consumers().map(({ consumer }) => consumer.fn)).toEqual(subscribed.map(({ fn }) => fn));
      for (const { consumer } of consumers()) {
        const { spec } = consumer.fn;
        const queueArn = getAtt(logicalIdOf(stack, consumer.queue), 'Arn');
        const undeliveredArn = getAtt(logicalIdOf(stack, consumer.undelivered.queue), 'Arn');
        for (const subscription of spec.subscriptions ?? []) {
          subscriptions += 1;
          const matching = rules.filter(
            ([, rule]) => jsonEqual(props(rule, 'EventPattern'), subscription.pattern) && targetOf(rule, queueArn),
          );
          expect(matching, `${spec.name}/${subscription.name}`).toHaveLength(1);
          const [, rule] = matching[0] ?? [];
          expect(props(rule, 'EventBusName')).toEqual(ref(busId));
          const target = rule ? targetOf(rule, queueArn) : undefined;
          expect(asArray(props(rule, 'Targets')), 'the queue is the only target').toHaveLength(1);
          expect(target?.RetryPolicy).toEqual({
            MaximumRetryAttempts: subscription.retry.maximumRetryAttempts,
            MaximumEventAgeInSeconds: subscription.retry.maximumEventAgeSeconds,
          });
          expect(isRecord(target?.DeadLetterConfig) && jsonEqual(target.DeadLetterConfig.Arn, undeliveredArn)).toBe(
            true,
          );
        }
        // Only rules of this region's bus may send into the queue.
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [ref(logicalIdOf(stack, consumer.queue))],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Allow',
                Action: Match.arrayWith(['sqs:SendMessage']),
                Principal: { Service: 'events.amazonaws.com' },
                Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
              }),
            ]),
          },
        });
      }
      expect(rules.filter(([, rule]) => props(rule, 'EventPattern') !== undefined)).toHaveLength(subscriptions);
    });

    it('buffers each consumer in its own queue: a day of retries, then its DLQ kept 14 days', () => {
      for (const { manifest, consumer } of consumers()) {
        const { spec } = consumer.fn;
        const policy = consumerQueuePolicy(spec, spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds);
        if (!policy) throw new Error(`${spec.name} has subscriptions, so a queue policy`);
        const names = consumerQueueNames(config.id, manifest.name, spec.name);
        const queue = resourceById(template, 'AWS::SQS::Queue', logicalIdOf(stack, consumer.queue));
        const dlqId = logicalIdOf(stack, consumer.deadLetterQueue.queue);
        expect(queue.Properties, spec.name).toMatchObject({
          QueueName: names.queue,
          SqsManagedSseEnabled: true,
          VisibilityTimeout: policy.visibilityTimeoutSeconds,
          MessageRetentionPeriod: policy.retentionSeconds,
          RedrivePolicy: { deadLetterTargetArn: getAtt(dlqId, 'Arn'), maxReceiveCount: policy.maxReceiveCount },
        });
        expect(policy.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
          6 * (spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds),
        );
        expect(policy.visibilityTimeoutSeconds * policy.maxReceiveCount).toBeGreaterThanOrEqual(24 * 3600);
        for (const [queueConstruct, name] of [
          [consumer.deadLetterQueue.queue, names.deadLetterQueue],
          [consumer.undelivered.queue, names.undeliveredQueue],
        ] as const) {
          expect(
            resourceById(template, 'AWS::SQS::Queue', logicalIdOf(stack, queueConstruct)).Properties,
          ).toMatchObject({
            QueueName: name,
            SqsManagedSseEnabled: true,
            MessageRetentionPeriod: 14 * 24 * 3600,
          });
        }
      }
    });

    it('feeds each consumer from its queue: batches, failures per record, bounded concurrency, least privilege', () => {
      const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
      for (const { consumer } of consumers()) {
        const { spec } = consumer.fn;
        const functionId = logicalIdOf(stack, consumer.fn.function);
        const queueArn = getAtt(logicalIdOf(stack, consumer.queue), 'Arn');
        const own = mappings.filter(([, mapping]) => jsonEqual(props(mapping, 'FunctionName'), ref(functionId)));
        expect(own, spec.name).toHaveLength(1);
        const [, mapping] = own[0] ?? [];
        expect(mapping?.Properties).toMatchObject({
          EventSourceArn: queueArn,
          BatchSize: consumer.policy.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: consumer.policy.maximumConcurrency },
        });
        const sqsStatements = statementsOfRole(template, logicalIdOf(stack, consumer.fn.role)).filter((statement) =>
          statement.actions.some((action) => action.startsWith('sqs:')),
        );
        expect(sqsStatements).toHaveLength(1);
        expect(sqsStatements[0]?.actions.toSorted()).toEqual([...CONSUMER_QUEUE_ACTIONS].toSorted());
        expect(sqsStatements[0]?.resources).toEqual([queueArn]);
      }
      // Only consumers may take messages off a queue (the stream publisher only sends to its on-failure DLQ).
      const consuming = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'];
      for (const { spec, fn } of functions()) {
        if ((spec.subscriptions ?? []).length > 0) continue;
        const sqs = statementsOfRole(template, logicalIdOf(stack, fn.role)).flatMap((statement) =>
          statement.actions.filter((action) => consuming.includes(action)),
        );
        expect(sqs, spec.name).toEqual([]);
      }
    });

    it('schedules every manifest schedule with a retry policy and a DLQ', () => {
      const rules = resourcesOf(template, 'AWS::Events::Rule');
      let schedules = 0;
      for (const { spec, fn } of functions()) {
        const functionId = logicalIdOf(stack, fn.function);
        for (const schedule of spec.schedules ?? []) {
          schedules += 1;
          const matching = rules.filter(
            ([, rule]) =>
              props(rule, 'ScheduleExpression') === schedule.expression && targetOf(rule, getAtt(functionId, 'Arn')),
          );
          expect(matching, `${spec.name}/${schedule.name}`).toHaveLength(1);
          const [, rule] = matching[0] ?? [];
          const target = rule ? targetOf(rule, getAtt(functionId, 'Arn')) : undefined;
          expect(target?.RetryPolicy).toEqual({
            MaximumRetryAttempts: SCHEDULE_RETRY.maximumRetryAttempts,
            MaximumEventAgeInSeconds: SCHEDULE_RETRY.maximumEventAgeSeconds,
          });
          expect(isRecord(target?.DeadLetterConfig) && isQueue(target.DeadLetterConfig.Arn)).toBe(true);
        }
      }
      expect(rules.filter(([, rule]) => props(rule, 'ScheduleExpression') !== undefined)).toHaveLength(schedules);
    });

    it('gives every asynchronously invoked (scheduled) function a DLQ for the invocations Lambda gives up on', () => {
      for (const { spec, fn } of functions()) {
        const lambda = resourceById(template, 'AWS::Lambda::Function', logicalIdOf(stack, fn.function));
        const deadLetter = props(lambda, 'DeadLetterConfig');
        // Consumers are not invoked asynchronously any more: their queue has the DLQ.
        const isAsync = (spec.schedules ?? []).length > 0;
        expect(isRecord(deadLetter) && isQueue(deadLetter.TargetArn), `${spec.name} DLQ`).toBe(isAsync);
      }
    });

    it("sets each scheduled function's own retries: min(2, the schedule's), its event age; none for consumers", () => {
      const configs = resourcesOf(template, 'AWS::Lambda::EventInvokeConfig');
      let asyncFunctions = 0;
      for (const { spec, fn } of functions()) {
        const functionId = logicalIdOf(stack, fn.function);
        const matching = configs.filter(([, config]) => jsonEqual(props(config, 'FunctionName'), ref(functionId)));
        const retries = (spec.schedules ?? []).length > 0 ? [SCHEDULE_RETRY] : [];
        if (retries.length === 0) {
          expect(matching, `${spec.name}: no async-invoke config`).toEqual([]);
          continue;
        }
        asyncFunctions += 1;
        expect(matching, `${spec.name}: one async-invoke config`).toHaveLength(1);
        const [, config] = matching[0] ?? [];
        expect(props(config, 'Qualifier')).toBe('$LATEST');
        expect(props(config, 'MaximumRetryAttempts')).toBe(
          Math.max(...retries.map((retry) => Math.min(2, retry.maximumRetryAttempts))),
        );
        expect(props(config, 'MaximumEventAgeInSeconds')).toBe(
          Math.max(...retries.map((retry) => Math.min(21_600, Math.max(60, retry.maximumEventAgeSeconds)))),
        );
      }
      expect(configs).toHaveLength(asyncFunctions);
    });

    it('feeds each outbox publisher from its table stream, outbox rows only, with retries and a DLQ', () => {
      const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
      const publishers = functions().filter(({ spec }) => spec.consumesTableStream);
      // One mapping per publisher (its stream) and one per consumer (its queue), nothing else.
      expect(mappings).toHaveLength(publishers.length + consumers().length);
      for (const { manifest, fn } of publishers) {
        const functionId = logicalIdOf(stack, fn.function);
        const own = mappings.filter(([, mapping]) => jsonEqual(props(mapping, 'FunctionName'), ref(functionId)));
        expect(own).toHaveLength(1);
        const [, mapping] = own[0] ?? [];
        expect(mapping?.Properties).toMatchObject({
          EventSourceArn: getAtt(tableIdOf(manifest), 'StreamArn'),
          BatchSize: OUTBOX_STREAM_RETRY.batchSize,
          MaximumRetryAttempts: OUTBOX_STREAM_RETRY.maximumRetryAttempts,
          BisectBatchOnFunctionError: OUTBOX_STREAM_RETRY.bisectBatchOnError,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
        const criteria = props(mapping, 'FilterCriteria');
        const patterns: unknown[] = (isRecord(criteria) ? asArray(criteria.Filters) : [])
          .filter(isRecord)
          .map((filter) => JSON.parse(String(filter.Pattern)));
        expect(patterns).toEqual([OUTBOX_STREAM_FILTER]);
        const destination = props(mapping, 'DestinationConfig');
        const onFailure = isRecord(destination) ? destination.OnFailure : undefined;
        expect(isRecord(onFailure) && isQueue(onFailure.Destination)).toBe(true);
      }
    });

    it('keeps every dead letter in an encrypted, TLS-only queue', () => {
      const queues = resourcesOf(template, 'AWS::SQS::Queue');
      expect(queues.length).toBeGreaterThan(0);
      for (const [id, queue] of queues) {
        expect(props(queue, 'SqsManagedSseEnabled'), id).toBe(true);
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [ref(id)],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it('creates the user pool with the role groups, the opdId attribute and no self sign-up', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'OPTIONAL',
        Policies: {
          PasswordPolicy: Match.objectLike({
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([Match.objectLike({ Name: 'opdId', AttributeDataType: 'String', Mutable: true })]),
      });
      const groups = resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(([, group]) => props(group, 'GroupName'));
      expect(groups.sort()).toEqual([...ROLES].sort());
      const client = resourceById(template, 'AWS::Cognito::UserPoolClient', logicalIdOf(stack, stack.auth.client));
      expect(props(client, 'GenerateSecret')).toBe(false);
      expect(props(client, 'ReadAttributes')).toContain('custom:opdId');
      expect(props(client, 'WriteAttributes')).not.toContain('custom:opdId');
    });

    it('throttles, logs (JSON) and CORS-configures the API from the region config', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: config.api.throttleRatePerSecond,
          ThrottlingBurstLimit: config.api.throttleBurst,
        },
      });
      const [stage] = resourcesOf(template, 'AWS::ApiGatewayV2::Stage');
      const accessLogs = props(stage?.[1], 'AccessLogSettings');
      const format: unknown = isRecord(accessLogs) ? JSON.parse(String(accessLogs.Format)) : undefined;
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        error: '$context.error.message',
      });
      const methods = [...new Set(services.flatMap(routesOf).map(({ route }) => route.method))];
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({
          AllowOrigins: config.api.allowedOrigins,
          AllowMethods: Match.arrayWith(methods),
          AllowHeaders: [...API_CORS.allowHeaders],
          ExposeHeaders: [...API_CORS.exposeHeaders],
          MaxAge: API_CORS.maxAgeSeconds,
        }),
      });
    });

    it('creates no e-mail configuration set when no function sends e-mail', () => {
      const sends = services.some((manifest) =>
        manifest.functions.some((fn: FunctionSpec) => (fn.grants ?? []).some((grant) => grant.kind === 'send-email')),
      );
      template.resourceCountIs('AWS::SES::ConfigurationSet', sends ? 1 : 0);
    });

    it('names the bus after the region and archives every event on it', () => {
      const busId = logicalIdOf(stack, stack.eventBus.bus);
      template.hasResourceProperties('AWS::Events::EventBus', { Name: `inovda-${config.id}` });
      template.hasResourceProperties('AWS::Events::Archive', {
        ArchiveName: `inovda-${config.id}-archive`,
        SourceArn: getAtt(busId, 'Arn'),
        RetentionDays: ARCHIVE_RETENTION_DAYS,
        EventPattern: { account: [ref('AWS::AccountId')] },
      });
    });

    it("alarms on every DLQ, every consumer queue's oldest message, every function error and throttle, and API 5xx", () => {
      const topicId = logicalIdOf(stack, stack.monitoring.topic);
      const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
      for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([ref(topicId)]);
      const alarmOn = (metricName: string, dimension: Record<string, unknown>) =>
        alarms.filter(
          (alarm) =>
            alarm.MetricName === metricName &&
            jsonEqual(alarm.Dimensions, [dimension]) &&
            alarm.Threshold === 1 &&
            alarm.ComparisonOperator === 'GreaterThanOrEqualToThreshold',
        );

      const consumerQueueIds = consumers().map(({ consumer }) => logicalIdOf(stack, consumer.queue));
      for (const queueId of consumerQueueIds) {
        const oldest = alarms.filter(
          (alarm) =>
            alarm.MetricName === 'ApproximateAgeOfOldestMessage' &&
            jsonEqual(alarm.Dimensions, [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }]) &&
            alarm.Threshold === CONSUMER_QUEUE.oldestMessageAlarmSeconds &&
            alarm.ComparisonOperator === 'GreaterThanOrEqualToThreshold',
        );
        expect(oldest, `${queueId} oldest message`).toHaveLength(1);
      }
      for (const [queueId] of resourcesOf(template, 'AWS::SQS::Queue')) {
        // A consumer queue holds messages by design; every other queue is a dead-letter queue.
        if (consumerQueueIds.includes(queueId)) continue;
        expect(
          alarmOn('ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }),
          queueId,
        ).toHaveLength(1);
      }
      for (const { spec, fn } of functions()) {
        const dimension = { Name: 'FunctionName', Value: ref(logicalIdOf(stack, fn.function)) };
        expect(alarmOn('Errors', dimension), `${spec.name} errors`).toHaveLength(1);
        expect(alarmOn('Throttles', dimension), `${spec.name} throttles`).toHaveLength(1);
      }
      expect(alarmOn('5xx', { Name: 'ApiId', Value: ref(logicalIdOf(stack, stack.api.api)) })).toHaveLength(1);
      // Failures a function handles without throwing: a metric filter on its log group, and an alarm on the count.
      const filters = resourcesOf(template, 'AWS::Logs::MetricFilter').map(([, filter]) => filter.Properties);
      for (const { spec } of functions()) {
        for (const logAlarm of spec.alarmOnLogs ?? []) {
          const filter = filters.find((candidate) => String(candidate.FilterPattern).includes(`"${logAlarm.message}"`));
          expect(filter, `${spec.name} ${logAlarm.name} filter`).toBeDefined();
          const metricName = ((filter?.MetricTransformations ?? []) as Array<{ MetricName: string }>)[0]?.MetricName;
          expect(
            alarms.filter((alarm) => alarm.MetricName === metricName && alarm.Namespace === 'inovda'),
          ).toHaveLength(1);
        }
      }
      expect(filters.length).toBeGreaterThanOrEqual(1);

      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: config.alarmEmail,
        TopicArn: ref(topicId),
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
      });
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    });

    it('puts CloudFront with the edge web ACL in front of the API, passing every request through uncached', () => {
      // Two distributions: this one, and the web app's (its own test below).
      expect(resourcesOf(template, 'AWS::CloudFront::Distribution')).toHaveLength(2);
      const distributionId = logicalIdOf(stack, stack.frontDoor.distribution);
      const distribution = resourceById(template, 'AWS::CloudFront::Distribution', distributionId);
      const distributionConfig = props(distribution, 'DistributionConfig');
      expect(distributionConfig).toMatchObject({
        DefaultCacheBehavior: {
          AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
          // The managed CachingDisabled and AllViewerExceptHostHeader policies.
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
          ViewerProtocolPolicy: 'https-only',
        },
        Origins: [
          {
            DomainName: {
              'Fn::Join': [
                '',
                [ref(logicalIdOf(stack, stack.api.api)), `.execute-api.${config.aws.region}.`, ref('AWS::URLSuffix')],
              ],
            },
            CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
          },
        ],
      });
      // The web ACL's ARN comes from the edge stack through an SSM parameter CDK writes in this region.
      const webAclId = isRecord(distributionConfig) ? distributionConfig.WebACLId : undefined;
      expect(JSON.stringify(webAclId)).toMatch(/ExportsReader.*ApiFirewallArn/);
      expect(stack.dependencies.map((dependency) => dependency.stackName)).toContain(`Inovda-${config.id}-edge`);
      template.hasOutput('ApiUrl', {
        Value: { 'Fn::Join': ['', ['https://', getAtt(distributionId ?? '', 'DomainName'), '/']] },
      });
      template.hasOutput('ExecuteApiUrl', {});
    });

    it('serves the web app from a private bucket through CloudFront (OAC, HTTPS, CSP), with its config and sign-in', () => {
      const bucketId = logicalIdOf(stack, stack.webApp.bucket);
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: Match.objectLike({}),
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
      // Only CloudFront reads it, only for this distribution, and only over TLS.
      const policy = resourcesOf(template, 'AWS::S3::BucketPolicy').find(([, candidate]) =>
        jsonEqual(props(candidate, 'Bucket'), ref(bucketId)),
      )?.[1];
      const statements = JSON.stringify(props(policy, 'PolicyDocument'));
      expect(statements).toContain('cloudfront.amazonaws.com');
      expect(statements).toContain('AWS:SourceArn');
      expect(statements).toContain('aws:SecureTransport');
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
      });

      const webId = logicalIdOf(stack, stack.webApp.distribution);
      const web = props(resourceById(template, 'AWS::CloudFront::Distribution', webId), 'DistributionConfig');
      expect(web).toMatchObject({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', Compress: true },
        CacheBehaviors: [
          // CloudFront's managed CachingOptimized policy: hashed assets, cached for good.
          { PathPattern: '/assets/*', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
        ],
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' },
        ],
      });
      const headers = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy')[0]?.[1];
      const security = props(headers, 'ResponseHeadersPolicyConfig');
      const rendered = JSON.stringify(security);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ]) {
        expect(rendered).toContain(directive);
      }
      expect(security).toMatchObject({
        SecurityHeadersConfig: {
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
        },
      });
      // The CSP lets the app reach the API's front door and the managed login, nothing else.
      expect(rendered).toContain(logicalIdOf(stack, stack.frontDoor.distribution));
      expect(rendered).toContain('amazoncognito.com');

      // The build and /config.json are written at deploy; the config names this region's API and sign-in.
      const deployment = resourcesOf(template, 'Custom::CDKBucketDeployment')[0]?.[1];
      expect(props(deployment, 'DestinationBucketName')).toEqual(ref(bucketId));
      expect(props(deployment, 'Prune')).toBe(true);
      // config.json's deploy-time values: the API's front door, the login domain, the web client and the pool.
      const markers = JSON.stringify(props(deployment, 'SourceMarkers'));
      for (const construct of [
        stack.frontDoor.distribution,
        stack.auth.domain,
        stack.auth.client,
        stack.auth.userPool,
      ]) {
        expect(markers).toContain(logicalIdOf(stack, construct));
      }

      // Sign-in: managed login on the pool's domain; the client takes the code flow back to the app's callback.
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: `inovda-${config.id}`,
        ManagedLoginVersion: 2,
      });
      template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
      const client = resourceById(template, 'AWS::Cognito::UserPoolClient', logicalIdOf(stack, stack.auth.client));
      expect(props(client, 'AllowedOAuthFlows')).toEqual(['code']);
      expect(props(client, 'AllowedOAuthScopes')).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
      expect(props(client, 'CallbackURLs')).toEqual([
        { 'Fn::Join': ['', ['https://', getAtt(webId, 'DomainName'), '/masuk/selesai']] },
      ]);
      template.hasOutput('WebAppUrl', {});
    });

    it('outputs the API URL, user pool, web client, bus name and every table name', () => {
      for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'EventBusName']) template.hasOutput(output, {});
      for (const manifest of services) {
        template.hasOutput(`${pascalCase(manifest.name)}TableName`, { Value: ref(tableIdOf(manifest)) });
      }
    });
  });
});

describe('a manifest the stack cannot wire', () => {
  it('is refused when a function has no route, subscription, schedule or stream', () => {
    const orphan = { name: 'orphan', entry: 'handlers/ok.ts', description: 'Nothing invokes it' };
    const manifest: ServiceManifest = { ...consumerFixtureManifest, functions: [orphan] };
    expect(() => buildApp({ services: [manifest] })).toThrow(/fixture-consumer\/orphan: the manifest gives it nothing/);
  });

  it('is refused when a function has both subscriptions (SQS batches) and schedules (Scheduled Events)', () => {
    const both = {
      name: 'both',
      entry: 'handlers/ok.ts',
      description: 'Two kinds of event',
      subscriptions: [{ name: 's', pattern: { source: ['inovda.x'] }, retry: SCHEDULE_RETRY }],
      schedules: [{ name: 'nightly', expression: 'rate(1 day)' }],
    };
    const manifest: ServiceManifest = { ...consumerFixtureManifest, functions: [both] };
    expect(() => buildApp({ services: [manifest] })).toThrow(/fixture-consumer\/both: .*not both/);
  });
});
