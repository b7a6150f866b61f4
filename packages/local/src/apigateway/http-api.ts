import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { API_CORS } from '@inovda/manifest';
import type { JwtIssuer } from '../cognito/jwt-issuer';
import { errorMessage } from '../errors';
import { readBody } from '../http-io';
import type { InvokeResult } from '../lambda/invocation';
import type { LocalLogger } from '../log';
import { scopesOf, toHttpApiClaims } from './authorizer-claims';
import { type CallerLimit, CallerLimiter, tooManyRequests } from './caller-limits';
import { apiRequestId, buildHttpApiEvent, type GatewayRequest } from './payload-event';
import { type GatewayResponse, gatewayMessage, toGatewayResponse } from './response-mapping';
import type { RouteTable } from './route-table';

/** HTTP API's payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** HTTP API's maximum (and default) integration timeout. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

/** Serves the `/local/*` and `/health` routes; answers false for any other path. */
export type LocalRouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  requestId: string,
) => Promise<boolean>;

/** What the gateway is wired to. */
export interface HttpApiGatewayOptions {
  readonly routes: RouteTable;
  readonly invoke: (functionId: string, event: unknown) => Promise<InvokeResult>;
  readonly issuer: JwtIssuer;
  readonly localRoutes?: LocalRouteHandler;
  readonly accountId: string;
  readonly apiId: string;
  /** Origins allowed by CORS besides http://localhost:* and http://127.0.0.1:* (the region's web app, say). */
  readonly allowedOrigins?: readonly string[];
  readonly integrationTimeoutMs?: number;
  readonly maxPayloadBytes?: number;
  /**
   * Each caller's request budget (the local stand-in of the WAF rate-based rules in front of the API in AWS);
   * absent, callers are not limited.
   */
  readonly callerLimit?: CallerLimit;
  readonly log: LocalLogger;
}

const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

function normalizeIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function headerPairs(request: IncomingMessage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    pairs.push([request.rawHeaders[index] ?? '', request.rawHeaders[index + 1] ?? '']);
  }
  return pairs;
}

function send(response: ServerResponse, result: GatewayResponse, extraHeaders: Record<string, string>): void {
  const headers: Record<string, string | string[]> = { ...result.headers, ...extraHeaders };
  if (result.cookies.length > 0) headers['set-cookie'] = [...result.cookies];
  headers['content-length'] = String(result.body.length);
  response.writeHead(result.statusCode, headers);
  response.end(result.body);
}

/**
 * The local API Gateway (HTTP API, payload format 2.0): routes from the manifests, every route behind the JWT
 * authorizer, payload-2.0 events, responses mapped as HTTP API maps them, and HTTP API's own answers where it
 * gives them: 404 `{"message":"Not Found"}`, 401 `{"message":"Unauthorized"}` with a `www-authenticate`
 * challenge, 413 for payloads over 10 MB, 500 `{"message":"Internal Server Error"}` when the function fails and
 * 503 `{"message":"Service Unavailable"}` when it outlasts the 30 s integration timeout.
 */
export function createHttpApiHandler(options: HttpApiGatewayOptions): RequestListener {
  const methods = [...new Set([...options.routes.methods().filter((method) => method !== 'ANY'), 'OPTIONS'])];
  const allowed = new Set(options.allowedOrigins ?? []);
  const isAllowedOrigin = (origin: string | undefined): origin is string =>
    origin !== undefined && (LOCALHOST_ORIGIN.test(origin) || allowed.has(origin));
  const limiter = options.callerLimit ? new CallerLimiter(options.callerLimit) : undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = apiRequestId();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const origin = request.headers.origin;
    const cors: Record<string, string> = isAllowedOrigin(origin)
      ? {
          'access-control-allow-origin': origin,
          'access-control-expose-headers': API_CORS.exposeHeaders.join(','),
          vary: 'origin',
        }
      : {};
    const common = { 'apigw-requestid': requestId, ...cors };
    const finish = (result: GatewayResponse) => {
      send(response, result, common);
      options.log.info(`${request.method} ${request.url} ${result.statusCode} ${Date.now() - started} ms`);
    };

    // CORS preflight is answered by API Gateway itself, before routing and without a token.
    if (request.method === 'OPTIONS' && origin !== undefined && request.headers['access-control-request-method']) {
      const headers: Record<string, string> = isAllowedOrigin(origin)
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-methods': methods.join(','),
            'access-control-allow-headers': API_CORS.allowHeaders.join(','),
            'access-control-max-age': String(API_CORS.maxAgeSeconds),
            vary: 'origin',
          }
        : {};
      response.writeHead(204, { 'apigw-requestid': requestId, ...headers });
      response.end();
      return;
    }

    // The local-only routes answer the web app too (its sign-in page lists the dev users and asks for a token from
    // its own origin), so they carry the same CORS headers as the API's answers.
    for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
    if (options.localRoutes && (await options.localRoutes(request, response, url, requestId))) return;

    // The JWT authorizer's identity source is the Authorization header; a "Bearer " prefix is optional. The token is
    // checked here, before routing, only to know who is calling: the answers keep HTTP API's order below.
    const authorization = request.headers.authorization?.replace(/^Bearer\s+/i, '').trim();
    const check = authorization ? await options.issuer.verify(authorization) : undefined;
    const sourceIp = normalizeIp(request.socket.remoteAddress);

    // In AWS the WAF rules in front of the API refuse a caller over its budget before API Gateway sees the request,
    // so nothing (no routing, no authorizer, no function) runs for it. Callers are told apart by the verified token's
    // `sub`; requests without a valid token, by the address they come from.
    if (limiter) {
      const limited = limiter.take(check?.ok ? `sub:${String(check.payload.sub)}` : `ip:${sourceIp}`);
      if (!limited.ok) {
        request.resume();
        finish(tooManyRequests(limited.retryAfterSeconds));
        return;
      }
    }

    const method = request.method ?? 'GET';
    const rawUrl = request.url ?? '/';
    const rawPath = rawUrl.split('?')[0] ?? '/';
    const match = options.routes.match(method, rawPath);
    if (!match) {
      request.resume();
      finish(gatewayMessage(404, 'Not Found'));
      return;
    }
    const body = await readBody(request, options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES);
    if (body === 'too-large') {
      finish(gatewayMessage(413, 'Request Entity Too Large', { connection: 'close' }));
      return;
    }

    // A route without an authorizer (a public read) never looks at the token, valid or not, as HTTP API does.
    const isPublic = match.binding.public === true;
    if (!check && !isPublic) {
      finish(gatewayMessage(401, 'Unauthorized', { 'www-authenticate': 'Bearer' }));
      return;
    }
    if (check && !check.ok && !isPublic) {
      options.log.debug(`token refused: ${check.description}`);
      finish(
        gatewayMessage(401, 'Unauthorized', {
          'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${check.description}"`,
        }),
      );
      return;
    }

    const gatewayRequest: GatewayRequest = {
      method,
      rawUrl,
      headers: headerPairs(request),
      body,
      sourceIp,
      protocol: `HTTP/${request.httpVersion}`,
      port: request.socket.localPort ?? 0,
    };
    const event = buildHttpApiEvent(gatewayRequest, {
      routeKey: match.routeKey,
      pathParameters: match.pathParameters,
      ...(isPublic || !check?.ok ? {} : { claims: toHttpApiClaims(check.payload) }),
      scopes: isPublic || !check?.ok ? null : scopesOf(check.payload),
      requestId,
      accountId: options.accountId,
      apiId: options.apiId,
      time: new Date(started),
    });
    const timeoutMs = options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([options.invoke(match.binding.functionId, event), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      // The function keeps running in its environment, as it does in AWS; the client is answered now.
      finish(gatewayMessage(503, 'Service Unavailable'));
      return;
    }
    finish(result.ok ? toGatewayResponse(result.payload) : gatewayMessage(500, 'Internal Server Error'));
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error(`gateway: ${errorMessage(error)}`);
      if (!response.headersSent) send(response, gatewayMessage(500, 'Internal Server Error'), {});
      else response.destroy();
    });
  };
}
