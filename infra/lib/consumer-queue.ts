import { CONSUMER_QUEUE, type ConsumerQueuePolicy, consumerQueueNames, type SubscriptionSpec } from '@inovda/manifest';
import { Duration, Validations } from 'aws-cdk-lib';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { DeadLetterQueue } from './dead-letter-queue';
import { toEventPattern } from './event-pattern';
import type { InovdaFunction } from './inovda-function';
import type { RegionMonitoring } from './monitoring';
import { pascalCase } from './names';

/**
 * The actions the event source mapping (with the function's role) needs on its queue, and no others: no
 * `GetQueueUrl`, no `SendMessage`, and only this queue.
 */
export const CONSUMER_QUEUE_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:ChangeMessageVisibility',
] as const;

/** Props of a {@link ConsumerQueue}. */
export interface ConsumerQueueProps {
  readonly config: RegionConfig;
  readonly service: string;
  readonly fn: InovdaFunction;
  readonly policy: ConsumerQueuePolicy;
  readonly eventBus: IEventBus;
  readonly monitoring: RegionMonitoring;
}

/**
 * How a consumer function receives its subscriptions (see `@inovda/manifest` consumer-queue): one queue per
 * function, which every subscription rule of the function targets; the function reads it through an event source
 * mapping reporting failures per record, with at most `maximumConcurrency` batches at once. A record that keeps
 * failing is moved to the queue's DLQ after `maxReceiveCount` receives (a day and more); events EventBridge could not
 * put into the queue go to a second DLQ, `…-undelivered`. Both DLQs are alarmed, and so is the queue's oldest
 * message once it is an hour old (a consumer failing for that long); `npm run redrive` returns both DLQs' messages to
 * the queue.
 */
export class ConsumerQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly undelivered: DeadLetterQueue;
  readonly fn: InovdaFunction;
  readonly policy: ConsumerQueuePolicy;
  readonly mapping: EventSourceMapping;

  constructor(scope: Construct, id: string, props: ConsumerQueueProps) {
    super(scope, id);
    const { fn, policy, monitoring } = props;
    this.fn = fn;
    this.policy = policy;
    const names = consumerQueueNames(props.config.id, props.service, fn.spec.name);
    const what = `${props.service}/${fn.spec.name}`;
    this.deadLetterQueue = new DeadLetterQueue(this, 'Dlq', {
      holds: `events ${what} failed on for a day (redrive: npm run redrive)`,
      isRedrivePolicyTarget: true,
      queueName: names.deadLetterQueue,
    });
    this.undelivered = new DeadLetterQueue(this, 'UndeliveredDlq', {
      holds: `events EventBridge could not put into the queue of ${what} (redrive: npm run redrive)`,
      queueName: names.undeliveredQueue,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: names.queue,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(policy.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(policy.retentionSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue.queue, maxReceiveCount: policy.maxReceiveCount },
    });

    // A mapping rather than `SqsEventSource`, whose grant adds `GetQueueUrl`: the role gets exactly what polling needs.
    this.mapping = fn.function.addEventSourceMapping('QueueMapping', {
      eventSourceArn: this.queue.queueArn,
      batchSize: policy.batchSize,
      reportBatchItemFailures: true,
      maxConcurrency: policy.maximumConcurrency,
    });
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...CONSUMER_QUEUE_ACTIONS], resources: [this.queue.queueArn] }),
    );
    // The policy must exist before the mapping, or Lambda refuses to create it (it checks it can poll).
    if (fn.role.node.tryFindChild('DefaultPolicy'))
      this.mapping.node.addDependency(fn.role.node.findChild('DefaultPolicy'));
    Validations.of(this.mapping).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'SQS event source mappings take no on-failure destination: a record the function keeps failing on is moved by the queue redrive policy (maxReceiveCount) to its alarmed dead-letter queue.',
    });

    for (const subscription of fn.spec.subscriptions ?? []) this.subscribe(subscription, props.eventBus, what);

    monitoring.watchDeadLetterQueue(this.deadLetterQueue);
    monitoring.watchDeadLetterQueue(this.undelivered);
    monitoring.watchConsumerQueue(this, this.queue, what, CONSUMER_QUEUE.oldestMessageAlarmSeconds);
  }

  /**
   * A rule on the region's bus with the subscription's pattern, delivering into the queue. Its retry policy covers
   * only putting the event into the queue; what it cannot put goes to `…-undelivered`.
   */
  private subscribe(spec: SubscriptionSpec, eventBus: IEventBus, what: string): void {
    new Rule(this, `${pascalCase(spec.name)}Rule`, {
      eventBus,
      description: `${what}: ${spec.name}`,
      eventPattern: toEventPattern(spec.pattern),
      targets: [
        new SqsQueue(this.queue, {
          retryAttempts: spec.retry.maximumRetryAttempts,
          maxEventAge: Duration.seconds(spec.retry.maximumEventAgeSeconds),
          deadLetterQueue: this.undelivered.queue,
        }),
      ],
    });
  }
}
