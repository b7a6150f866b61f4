import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Props of a {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /** What ends up here, in a few words (kept in the nag acknowledgements and on the dashboard). */
  readonly holds: string;
  /**
   * True when a function's DeadLetterConfig points at the queue: cdk-nag then recognises it as a DLQ by itself.
   * Other producers (event source on-failure destinations, EventBridge target DLQs, SNS redrive) it does not see.
   */
  readonly isFunctionDeadLetterConfig?: boolean;
  /** True when a queue's redrive policy names it (cdk-nag recognises it as a DLQ by itself then too). */
  readonly isRedrivePolicyTarget?: boolean;
  /** A fixed name, for queues `npm run redrive` finds by name (`consumerQueueNames`). */
  readonly queueName?: string;
}

/**
 * An SQS queue that keeps what could not be delivered or processed, so nothing is lost silently: encrypted at
 * rest, TLS only, messages kept for the SQS maximum of 14 days. Its depth is alarmed by the region monitoring.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly holds: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.holds = props.holds;
    this.queue = new Queue(this, 'Queue', {
      // SSE-SQS rather than the AWS-managed KMS key: EventBridge and SNS can only deliver to a KMS-encrypted queue
      // whose key policy lets them, which the AWS-managed key's policy does not.
      ...(props.queueName ? { queueName: props.queueName } : {}),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // Both rules ask every queue to have a DLQ of its own; for a queue that already is the last stop, another
    // queue behind it would only move the problem. Its depth alarm is what makes a person look at it.
    Validations.of(this.queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: `This queue is the dead-letter queue (${props.holds}) and nothing consumes it automatically; a further DLQ behind it would only move the problem. An alarm fires as soon as it holds a message, and what it holds is redriven by a person.`,
    });
    if (!props.isFunctionDeadLetterConfig && !props.isRedrivePolicyTarget) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself a dead-letter queue (${props.holds}); cdk-nag only recognises DLQs named in a queue redrive policy or a Lambda DeadLetterConfig, not event source on-failure destinations, EventBridge target DLQs or SNS subscription redrive policies.`,
      });
    }
  }
}
