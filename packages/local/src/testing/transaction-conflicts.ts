import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * DynamoDB Local runs transactions one at a time, so it never cancels one for a conflict; DynamoDB does, whenever
 * a transaction touches an item another transaction is changing at that moment (`TransactionConflict`). This
 * endpoint stands in front of DynamoDB Local and answers as DynamoDB would: a `TransactWriteItems` that touches an
 * item of a transaction still running is cancelled when its turn comes (nothing written), with `TransactionConflict`
 * as the reason of each such item. Everything else passes through untouched. A transaction holds its items for its
 * whole round trip to DynamoDB Local, longer than DynamoDB takes: if anything, more conflicts than in AWS.
 */
export interface ConflictingEndpoint {
  readonly endpoint: string;
  /** How many transactions it cancelled so far. */
  readonly conflicts: () => number;
  /**
   * Cancels the next `count` transactions for a conflict on their first item, whatever else is in flight: a test
   * makes a conflict happen where it wants one instead of hoping two requests overlap.
   */
  conflictNext(count: number): void;
  stop(): Promise<void>;
}

type AttributeValue = { S?: string; N?: string };
type Key = Record<string, AttributeValue>;
interface TransactItem {
  Put?: { TableName: string; Item: Key };
  Update?: { TableName: string; Key: Key };
  Delete?: { TableName: string; Key: Key };
  ConditionCheck?: { TableName: string; Key: Key };
}

/** The item a transaction item touches, as one string (table, pk, sk). */
function itemOf(item: TransactItem): string {
  const table =
    item.Put?.TableName ?? item.Update?.TableName ?? item.Delete?.TableName ?? item.ConditionCheck?.TableName;
  const key = item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key ?? {};
  return JSON.stringify([table, key.pk, key.sk]);
}

async function bodyOf(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function cancel(response: ServerResponse, reasons: string[]): void {
  response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(
    JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.join(', ')}]`,
      CancellationReasons: reasons.map((Code) =>
        Code === 'None' ? { Code } : { Code, Message: 'Transaction is ongoing for the item' },
      ),
    }),
  );
}

/**
 * Transactions running in DynamoDB Local at once; the rest wait their turn, holding nothing. DynamoDB Local works
 * through them one by one anyway, so without this a transaction would hold its items for the whole of a queue that
 * AWS does not have, and conflict far more often than there.
 */
const RUNNING_AT_ONCE = 4;

/** Starts the endpoint in front of the DynamoDB Local at `target` (an `http://host:port` URL). */
export async function startConflictingEndpoint(target: string): Promise<ConflictingEndpoint> {
  const upstream = new URL(target);
  const inFlight = new Set<string>();
  let conflicts = 0;
  let forced = 0;

  function forward(incoming: IncomingMessage, body: Buffer, response: ServerResponse, done: () => void): void {
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(response);
        answer.on('close', done);
      },
    );
    outgoing.on('error', (error) => {
      done();
      response.destroy(error);
    });
    outgoing.end(body);
  }

  interface Pending {
    readonly incoming: IncomingMessage;
    readonly body: Buffer;
    readonly response: ServerResponse;
    readonly items: readonly string[];
  }
  const queue: Pending[] = [];
  let running = 0;

  // Starts queued transactions while fewer than RUNNING_AT_ONCE run, deciding each one's conflicts as it starts.
  function pump(): void {
    while (running < RUNNING_AT_ONCE) {
      const next = queue.shift();
      if (!next) return;
      const { incoming, body, response, items } = next;
      if (forced > 0 || items.some((item) => inFlight.has(item))) {
        const first = forced > 0 ? items[0] : undefined;
        forced = Math.max(0, forced - 1);
        conflicts += 1;
        cancel(
          response,
          items.map((item) => (item === first || inFlight.has(item) ? 'TransactionConflict' : 'None')),
        );
        continue;
      }
      for (const item of items) inFlight.add(item);
      running += 1;
      let released = false;
      forward(incoming, body, response, () => {
        if (released) return;
        released = true;
        for (const item of items) inFlight.delete(item);
        running -= 1;
        pump();
      });
    }
  }

  const server = createServer(async (incoming, response) => {
    const body = await bodyOf(incoming);
    if (!String(incoming.headers['x-amz-target']).endsWith('.TransactWriteItems')) {
      forward(incoming, body, response, () => undefined);
      return;
    }
    const parsed = JSON.parse(body.toString('utf8')) as { TransactItems?: TransactItem[] };
    queue.push({ incoming, body, response, items: (parsed.TransactItems ?? []).map(itemOf) });
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    conflicts: () => conflicts,
    conflictNext: (count) => {
      forced += count;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
