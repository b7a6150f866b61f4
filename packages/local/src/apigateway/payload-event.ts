import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** An HTTP request as the gateway received it. */
export interface GatewayRequest {
  readonly method: string;
  /** Path and query as sent (`/innovations/a%20b?x=1`). */
  readonly rawUrl: string;
  /** Header name/value pairs in arrival order (Node's `rawHeaders`, paired). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  readonly sourceIp: string;
  /** `HTTP/1.1`. */
  readonly protocol: string;
  /** The port the request came in on (for `x-forwarded-port`). */
  readonly port: number;
}

/** What the gateway decided about the request: its route and the verified token. */
export interface GatewayContext {
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
  /** The JWT authorizer's claims; absent for a route without an authorizer (HTTP API then sends no `authorizer`). */
  readonly claims?: Readonly<Record<string, string>>;
  readonly scopes: string[] | null;
  readonly requestId: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly time: Date;
}

// HTTP API passes only these bodies as text; everything else, a missing content type and (observed on AWS)
// application/x-www-form-urlencoded included, arrives base64-encoded with isBase64Encoded: true.
const TEXT_MEDIA_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

/** Whether HTTP API hands a body of this content type to the integration as text. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType.startsWith('text/') || TEXT_MEDIA_TYPES.has(mediaType);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export function requestTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** An API Gateway request id (`Mc7UVioPPHcEKPA=`: 11 random bytes in base64). */
export function apiRequestId(): string {
  return randomBytes(11).toString('base64');
}

function traceHeader(time: Date): string {
  return `Root=1-${Math.floor(time.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

/** Headers lower-cased, duplicates comma-joined; the Cookie header split out into `cookies`, as payload 2.0 does. */
function collectHeaders(pairs: GatewayRequest['headers']): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter((cookie) => cookie.length > 0),
      );
      continue;
    }
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return { headers, cookies };
}

/** Query parameters decoded, duplicates comma-joined; undefined when there are none. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const existing = parameters[name];
    parameters[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/**
 * The payload-2.0 event HTTP API sends a Lambda integration, field for field: raw path and query, lower-cased
 * headers (plus the `x-forwarded-*` and `x-amzn-trace-id` ones API Gateway adds), cookies, decoded query and path
 * parameters (absent when empty), the JWT authorizer's claims, and the body as text or base64.
 */
export function buildHttpApiEvent(
  request: GatewayRequest,
  context: GatewayContext,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const queryStart = request.rawUrl.indexOf('?');
  const rawPath = queryStart >= 0 ? request.rawUrl.slice(0, queryStart) : request.rawUrl;
  const rawQueryString = queryStart >= 0 ? request.rawUrl.slice(queryStart + 1) : '';
  const { headers, cookies } = collectHeaders(request.headers);
  const forwardedFor = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(request.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceHeader(context.time);
  if (request.body.length > 0) headers['content-length'] = String(request.body.length);
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const query = queryParameters(rawQueryString);
  const hasBody = request.body.length > 0;
  const isText = isTextContentType(headers['content-type']);
  return {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      ...(context.claims ? { authorizer: { jwt: { claims: { ...context.claims }, scopes: context.scopes } } } : {}),
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: '$default',
      time: requestTime(context.time),
      timeEpoch: context.time.getTime(),
      // @types/aws-lambda types only events of routes with a JWT authorizer; a public route's has no `authorizer`.
    } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
    ...(context.pathParameters ? { pathParameters: { ...context.pathParameters } } : {}),
    ...(hasBody ? { body: isText ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !isText,
  };
}
