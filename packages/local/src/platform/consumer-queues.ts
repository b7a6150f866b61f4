import {
  consumerQueueNames,
  consumerQueuePolicy,
  FUNCTION_DEFAULTS,
  type FunctionSpec,
  type ServiceManifest,
} from '@inovda/manifest';
import { errorMessage, LocalRuntimeError } from '../errors';
import type { EventBus } from '../eventbridge/bus';
import type { LocalFaults } from '../faults/switchboard';
import type { LocalFunctions } from '../lambda/functions';
import { SqsEventSource } from '../lambda/sqs-event-source';
import type { LocalLogger } from '../log';
import { queueArn } from '../naming';
import { LocalQueue, type QueueView } from '../sqs/queue';
import type { DataDir } from './data-dir';
import type { StopOrder } from './stop-order';

/** One consumer function's queue, its DLQ and the mapping feeding the function from it. */
interface ConsumerQueue {
  readonly manifest: ServiceManifest;
  readonly fn: FunctionSpec;
  readonly queue: LocalQueue;
  readonly deadLetterQueue: LocalQueue;
  readonly mapping: SqsEventSource;
}

/** Local time scales of the consumer queues (tests shorten them, as they shorten retry delays). */
export interface ConsumerQueueOverrides {
  /** Every consumer queue's visibility timeout, i.e. the spacing of retries (default: the manifest's, in ms). */
  readonly visibilityTimeoutMs?: number;
  /** Every consumer queue's `maxReceiveCount` (default: the manifest's, a day of receives). */
  readonly maxReceiveCount?: number;
}

/** The queues as the platform and `/local/queues` see them. */
export interface LocalQueues {
  /** Every queue, consumer queues and their DLQs, with their depths. */
  list(): QueueView[];
  /** The messages in a queue, oldest first; undefined for an unknown queue. */
  peek(name: string): ReturnType<LocalQueue['peek']> | undefined;
  /**
   * Moves every message of the dead-letter queue `name` back to its source queue, as `StartMessageMoveTask` does;
   * returns how many moved, or undefined when `name` is no dead-letter queue.
   */
  redrive(name: string): number | undefined;
  /** Resolves once every consumer queue is empty and no batch is in flight. */
  whenIdle(): Promise<void>;
}

/** Thrown for a queue name no consumer has. */
export class UnknownQueueError extends Error {}

/**
 * The consumer queues of every subscribed function, as the stack builds them from the same manifest policy
 * (`consumerQueuePolicy`): a queue with a redrive policy to its DLQ, and a mapping feeding the function, subject to the
 * `consumer-fails` fault. Queue contents persist in the data dir.
 */
export function startConsumerQueues(
  options: {
    readonly services: readonly ServiceManifest[];
    readonly functions: LocalFunctions;
    readonly regionId: string;
    readonly awsRegion: string;
    readonly dataDir: DataDir;
    readonly log: LocalLogger;
    readonly faults: Pick<LocalFaults, 'get' | 'acted'>;
    readonly overrides?: ConsumerQueueOverrides;
  },
  stops: StopOrder,
): LocalQueues & { readonly consumers: readonly ConsumerQueue[] } {
  const consumers: ConsumerQueue[] = [];
  for (const manifest of options.services) {
    for (const fn of manifest.functions) {
      const policy = consumerQueuePolicy(fn, fn.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds);
      if (!policy) continue;
      const names = consumerQueueNames(options.regionId, manifest.name, fn.name);
      const deadLetterQueue = new LocalQueue({
        name: names.deadLetterQueue,
        arn: queueArn(options.awsRegion, names.deadLetterQueue),
        visibilityTimeoutMs: 30_000,
        file: options.dataDir.file(`queues/${names.deadLetterQueue}.json`),
      });
      const queue = new LocalQueue({
        name: names.queue,
        arn: queueArn(options.awsRegion, names.queue),
        visibilityTimeoutMs: options.overrides?.visibilityTimeoutMs ?? policy.visibilityTimeoutSeconds * 1000,
        redrive: { deadLetterQueue, maxReceiveCount: options.overrides?.maxReceiveCount ?? policy.maxReceiveCount },
        file: options.dataDir.file(`queues/${names.queue}.json`),
      });
      const functionId = `${manifest.name}/${fn.name}`;
      const fnRuntime = options.functions.get(functionId);
      const mapping = new SqsEventSource({
        functionId,
        queue,
        invoke: (event) => fnRuntime.invoke(event),
        batchSize: policy.batchSize,
        maximumConcurrency: policy.maximumConcurrency,
        awsRegion: options.awsRegion,
        log: options.log,
        fault: () => {
          const fault = options.faults.get('consumer-fails');
          if (!fault) return undefined;
          return !fault.functions || fault.functions.includes(functionId) ? fault : undefined;
        },
        faultActed: () => options.faults.acted('consumer-fails'),
      });
      stops.add(() => mapping.stop());
      consumers.push({ manifest, fn, queue, deadLetterQueue, mapping });
    }
  }
  const byArn = new Map(consumers.map((consumer) => [consumer.queue.arn, consumer.queue]));
  const all = consumers.flatMap((consumer) => [consumer.queue, consumer.deadLetterQueue]);
  return {
    consumers,
    list: () => all.map((queue) => queue.view()),
    peek: (name) => all.find((queue) => queue.name === name)?.peek(),
    redrive: (name) => {
      const consumer = consumers.find((candidate) => candidate.deadLetterQueue.name === name);
      if (!consumer) return undefined;
      const moved = consumer.deadLetterQueue.redrive((arn) => byArn.get(arn));
      options.log.info(`queue ${name}: ${moved} message(s) redriven to ${consumer.queue.name}`);
      return moved;
    },
    whenIdle: async () => {
      // A consumer can publish events another consumer takes: wait until every mapping is idle at once.
      while (!consumers.every((consumer) => consumer.mapping.isIdle())) {
        await Promise.all(consumers.map((consumer) => consumer.mapping.whenIdle()));
      }
    },
  };
}

/**
 * Adds a rule on the bus per subscription, named `<service>-<subscription>`, delivering the matched event into the
 * consumer's queue (its body the event, as EventBridge sends it to an SQS target).
 */
export function addSubscriptionRules(bus: EventBus, consumers: readonly ConsumerQueue[]): void {
  for (const { manifest, fn, queue } of consumers) {
    for (const subscription of fn.subscriptions ?? []) {
      try {
        bus.addRule({
          name: `${manifest.name}-${subscription.name}`,
          pattern: subscription.pattern,
          retry: subscription.retry,
          target: {
            arn: queue.arn,
            deliver: async (event) => {
              queue.send(JSON.stringify(event));
              return { ok: true };
            },
          },
        });
      } catch (error) {
        // PutRule would refuse it at deploy time; refuse it at start, naming the subscription.
        throw new LocalRuntimeError(
          `Subscription ${manifest.name}/${fn.name} "${subscription.name}" is invalid: ${errorMessage(error)}`,
        );
      }
    }
  }
}
