import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { consumerQueueNames, consumerQueuePolicy, FUNCTION_DEFAULTS, type ServiceManifest } from '@inovda/manifest';
import type { RegionConfig } from '../regions';

/** One dead-letter queue to empty, and where its messages go back to. */
export interface RedriveStep {
  readonly deadLetterQueue: string;
  /** The consumer queue the messages return to. */
  readonly destination: string;
  /**
   * `source`: the consumer queue's own DLQ, whose messages SQS moved there; a move task without a destination returns
   * them to it. `explicit`: the rule targets' DLQ (events EventBridge could not put in), moved into the queue by ARN.
   */
  readonly kind: 'source' | 'explicit';
}

/**
 * Every consumer DLQ of a region and where it drains to, from the manifests (the names are the ones the stack gives
 * the queues, `consumerQueueNames`). The other DLQs are not redriven by this: the schedule DLQs hold ticks (the next
 * tick does the work), the outbox stream DLQ holds only shard pointers (the outbox sweeper republishes whatever they
 * pointed at), the alarm e-mail DLQ holds notifications.
 */
export function redrivePlan(config: RegionConfig, services: readonly ServiceManifest[]): RedriveStep[] {
  return services.flatMap((manifest) =>
    manifest.functions.flatMap((fn) => {
      if (!consumerQueuePolicy(fn, fn.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds)) return [];
      const names = consumerQueueNames(config.id, manifest.name, fn.name);
      return [
        { deadLetterQueue: names.deadLetterQueue, destination: names.queue, kind: 'source' as const },
        { deadLetterQueue: names.undeliveredQueue, destination: names.queue, kind: 'explicit' as const },
      ];
    }),
  );
}

/** What one step did. */
export interface RedriveResult {
  readonly deadLetterQueue: string;
  readonly destination: string;
  /** Messages in the DLQ when the move started (approximate, as SQS counts). */
  readonly messages: number;
  /** The move task's handle (AWS), or undefined when there was nothing to move or it could not start. */
  readonly taskHandle?: string;
  readonly error?: string;
}

async function queueArnOf(sqs: Pick<SQSClient, 'send'>, name: string): Promise<{ arn: string; messages: number }> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS returned no ARN for ${name}`);
  const messages =
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  return { arn, messages };
}

/**
 * Starts a message move task (`StartMessageMoveTask`) on every non-empty DLQ of the plan. SQS moves the messages
 * at its own pace (up to 500 a second by default); the task runs on after this returns, and
 * `aws sqs list-message-move-tasks --source-arn <dlq arn>` follows it. A DLQ that cannot be moved (a task already
 * running, a queue missing) is reported and the others still go.
 */
export async function redriveInAws(
  sqs: Pick<SQSClient, 'send'>,
  plan: readonly RedriveStep[],
): Promise<RedriveResult[]> {
  const results: RedriveResult[] = [];
  for (const step of plan) {
    const base = { deadLetterQueue: step.deadLetterQueue, destination: step.destination };
    try {
      const source = await queueArnOf(sqs, step.deadLetterQueue);
      if (source.messages === 0) {
        results.push({ ...base, messages: 0 });
        continue;
      }
      const destinationArn = step.kind === 'explicit' ? (await queueArnOf(sqs, step.destination)).arn : undefined;
      const { TaskHandle } = await sqs.send(
        new StartMessageMoveTaskCommand({
          SourceArn: source.arn,
          ...(destinationArn ? { DestinationArn: destinationArn } : {}),
        }),
      );
      results.push({ ...base, messages: source.messages, ...(TaskHandle ? { taskHandle: TaskHandle } : {}) });
    } catch (error) {
      results.push({ ...base, messages: 0, error: (error as Error).message });
    }
  }
  return results;
}

/** The local runtime's queues, as `GET /local/queues` lists them. */
interface LocalQueueView {
  readonly name: string;
  readonly visible: number;
  readonly notVisible: number;
  readonly deadLetterQueue?: string;
}

/**
 * The same against the running `npm start`: every consumer DLQ holding anything is redriven through
 * `POST /local/queues/{name}/redrive` (locally the move is done when the call answers).
 */
export async function redriveLocally(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<RedriveResult[]> {
  const response = await fetchImpl(`${baseUrl}/local/queues`);
  if (!response.ok) throw new Error(`GET /local/queues answered ${response.status}`);
  const queues = (await response.json()) as LocalQueueView[];
  const results: RedriveResult[] = [];
  for (const source of queues.filter((queue) => queue.deadLetterQueue)) {
    const dlq = queues.find((queue) => queue.name === source.deadLetterQueue);
    if (!dlq) continue;
    const messages = dlq.visible + dlq.notVisible;
    const base = { deadLetterQueue: dlq.name, destination: source.name };
    if (messages === 0) {
      results.push({ ...base, messages });
      continue;
    }
    const moved = await fetchImpl(`${baseUrl}/local/queues/${encodeURIComponent(dlq.name)}/redrive`, {
      method: 'POST',
    });
    results.push(
      moved.ok
        ? { ...base, messages: ((await moved.json()) as { moved: number }).moved }
        : { ...base, messages, error: `redrive answered ${moved.status}` },
    );
  }
  return results;
}
