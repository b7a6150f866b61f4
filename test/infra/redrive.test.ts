import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { services } from '../../infra/lib/platform';
import { redriveInAws, redriveLocally, redrivePlan } from '../../infra/lib/redrive';
import { kotaSolok } from '../../infra/regions/kota-solok';

const ARN = (name: string) => `arn:aws:sqs:ap-southeast-3:111122223333:${name}`;

/** An SQS stand-in answering from `depths` (queue name → messages), recording the move tasks started. */
function fakeSqs(depths: Record<string, number>, refuse: readonly string[] = []) {
  const started: Array<{ SourceArn?: string; DestinationArn?: string }> = [];
  const sqs: Pick<SQSClient, 'send'> = {
    send: (async (command: unknown) => {
      if (command instanceof GetQueueUrlCommand) {
        const name = command.input.QueueName ?? '';
        if (!(name in depths)) throw new Error(`The specified queue ${name} does not exist.`);
        return { QueueUrl: `https://sqs.ap-southeast-3.amazonaws.com/111122223333/${name}` };
      }
      if (command instanceof GetQueueAttributesCommand) {
        const name = String(command.input.QueueUrl).split('/').pop() ?? '';
        return {
          Attributes: {
            QueueArn: ARN(name),
            ApproximateNumberOfMessages: String(depths[name]),
            ApproximateNumberOfMessagesNotVisible: '0',
          },
        };
      }
      if (command instanceof StartMessageMoveTaskCommand) {
        if (refuse.includes(command.input.SourceArn ?? '')) throw new Error('A message move task is already running.');
        started.push({ ...command.input });
        return { TaskHandle: `task-${started.length}` };
      }
      throw new Error(`unexpected command ${String(command)}`);
    }) as Pick<SQSClient, 'send'>['send'],
  };
  return { sqs, started };
}

describe('npm run redrive', () => {
  const plan = redrivePlan(kotaSolok, services);

  it('covers both DLQs of every consumer of the region, each back to its consumer queue', () => {
    const consumers = services.flatMap((manifest) =>
      manifest.functions
        .filter((fn) => (fn.subscriptions ?? []).length > 0)
        .map((fn) => `inovda-kota-solok-${manifest.name}-${fn.name}`),
    );
    expect(consumers.length).toBeGreaterThan(0);
    expect(plan).toEqual(
      consumers.flatMap((queue) => [
        { deadLetterQueue: `${queue}-dlq`, destination: queue, kind: 'source' },
        { deadLetterQueue: `${queue}-undelivered`, destination: queue, kind: 'explicit' },
      ]),
    );
  });

  it('starts a move task on each non-empty DLQ: to its source queue, or into the consumer queue by ARN', async () => {
    const queue = 'inovda-kota-solok-workflow-track-events';
    const depths = Object.fromEntries(
      plan.flatMap((step) => [
        [step.deadLetterQueue, 0],
        [step.destination, 0],
      ]),
    );
    depths[`${queue}-dlq`] = 7;
    depths[`${queue}-undelivered`] = 2;
    const { sqs, started } = fakeSqs(depths);
    const results = await redriveInAws(sqs, plan);
    expect(started).toEqual([
      { SourceArn: ARN(`${queue}-dlq`) },
      { SourceArn: ARN(`${queue}-undelivered`), DestinationArn: ARN(queue) },
    ]);
    expect(results.filter((result) => result.messages > 0)).toEqual([
      { deadLetterQueue: `${queue}-dlq`, destination: queue, messages: 7, taskHandle: 'task-1' },
      { deadLetterQueue: `${queue}-undelivered`, destination: queue, messages: 2, taskHandle: 'task-2' },
    ]);
    expect(results.every((result) => result.error === undefined)).toBe(true);
  });

  it('reports a DLQ it cannot move and still moves the others', async () => {
    const [first, second] = plan;
    if (!first || !second) throw new Error('the plan has steps');
    const depths = { [first.deadLetterQueue]: 1, [second.deadLetterQueue]: 1, [first.destination]: 0 };
    const { sqs, started } = fakeSqs(depths, [ARN(first.deadLetterQueue)]);
    const results = await redriveInAws(sqs, [first, second]);
    expect(results[0]?.error).toMatch(/already running/);
    expect(started).toEqual([{ SourceArn: ARN(second.deadLetterQueue), DestinationArn: ARN(second.destination) }]);
  });

  it('locally, redrives every consumer DLQ holding anything through the running platform', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${String(url)}`);
      if (String(url).endsWith('/local/queues')) {
        return Response.json([
          { name: 'q-a', visible: 0, notVisible: 0, deadLetterQueue: 'q-a-dlq' },
          { name: 'q-a-dlq', visible: 2, notVisible: 1 },
          { name: 'q-b', visible: 0, notVisible: 0, deadLetterQueue: 'q-b-dlq' },
          { name: 'q-b-dlq', visible: 0, notVisible: 0 },
        ]);
      }
      return Response.json({ name: 'q-a-dlq', moved: 3 });
    }) as typeof fetch;
    const results = await redriveLocally('http://localhost:3000', fakeFetch);
    expect(calls).toEqual([
      'GET http://localhost:3000/local/queues',
      'POST http://localhost:3000/local/queues/q-a-dlq/redrive',
    ]);
    expect(results).toEqual([
      { deadLetterQueue: 'q-a-dlq', destination: 'q-a', messages: 3 },
      { deadLetterQueue: 'q-b-dlq', destination: 'q-b', messages: 0 },
    ]);
  });
});
