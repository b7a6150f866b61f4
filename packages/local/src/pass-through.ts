import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { errorMessage } from './errors';
import { closeServer, listen } from './http-io';
import type { LocalLogger } from './log';

/** A loopback endpoint in front of a local AWS stand-in. */
export interface PassThrough {
  readonly endpoint: string;
  stop(): Promise<void>;
}

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * A pass-through to `upstream` on its own loopback port: every request goes through unchanged (headers, body,
 * signature), unless `intercept` answers it itself (a fault acting: it writes the response and returns true). The
 * functions are pointed at it rather than at the stand-in, so a fault acts on their calls only.
 */
export async function startPassThrough(options: {
  readonly upstream: string;
  /** Names the stand-in in log lines. */
  readonly name: string;
  readonly log: LocalLogger;
  readonly intercept: (request: IncomingMessage, body: Buffer, response: ServerResponse) => boolean;
  readonly maxSockets?: number;
}): Promise<PassThrough> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const forward = (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    const upstreamRequest = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, 'content-length': String(body.length) },
        agent,
      },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
      },
    );
    upstreamRequest.on('error', (error) => {
      options.log.warn(`${options.name} of the functions: ${errorMessage(error)}`);
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    upstreamRequest.end(body);
  };
  const server = createServer((request, response) => {
    readAll(request)
      .then((body) => {
        if (!options.intercept(request, body, response)) forward(request, response, body);
      })
      .catch((error: unknown) => {
        options.log.warn(`${options.name} of the functions: ${errorMessage(error)}`);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });
  const port = await listen(server, 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await closeServer(server);
      agent.destroy();
    },
  };
}
