import { parse as parseQuery } from 'node:querystring';
import { type Acting, acting, hasAnyRole, Problem } from '@inovda/kernel';
import type { RouteSpec } from '@inovda/manifest';
import { decodeBody, jsonParseProtectProto } from '@middy/util';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { callerFromClaims, isIdToken } from './caller-claims';
import { formToObject } from './form-body';
import { logger } from './logger';
import { type HttpResponse, problemResponse } from './responses';
import { isThrottled, serviceBusy } from './throttling';

/** Bodies above this are refused before parsing (an innovation profile at its limits stays well under it). */
export const MAX_BODY_BYTES = 256 * 1024;

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** What a use-case adapter receives: who acts (from the route's roles), the parsed body and the raw event. */
export interface HttpRequest {
  /** The verified caller, with the role the route records the action under and the correlation id. */
  readonly acting: Acting;
  readonly body: unknown;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly requestId: string;
  readonly correlationId: string;
  readonly event: HttpEvent;
}

export interface HttpHandlerOptions {
  /** Whether the route takes a body: `required` (create), `optional` (actions with an optional note), `none`. */
  readonly body: 'required' | 'optional' | 'none';
}

type MiddyHttpError = Error & { statusCode: number };

function isMiddyHttpError(error: unknown): error is MiddyHttpError {
  return error instanceof Error && typeof (error as Partial<MiddyHttpError>).statusCode === 'number';
}

/** Maps any thrown value to a problem: throttling to a 503 with Retry-After, any other unknown error to a bare 500. */
function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (isThrottled(error)) return serviceBusy();
  return new Problem('internal');
}

const JSON_TYPE = /^application\/(json|[a-z0-9.+-]+\+json)(\s*;.*)?$/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded(\s*;.*)?$/i;

function bodyBytes(event: HttpEvent): number {
  if (event.body === undefined) return 0;
  return event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body, 'utf8');
}

function hasBody(event: HttpEvent): boolean {
  return event.body !== undefined && event.body.length > 0;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's `X-Correlation-Id` when it is a sane token (it travels into every event and log line), else ours. */
function correlationIdOf(header: string | undefined, fallback: string): string {
  return header !== undefined && CORRELATION_ID.test(header) ? header : fallback;
}

/** Header names in lower case (HTTP API sends them so; a direct invocation or a test may not). */
function normalizeHeaders(event: HttpEvent): void {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  event.headers = headers;
}

/**
 * Bounds and parses the body in place: JSON (prototype keys refused, as middy's parsers do) or an HTML form
 * (nested into JSON shape). Only a body that is there is parsed, so a GET that sends `content-type` without a
 * body is fine. Every refusal is a 4xx problem.
 */
function parseBody(event: HttpEvent, options: HttpHandlerOptions): void {
  if (bodyBytes(event) > MAX_BODY_BYTES) {
    throw new Problem('payload-too-large', { detail: `Batasnya ${MAX_BODY_BYTES} bita.` });
  }
  if (!hasBody(event)) {
    if (options.body === 'required') throw new Problem('malformed-body', { detail: 'Isi permintaan wajib ada.' });
    event.body = undefined;
    return;
  }
  if (options.body === 'none') {
    throw new Problem('malformed-body', { detail: 'Permintaan ini tidak menerima isi.' });
  }
  const contentType = event.headers?.['content-type'] ?? '';
  const text = String(decodeBody(event.body, event.isBase64Encoded));
  let parsed: unknown;
  if (JSON_TYPE.test(contentType)) {
    try {
      parsed = jsonParseProtectProto(text, undefined, 'inovda');
    } catch (error) {
      throw new Problem('malformed-body', {
        detail: isMiddyHttpError(error)
          ? 'Isi permintaan memuat kunci terlarang (__proto__, constructor, prototype).'
          : 'Isi permintaan bukan JSON yang valid.',
      });
    }
  } else if (FORM_TYPE.test(contentType)) {
    parsed = formToObject(parseQuery(text));
  } else {
    throw new Problem('unsupported-media-type');
  }
  (event as { body: unknown }).body = parsed;
  event.isBase64Encoded = false;
}

/** An HTTP API handler that knows the one route it serves (so a dispatcher can pick it by route key). */
export type RouteHandler = ((event: HttpEvent, context: Context) => Promise<HttpResponse>) & {
  readonly route: RouteSpec;
};

/** API Gateway's route key of a route: `POST /innovations/{id}/register`. */
export function routeKeyOf(route: RouteSpec): string {
  return `${route.method} ${route.path}`;
}

/**
 * Wraps a use case as an HTTP API (payload 2.0) handler of `route`: normalises headers, bounds and parses the body
 * (JSON or HTML form), authenticates from the authorizer claims (ID tokens only), enforces the route's roles, hands the use case
 * the acting identity (the role recorded is the most privileged the route allows), and maps every failure to a
 * problem response. Each rule lives here once; handlers hold none of it.
 */
export function httpHandler(
  route: RouteSpec,
  options: HttpHandlerOptions,
  useCase: (request: HttpRequest) => Promise<HttpResponse>,
): RouteHandler {
  if (route.public) throw new Error(`${routeKeyOf(route)} is public: serve it with publicHttpHandler`);
  return wrapped(route, options, (event, context) => {
    const claims = event.requestContext.authorizer?.jwt?.claims;
    const caller = callerFromClaims(claims);
    if (!claims || !caller) throw new Problem('unauthenticated');
    if (!isIdToken(claims)) {
      throw new Problem('unauthenticated', {
        detail: 'Hanya token ID pengguna yang diterima; token akses tidak dapat dipakai untuk layanan ini.',
      });
    }
    if (!hasAnyRole(caller, route.roles)) throw new Problem('forbidden');
    if (caller.roles.length === 1 && caller.roles[0] === 'opd' && !caller.opdId) {
      throw new Problem('forbidden', { detail: 'Token pengguna OPD ini tidak menyebutkan perangkat daerahnya.' });
    }
    const request = requestOf(route, event, context);
    return useCase({ ...request, acting: acting(caller, route.roles, request.correlationId) });
  });
}

/** What a public read's use case receives: the request, and no caller (nobody signs in to read it). */
export type PublicHttpRequest = Omit<HttpRequest, 'acting'>;

/** How long browsers and CloudFront may keep a public read: published data changes rarely, and never privately. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';

/**
 * Wraps a use case as the handler of a public read (`route.public`: a GET served without the authorizer). It takes
 * no body and has no caller, so the use case must answer only what may be published; a success may be cached for a
 * minute. Everything else (headers, problems, logging) is as {@link httpHandler} does it.
 */
export function publicHttpHandler(
  route: RouteSpec,
  useCase: (request: PublicHttpRequest) => Promise<HttpResponse>,
): RouteHandler {
  if (!route.public || route.method !== 'GET' || route.roles.length > 0) {
    throw new Error(`${routeKeyOf(route)} is not a public read (public, GET, no roles)`);
  }
  return wrapped(route, { body: 'none' }, async (event, context) => {
    const response = await useCase(requestOf(route, event, context));
    return response.statusCode === 200
      ? { ...response, headers: { 'cache-control': PUBLIC_CACHE_CONTROL, ...response.headers } }
      : response;
  });
}

/** The request as a use case reads it, with the correlation id every log line of the invocation carries. */
function requestOf(route: RouteSpec, event: HttpEvent, context: Context): PublicHttpRequest {
  const headers = event.headers ?? {};
  const correlationId = correlationIdOf(
    headers['x-correlation-id'],
    event.requestContext.requestId ?? context.awsRequestId,
  );
  logger.appendKeys({ correlationId, route: `${route.method} ${route.path}` });
  return {
    // No body at all reads as {} (optional bodies); a JSON null is a body, and the route's schema refuses it.
    body: event.body === undefined ? {} : event.body,
    pathParameters: event.pathParameters ?? {},
    query: event.queryStringParameters ?? {},
    headers,
    requestId: event.requestContext.requestId,
    correlationId,
    event,
  };
}

/**
 * The steps every route shares around its own: headers normalised, the body bounded and parsed, and any failure
 * mapped to a problem. A plain wrapper rather than a middy chain: the steps are fixed and few, and middy and its
 * header normalizer would be 5 KB of every bundle for them.
 */
function wrapped(
  route: RouteSpec,
  options: HttpHandlerOptions,
  serve: (event: HttpEvent, context: Context) => Promise<HttpResponse>,
): RouteHandler {
  const handler = async (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    logger.startInvocation(context);
    try {
      normalizeHeaders(event);
      parseBody(event, options);
      return await serve(event, context);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) {
        logger.error('request failed', { error });
      } else {
        logger.info('request refused', { code: problem.code, status: problem.status });
      }
      return problemResponse(problem, event.requestContext?.requestId);
    }
  };
  return Object.assign((event: HttpEvent, context: Context) => handler(event, context), { route });
}
