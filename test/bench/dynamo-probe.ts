import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One DynamoDB call a handler made: the command (class and input, to replay it) and when it ran. */
export interface RecordedCall {
  /** `TransactWriteCommand`, `GetCommand`, `QueryItemCommand`… */
  readonly command: string;
  /** The command's class, to send the same command again. */
  readonly commandClass: new (
    input: never,
  ) => unknown;
  /** Whether it went through the document client (replayed through one) or the plain DynamoDB client. */
  readonly documentClient: boolean;
  /** A deep copy of its input, taken before sending (the SDK's middleware may rewrite the original). */
  readonly input: unknown;
  readonly startedAt: number;
  readonly endedAt: number;
}

interface Sendable {
  send(command: { readonly input: unknown }, ...rest: unknown[]): Promise<unknown>;
}

/**
 * The calls of the invocation under way, in its async context: the local platform runs in this process too (its
 * stream poller, checkpoints), and its own SDK calls, made outside that context, must not count.
 */
const recording = new AsyncLocalStorage<RecordedCall[]>();
let installed = false;

/**
 * Wraps `send` of the SDK's client base class, which `DynamoDBClient` and `DynamoDBDocumentClient` share (a document
 * command resolves its own middleware rather than calling the wrapped client's `send`, so no call is seen twice).
 * Handlers imported into this process construct their clients from the same package, so every call they make goes
 * through the wrapper; it records only calls made inside {@link recordCalls} and otherwise just forwards.
 */
export function installDynamoProbe(): void {
  if (installed) return;
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as Sendable;
  if (base !== Object.getPrototypeOf(DynamoDBDocumentClient.prototype)) {
    throw new Error('DynamoDBClient and DynamoDBDocumentClient do not share a base class: cannot probe both');
  }
  const send = base.send;
  base.send = async function probedSend(this: unknown, command, ...rest) {
    const calls = recording.getStore();
    // Only DynamoDB itself: DynamoDB Streams' client shares the base class.
    const dynamo = this instanceof DynamoDBClient || this instanceof DynamoDBDocumentClient;
    if (calls === undefined || !dynamo) return send.call(this, command, ...rest);
    const input = structuredClone(command.input);
    const startedAt = performance.now();
    try {
      return await send.call(this, command, ...rest);
    } finally {
      const commandClass = (command as object).constructor as RecordedCall['commandClass'];
      calls.push({
        command: commandClass.name,
        commandClass,
        documentClient: this instanceof DynamoDBDocumentClient,
        input,
        startedAt,
        endedAt: performance.now(),
      });
    }
  };
  installed = true;
}

/** Runs `work` and returns what it returned with the DynamoDB calls it made (in its async context). */
export async function recordCalls<T>(work: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> {
  if (!installed) throw new Error('installDynamoProbe() first');
  if (recording.getStore() !== undefined) throw new Error('recordCalls does not nest');
  const calls: RecordedCall[] = [];
  return { result: await recording.run(calls, work), calls };
}

/**
 * Time spent waiting on DynamoDB: the union of the calls' intervals, so calls made in parallel count once, as the
 * handler waited for them once.
 */
export function timeInCalls(calls: readonly RecordedCall[]): number {
  const spans = calls.map((call) => [call.startedAt, call.endedAt] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [start, stop] of spans) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}
