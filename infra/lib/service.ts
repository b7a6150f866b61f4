import {
  consumerQueuePolicy,
  FUNCTION_DEFAULTS,
  type FunctionSpec,
  functionAsyncInvokePolicy,
  OUTBOX_STREAM_FILTER,
  OUTBOX_STREAM_RETRY,
  SCHEDULE_RETRY,
  type ScheduleSpec,
  type ServiceManifest,
} from '@inovda/manifest';
import { Duration, NestedStack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IEventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { ConsumerQueue } from './consumer-queue';
import { DeadLetterQueue } from './dead-letter-queue';
import type { RegionApi } from './http-api';
import { InovdaFunction } from './inovda-function';
import type { RegionMonitoring } from './monitoring';
import { pascalCase } from './names';
import type { RegionEmail } from './region-email';
import { ServiceTable } from './service-table';

/** Props of a {@link Service}. */
export interface ServiceProps {
  readonly config: RegionConfig;
  readonly manifest: ServiceManifest;
  readonly eventBus: IEventBus;
  readonly monitoring: RegionMonitoring;
  /** The region's HTTP API: the service's routes are added to it from the service's own nested stack. */
  readonly api: RegionApi;
  /** The region's e-mail set-up, when some function of the platform has a `send-email` grant. */
  readonly email?: RegionEmail;
  /** The region's user pool (its id and `ListUsersInGroup` go only to functions with a `user-directory` grant). */
  readonly userPool?: IUserPool;
}

function isScheduled(spec: FunctionSpec): boolean {
  return (spec.schedules ?? []).length > 0;
}

function isSubscribed(spec: FunctionSpec): boolean {
  return (spec.subscriptions ?? []).length > 0;
}

function hasTrigger(spec: FunctionSpec): boolean {
  return isScheduled(spec) || isSubscribed(spec) || (spec.routes ?? []).length > 0 || spec.consumesTableStream === true;
}

/**
 * One service, wired only from its manifest: its table; its functions with the grants the manifest gives them;
 * the outbox publisher fed by the table stream; per consumer function a queue fed by an EventBridge rule per
 * subscription ({@link ConsumerQueue}); a rule per schedule; its HTTP routes on the region's API.
 *
 * The table stays in the region stack (stateful, one resource, and its logical id unchanged by the nested
 * layout, so no deploy ever replaces it); everything that grows with the service's functions (roles, policies,
 * log groups, alarms, queues, rules, routes, integrations, permissions: about eleven resources a function) lives in
 * the service's own nested stack, {@link Service.stack}, so a region stack never nears CloudFormation's
 * 500-resource limit as services are added.
 */
export class Service extends Construct {
  readonly manifest: ServiceManifest;
  readonly table: Table;
  /** The nested stack holding the service's functions and everything wired to them. */
  readonly stack: NestedStack;
  readonly functions: readonly InovdaFunction[];
  /** The queue (with its DLQs and mapping) of each function with subscriptions. */
  readonly consumerQueues: readonly ConsumerQueue[];

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { config, manifest, eventBus, monitoring, api, email, userPool } = props;
    this.manifest = manifest;
    this.table = new ServiceTable(this, 'Table', { spec: manifest.table, config }).table;
    this.stack = new NestedStack(this, 'Functions', {
      description: `inovda ${manifest.name} service of ${config.displayName}: functions, routes, rules, alarms`,
    });

    const consumerQueues: ConsumerQueue[] = [];
    this.consumerQueues = consumerQueues;
    this.functions = manifest.functions.map((spec) => {
      // Nothing is wired by hand, so a function without routes, subscriptions, schedules or stream is a mistake.
      if (!hasTrigger(spec)) {
        throw new Error(`${manifest.name}/${spec.name}: the manifest gives it nothing to invoke it`);
      }
      // A consumer's handler takes SQS batches, a scheduled one Scheduled Events: one function cannot be both.
      if (isScheduled(spec) && isSubscribed(spec)) {
        throw new Error(`${manifest.name}/${spec.name}: a function has subscriptions or schedules, not both`);
      }
      const fnId = pascalCase(spec.name);
      // Scheduled functions are invoked asynchronously: a queue for invocations Lambda gave up on (after its own
      // retries, `functionAsyncInvokePolicy`), which also takes the ticks EventBridge could not deliver.
      const asyncDlq = isScheduled(spec)
        ? new DeadLetterQueue(this.stack, `${fnId}Dlq`, {
            holds: `scheduled runs of ${manifest.name}/${spec.name} that could not be delivered or failed`,
            isFunctionDeadLetterConfig: true,
          })
        : undefined;
      const fn = new InovdaFunction(this.stack, fnId, {
        config,
        manifest,
        spec,
        table: this.table,
        eventBus,
        deadLetterQueue: asyncDlq?.queue,
        asyncInvoke: functionAsyncInvokePolicy(spec),
        email,
        userPool,
      });
      monitoring.watchFunction(fn);
      for (const logAlarm of spec.alarmOnLogs ?? []) monitoring.watchLogMessage(fn, logAlarm);
      api.addFunctionRoutes(fn);
      const queuePolicy = consumerQueuePolicy(spec, spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds);
      if (asyncDlq) {
        monitoring.watchDeadLetterQueue(asyncDlq);
        for (const schedule of spec.schedules ?? []) this.schedule(fn, schedule, asyncDlq);
      } else {
        Validations.of(fn.function).acknowledge({
          id: 'Serverless-LambdaDLQ',
          reason: queuePolicy
            ? "Fed by an SQS event source mapping (poll-based, synchronous invocation): a record it keeps failing on is moved to the queue's own dead-letter queue by its redrive policy; a function DLQ only applies to asynchronous invocations."
            : spec.consumesTableStream
              ? 'Fed by a DynamoDB stream event source mapping (synchronous, poll-based invocation): failed batches go to the mapping on-failure SQS destination; a function DLQ only applies to asynchronous invocations.'
              : 'Invoked synchronously by API Gateway: a failure is returned to the caller as a problem+json response, and a function DLQ only ever receives failed asynchronous invocations.',
        });
      }
      if (queuePolicy) {
        const consumer = new ConsumerQueue(this.stack, `${fnId}Consumer`, {
          config,
          service: manifest.name,
          fn,
          policy: queuePolicy,
          eventBus,
          monitoring,
        });
        consumerQueues.push(consumer);
      }
      if (spec.consumesTableStream) this.feedFromStream(fn, monitoring);
      return fn;
    });
  }

  /** The outbox publisher: only new outbox rows, in batches, retried and bisected, then kept in a DLQ. */
  private feedFromStream(fn: InovdaFunction, monitoring: RegionMonitoring): void {
    const dlq = new DeadLetterQueue(this.stack, `${pascalCase(fn.spec.name)}StreamDlq`, {
      holds: `outbox stream batches of ${this.manifest.name} that could not be published`,
    });
    fn.function.addEventSource(
      new DynamoEventSource(this.table, {
        // From the oldest record still in the stream, so no outbox row written before the mapping existed is lost.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: OUTBOX_STREAM_RETRY.batchSize,
        retryAttempts: OUTBOX_STREAM_RETRY.maximumRetryAttempts,
        bisectBatchOnError: OUTBOX_STREAM_RETRY.bisectBatchOnError,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(dlq.queue),
        filters: [FilterCriteria.filter({ ...OUTBOX_STREAM_FILTER })],
      }),
    );
    monitoring.watchDeadLetterQueue(dlq);
    monitoring.watchStreamConsumer(fn);
  }

  /** A scheduled rule (default bus, where EventBridge schedules live) invoking the function. */
  private schedule(fn: InovdaFunction, spec: ScheduleSpec, dlq: DeadLetterQueue): void {
    new Rule(this.stack, `${pascalCase(fn.spec.name)}${pascalCase(spec.name)}Schedule`, {
      description: `${this.manifest.name}/${fn.spec.name}: ${spec.name}`,
      schedule: Schedule.expression(spec.expression),
      targets: [
        new LambdaFunction(fn.function, {
          retryAttempts: SCHEDULE_RETRY.maximumRetryAttempts,
          maxEventAge: Duration.seconds(SCHEDULE_RETRY.maximumEventAgeSeconds),
          deadLetterQueue: dlq.queue,
        }),
      ],
    });
  }
}
