import { type LocalLogger, silentLogger } from '@inovda/local';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsumerFailsFault } from '../../packages/local/src/faults/switches';
import type { InvokeResult } from '../../packages/local/src/lambda/invocation';
import { SqsEventSource } from '../../packages/local/src/lambda/sqs-event-source';
import { LocalQueue } from '../../packages/local/src/sqs/queue';

interface SqsRecordSeen {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: { ApproximateReceiveCount: string };
}

/** A queue with a DLQ, fed to `respond` by a mapping; records what each invocation received. */
function wire(
  respond: (records: SqsRecordSeen[]) => Promise<InvokeResult>,
  options: {
    maxReceiveCount?: number;
    maximumConcurrency?: number;
    fault?: ConsumerFailsFault;
    log?: LocalLogger;
  } = {},
) {
  const deadLetterQueue = new LocalQueue({
    name: 'q-dlq',
    arn: 'arn:aws:sqs:ap-southeast-3:000000000000:q-dlq',
    visibilityTimeoutMs: 30_000,
  });
  const queue = new LocalQueue({
    name: 'q',
    arn: 'arn:aws:sqs:ap-southeast-3:000000000000:q',
    visibilityTimeoutMs: 30,
    redrive: { deadLetterQueue, maxReceiveCount: options.maxReceiveCount ?? 3 },
  });
  const batches: SqsRecordSeen[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const mapping = new SqsEventSource({
    functionId: 'svc/consumer',
    queue,
    batchSize: 2,
    maximumConcurrency: options.maximumConcurrency ?? 2,
    awsRegion: 'ap-southeast-3',
    log: options.log ?? silentLogger,
    fault: () => options.fault,
    invoke: async (event) => {
      const records = (event as { Records: SqsRecordSeen[] }).Records;
      batches.push(records);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      try {
        return await respond(records);
      } finally {
        running -= 1;
      }
    },
  });
  return { queue, deadLetterQueue, mapping, batches, mostAtOnce: () => mostAtOnce };
}

const ok = (payload: unknown = null): InvokeResult => ({ ok: true, payload, requestId: 'r' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a local SQS event source mapping', () => {
  const mappings: SqsEventSource[] = [];
  afterEach(() => {
    for (const mapping of mappings.splice(0)) mapping.stop();
  });

  it('runs at most MaximumConcurrency batches at once and deletes what succeeded', async () => {
    const wired = wire(async () => {
      await sleep(20);
      return ok({ batchItemFailures: [] });
    });
    mappings.push(wired.mapping);
    for (let i = 0; i < 10; i++) wired.queue.send(JSON.stringify({ n: i }));
    await wired.mapping.whenIdle();
    expect(wired.mostAtOnce()).toBe(2);
    expect(
      wired.batches
        .flat()
        .map((record) => JSON.parse(record.body).n)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(wired.queue.size).toBe(0);
  });

  it('retries only the records reported failed, then moves them to the DLQ after maxReceiveCount', async () => {
    const wired = wire(async (records) =>
      ok({
        batchItemFailures: records
          .filter((record) => JSON.parse(record.body).poison)
          .map((record) => ({ itemIdentifier: record.messageId })),
      }),
    );
    mappings.push(wired.mapping);
    wired.queue.send(JSON.stringify({ poison: true }));
    wired.queue.send(JSON.stringify({ poison: false }));
    await wired.mapping.whenIdle();
    const seen = wired.batches.flat().map((record) => [record.body, record.attributes.ApproximateReceiveCount]);
    expect(seen.filter(([body]) => body === '{"poison":false}')).toEqual([['{"poison":false}', '1']]);
    expect(seen.filter(([body]) => body === '{"poison":true}').map(([, count]) => count)).toEqual(['1', '2', '3']);
    expect(wired.deadLetterQueue.peek().map((message) => message.body)).toEqual(['{"poison":true}']);
  });

  it('counts the whole batch failed on a function error, or a failure naming no message of the batch', async () => {
    let calls = 0;
    const wired = wire(
      async () => {
        calls += 1;
        if (calls === 1) return { ok: false, error: { errorType: 'Error', errorMessage: 'boom' }, requestId: 'r' };
        if (calls === 2) return ok({ batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] });
        return ok();
      },
      { maximumConcurrency: 2 },
    );
    mappings.push(wired.mapping);
    wired.queue.send('"a"');
    wired.queue.send('"b"');
    await wired.mapping.whenIdle();
    expect(wired.batches.map((records) => records.map((record) => record.attributes.ApproximateReceiveCount))).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', '3'],
    ]);
    expect(wired.deadLetterQueue.size).toBe(0);
  });

  it('warns, once, when a batch outlives the visibility timeout and its messages are received again', async () => {
    const warnings: string[] = [];
    let calls = 0;
    const wired = wire(
      async () => {
        calls += 1;
        // The first invocation outlasts the queue's 30 ms visibility timeout; the copy received meanwhile is quick.
        if (calls === 1) await sleep(120);
        return ok();
      },
      { maximumConcurrency: 2, log: { ...silentLogger, warn: (message) => warnings.push(message) } },
    );
    mappings.push(wired.mapping);
    wired.queue.send('"slow"');
    await wired.mapping.whenIdle();
    // Received again while the first batch still ran (a busy machine may add receives; the first two are these).
    const receives = wired.batches.map((records) => records.map((record) => record.attributes.ApproximateReceiveCount));
    expect(receives.slice(0, 2)).toEqual([['1'], ['2']]);
    expect(warnings).toEqual([expect.stringMatching(/^svc\/consumer: a batch ran \d+ ms, longer than .*\(30 ms\)/)]);
  });

  it('with the consumer-fails fault, fails the matching records without invoking the function for them', async () => {
    const wired = wire(async () => ok(), {
      maxReceiveCount: 2,
      fault: { pattern: { detail: { poison: [true] } } },
    });
    mappings.push(wired.mapping);
    wired.queue.send(JSON.stringify({ detail: { poison: true } }));
    wired.queue.send(JSON.stringify({ detail: { poison: false } }));
    await wired.mapping.whenIdle();
    expect(wired.batches.flat().map((record) => record.body)).toEqual(['{"detail":{"poison":false}}']);
    expect(wired.deadLetterQueue.peek().map((message) => message.body)).toEqual(['{"detail":{"poison":true}}']);
    // Redriven, it is a new message, received from 1 again.
    expect(wired.deadLetterQueue.redrive((arn) => (arn === wired.queue.arn ? wired.queue : undefined))).toBe(1);
    expect(wired.queue.peek()).toEqual([
      expect.objectContaining({ receiveCount: 0, body: '{"detail":{"poison":true}}' }),
    ]);
  });
});
