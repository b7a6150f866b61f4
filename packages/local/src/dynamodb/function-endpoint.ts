import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FaultSwitchboard } from '../faults/switchboard';
import type { DynamoDbThrottledFault } from '../faults/switches';
import { sendJson } from '../http-io';
import type { LocalLogger } from '../log';
import { type PassThrough, startPassThrough } from '../pass-through';

/** The DynamoDB endpoint the functions' SDK clients call (`AWS_ENDPOINT_URL_DYNAMODB`). */
export type FunctionDynamoEndpoint = PassThrough;

const MESSAGES: Readonly<Record<NonNullable<DynamoDbThrottledFault['errorCode']>, string>> = {
  ProvisionedThroughputExceededException:
    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  ThrottlingException: 'Throughput exceeds the current capacity of your table or index.',
  RequestLimitExceeded: 'Throughput exceeds the current throughput limit for your account.',
};

// TransactWriteItems / TransactGetItems name a table in each item, under the item's kind.
const TRANSACT_ITEM_KINDS = ['Put', 'Update', 'Delete', 'ConditionCheck', 'Get'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every table a DynamoDB JSON request touches: `TableName`, the tables of transaction items and batch maps. */
export function tablesOf(input: unknown): Set<string> {
  const tables = new Set<string>();
  if (!isRecord(input)) return tables;
  if (typeof input.TableName === 'string') tables.add(input.TableName);
  if (isRecord(input.RequestItems)) for (const name of Object.keys(input.RequestItems)) tables.add(name);
  if (Array.isArray(input.TransactItems)) {
    for (const item of input.TransactItems) {
      for (const kind of TRANSACT_ITEM_KINDS) {
        const part = isRecord(item) ? item[kind] : undefined;
        if (isRecord(part) && typeof part.TableName === 'string') tables.add(part.TableName);
      }
    }
  }
  return tables;
}

/** Whether the throttling fault covers a call: its operation, and a table of one of its services. */
export function throttleCovers(
  fault: DynamoDbThrottledFault,
  operation: string,
  tables: ReadonlySet<string>,
  serviceOfTable: Readonly<Record<string, string>>,
): boolean {
  if (fault.operations && !fault.operations.includes(operation)) return false;
  if (!fault.services) return true;
  return [...tables].some((table) => {
    const service = serviceOfTable[table];
    return service !== undefined && fault.services?.includes(service) === true;
  });
}

/**
 * Which SDK call a request is an attempt of, and which attempt: the SDK v3 sends `amz-sdk-invocation-id` (the same
 * for every attempt of a call) and `amz-sdk-request: attempt=N; max=M`. A request without them is a call of its own.
 */
export function sdkAttempt(request: Pick<IncomingMessage, 'headers'>): {
  invocation: string;
  attempt: number;
  last: boolean;
} {
  const id = request.headers['amz-sdk-invocation-id'];
  const header = String(request.headers['amz-sdk-request'] ?? '');
  const attempt = Number(/attempt=(\d+)/.exec(header)?.[1] ?? 1);
  const max = Number(/max=(\d+)/.exec(header)?.[1] ?? 1);
  return {
    invocation: typeof id === 'string' && id.length > 0 ? id : randomUUID(),
    attempt,
    last: attempt >= max,
  };
}

/**
 * The functions reach DynamoDB Local through this pass-through, so that the `dynamodb-throttled` fault acts on
 * their requests as AWS throttling would: the call is answered HTTP 400 with the throttling code in the AWS JSON
 * error shape (the SDK's retry strategy treats it as throttling and backs off) and never reaches the table. Off,
 * every byte goes through unchanged, signature headers included (DynamoDB Local does not check signatures).
 *
 * A separate endpoint rather than hooks in DynamoDB Local, which has none; the runtime's own clients keep calling
 * DynamoDB Local directly so a throttled table never stops the stream pollers or the health check.
 */
export async function startFunctionDynamoEndpoint(options: {
  readonly upstream: string;
  /** Service name per table name, to read `services` in the fault's settings. */
  readonly serviceOfTable: Readonly<Record<string, string>>;
  readonly faults: Pick<FaultSwitchboard, 'get' | 'watch' | 'acted'>;
  readonly log: LocalLogger;
}): Promise<FunctionDynamoEndpoint> {
  let matched = 0;
  // The SDK invocation ids of the calls chosen for throttling: their retries are refused too, up to `attempts`.
  const chosen = new Set<string>();
  // A fault set again starts counting again, so `everyNth: 2` means "every other call from now".
  options.faults.watch('dynamodb-throttled', () => {
    matched = 0;
    chosen.clear();
  });

  const throttled = (request: IncomingMessage, body: Buffer): DynamoDbThrottledFault['errorCode'] | undefined => {
    const fault = options.faults.get('dynamodb-throttled');
    if (!fault) return undefined;
    const target = request.headers['x-amz-target'];
    const operation = typeof target === 'string' ? (target.split('.')[1] ?? target) : '';
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return undefined; // DynamoDB Local answers what cannot be read
    }
    if (!throttleCovers(fault, operation, tablesOf(input), options.serviceOfTable)) return undefined;
    const { invocation, attempt, last } = sdkAttempt(request);
    if (attempt === 1 && matched++ % (fault.everyNth ?? 1) === 0) chosen.add(invocation);
    if (!chosen.has(invocation)) return undefined;
    if (fault.attempts !== undefined && attempt > fault.attempts) {
      chosen.delete(invocation);
      return undefined;
    }
    if (last) chosen.delete(invocation); // no retry follows: keep the set small
    return fault.errorCode ?? 'ProvisionedThroughputExceededException';
  };

  return startPassThrough({
    upstream: options.upstream,
    name: 'DynamoDB endpoint',
    log: options.log,
    intercept: (request, body, response) => {
      const code = throttled(request, body);
      if (!code) return false;
      options.faults.acted('dynamodb-throttled');
      sendJson(
        response,
        400,
        { __type: `com.amazonaws.dynamodb.v20120810#${code}`, message: MESSAGES[code] },
        { 'content-type': 'application/x-amz-json-1.0' },
      );
      return true;
    },
  });
}
