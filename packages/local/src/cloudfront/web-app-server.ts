import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { type WebAppConfig, webAppSecurityHeaders } from '@inovda/manifest';
import { LocalRuntimeError } from '../errors';
import { closeServer, listen, sendJson } from '../http-io';
import { isLoopbackHost, refuseMisdirected } from '../platform/loopback-host';

/** What the web app reads at `/config.json`: the region's API and how to sign in (see packages/web/src/lib/config). */

export interface WebAppServerOptions {
  /** The built app (`packages/web/dist`): `index.html` and `assets/`. */
  readonly distDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly config: WebAppConfig;
}

export interface WebAppServer {
  /** `http://localhost:<port>`. */
  readonly url: string;
  stop(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The local stand-in of the web app's CloudFront distribution over its private bucket: the built files with the
 * same security headers, hashed assets cached for good and `index.html` never, any path without a file extension
 * answered with `index.html` (the app routes in the browser, as CloudFront's error response mapping does), and the
 * region's `/config.json`. Like the API, it answers only to a loopback `Host`.
 */
export async function startWebAppServer(options: WebAppServerOptions): Promise<WebAppServer> {
  const root = path.resolve(options.distDir);
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    throw new LocalRuntimeError(
      `The web app is not built (${index} is missing): run \`npm run build -w @inovda/web\`.`,
    );
  }
  const security = webAppSecurityHeaders({ apiOrigin: new URL(options.config.apiUrl).origin });
  const headers = {
    'content-security-policy': security.contentSecurityPolicy,
    'referrer-policy': security.referrerPolicy,
    'x-frame-options': security.frameOptions,
    'x-content-type-options': security.contentTypeOptions,
    'permissions-policy': security.permissionsPolicy,
  };
  let port = 0;

  function sendFile(response: ServerResponse, file: string, size: number, head: boolean) {
    const immutable = file.startsWith(path.join(root, 'assets') + path.sep);
    response.writeHead(200, {
      ...headers,
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (head) response.end();
    else createReadStream(file).pipe(response);
  }

  function handle(request: IncomingMessage, response: ServerResponse) {
    if (!isLoopbackHost(request.headers.host, port)) return refuseMisdirected(response, request);
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      request.resume();
      response.writeHead(405, { ...headers, allow: 'GET, HEAD' });
      return response.end();
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/config.json') {
      return sendJson(response, 200, options.config, { ...headers, 'cache-control': 'no-cache' });
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400, headers);
      return response.end();
    }
    // Resolved inside the app's folder, or not at all: `..` and absolute paths cannot leave it.
    const file = path.resolve(root, `.${path.posix.normalize(pathname)}`);
    const inside = file === root || file.startsWith(root + path.sep);
    const found = inside ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (found?.isFile()) return sendFile(response, file, found.size, method === 'HEAD');
    if (path.extname(pathname) === '') return sendFile(response, index, statSync(index).size, method === 'HEAD');
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not Found');
  }

  const server = createServer(handle);
  try {
    port = await listen(server, options.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new LocalRuntimeError(
        `Port ${options.port} is already in use: stop what uses it or start with WEB_PORT=<another port>.`,
      );
    }
    throw error;
  }
  return { url: `http://localhost:${port}`, stop: () => closeServer(server) };
}
