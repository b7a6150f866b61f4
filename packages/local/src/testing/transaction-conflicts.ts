import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * DynamoDB Local runs transactions one at a time, so it never cancels one for a conflict; DynamoDB does, whenever
 * a transaction touches an item another transaction is changing at that moment (`TransactionConflict`). This
 * endpoint stands in front of DynamoDB Local and answers as DynamoDB would: a `TransactWriteItems` that touches an
 * item of a transaction still in flight is cancelled at once (nothing written), with `TransactionConflict` as the
 * reason of each such item. Everything else passes through untouched. The window is the in-flight transaction's
 * whole round trip, which under a burst queues in DynamoDB Local: if anything, more conflicts than in AWS.
 */
export interface ConflictingEndpoint {
  readonly endpoint: string;
  /** How many transactions it cancelled so far. */
  readonly conflicts: () => number;
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

/** Starts the endpoint in front of the DynamoDB Local at `target` (an `http://host:port` URL). */
export async function startConflictingEndpoint(target: string): Promise<ConflictingEndpoint> {
  const upstream = new URL(target);
  const inFlight = new Set<string>();
  let conflicts = 0;

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

  const server = createServer(async (incoming, response) => {
    const body = await bodyOf(incoming);
    if (!String(incoming.headers['x-amz-target']).endsWith('.TransactWriteItems')) {
      forward(incoming, body, response, () => undefined);
      return;
    }
    const items = ((JSON.parse(body.toString('utf8')) as { TransactItems?: TransactItem[] }).TransactItems ?? []).map(
      itemOf,
    );
    if (items.some((item) => inFlight.has(item))) {
      conflicts += 1;
      cancel(
        response,
        items.map((item) => (inFlight.has(item) ? 'TransactionConflict' : 'None')),
      );
      return;
    }
    for (const item of items) inFlight.add(item);
    let released = false;
    forward(incoming, body, response, () => {
      if (released) return;
      released = true;
      for (const item of items) inFlight.delete(item);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    conflicts: () => conflicts,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
