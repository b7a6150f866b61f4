import { createServer, type RequestListener, type Server } from 'node:http';
import { LocalRuntimeError } from '../errors';
import { closeServer, listen, sendJson } from '../http-io';
import { isLoopbackHost, refuseMisdirected } from './loopback-host';
import type { StopOrder } from './stop-order';

/**
 * The API's HTTP server: listening from the start, serving the gateway once the platform is up, and answering only
 * requests addressed to it by a loopback name (`localhost`, `127.0.0.1`, `[::1]` with its port; see loopback-host).
 */
export interface ApiServer {
  readonly server: Server;
  /** `http://localhost:<port>`; also the issuer of local tokens (`iss` is `<url>/local`). */
  readonly url: string;
  /** Replaces the "starting" answer with the gateway. */
  serve(listener: RequestListener): void;
}

/** The API port: the option, else env PORT, else 3000. */
export function resolvePort(port: number | undefined): number {
  if (port !== undefined) return port;
  const fromEnv = process.env.PORT;
  if (fromEnv === undefined || fromEnv === '') return 3000;
  const parsed = Number(fromEnv);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new LocalRuntimeError(`PORT=${fromEnv} is not a port number.`);
  }
  return parsed;
}

/**
 * Opens the API port first: a taken port fails in a second, not after DynamoDB Local has started. Until the
 * platform is up, requests get the 503 API Gateway answers when nothing can serve them.
 */
export async function openApiServer(port: number, stops: StopOrder): Promise<ApiServer> {
  const server = createServer();
  const starting: RequestListener = (_request, response) =>
    sendJson(response, 503, { message: 'Service Unavailable' }, { 'retry-after': '1' });
  let current = starting;
  // One listener for the server's life: the Host check comes first, while starting and once serving alike.
  server.on('request', (request, response) => {
    if (!isLoopbackHost(request.headers.host, apiPort)) refuseMisdirected(response, request);
    else current(request, response);
  });
  let apiPort: number;
  try {
    apiPort = await listen(server, port);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new LocalRuntimeError(
        `Port ${port} is already in use: stop what uses it or start with PORT=<another port>.`,
      );
    }
    throw error;
  }
  stops.add(() => closeServer(server));
  return {
    server,
    url: `http://localhost:${apiPort}`,
    serve: (listener) => {
      current = listener;
    },
  };
}
