import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { errorMessage } from '../errors';
import type { FaultSwitchboard } from '../faults/switchboard';
import { closeServer, listen, sendJson } from '../http-io';
import type { LocalLogger } from '../log';

/** The SES v2 endpoint the functions' SDK clients call (`AWS_ENDPOINT_URL_SESV2`). */
export interface FunctionSesEndpoint {
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
 * The functions reach the SES v2 emulator through this pass-through, so the `ses-throttled` fault acts on their
 * calls as SES throttling does: HTTP 429 `TooManyRequestsException` (SES v2's REST-JSON error, named in the
 * `x-amzn-ErrorType` header as AWS does), nothing sent; the SDK retries it, then the caller sees the error. Off,
 * every request goes through unchanged. The mail page and the tests' mailbox read the emulator directly.
 */
export async function startFunctionSesEndpoint(options: {
  readonly upstream: string;
  readonly faults: Pick<FaultSwitchboard, 'get' | 'acted'>;
  readonly log: LocalLogger;
}): Promise<FunctionSesEndpoint> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
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
      options.log.warn(`SES v2 endpoint of the functions: ${errorMessage(error)}`);
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    upstreamRequest.end(body);
  };
  const server = createServer((request, response) => {
    readAll(request)
      .then((body) => {
        if (!options.faults.get('ses-throttled') || request.method !== 'POST') return forward(request, response, body);
        options.faults.acted('ses-throttled');
        sendJson(
          response,
          429,
          { message: 'Maximum sending rate exceeded.' },
          { 'x-amzn-errortype': 'TooManyRequestsException' },
        );
      })
      .catch((error: unknown) => {
        options.log.warn(`SES v2 endpoint of the functions: ${errorMessage(error)}`);
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
