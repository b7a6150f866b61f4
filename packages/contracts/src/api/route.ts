import type * as z from 'zod/mini';
import type { Role } from './roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Response headers a route may set: the version (optimistic concurrency), a created resource, a replay. */
export type ResponseHeader = 'etag' | 'location' | 'idempotent-replayed';

/** A success response: its body and the headers it always carries. */
export interface SuccessResponse {
  readonly description: string;
  /** JSON unless said otherwise; a `text/csv` body (an export for spreadsheets) is a string schema. */
  readonly contentType?: 'text/csv';
  readonly body: z.ZodMiniType;
  readonly headers?: readonly ResponseHeader[];
}

/** The statuses a route answers with a problem (RFC 9457 `application/problem+json`). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

/**
 * One HTTP route, as the API promises it: what the manifest needs (method, API Gateway path, roles allowed) and
 * what a client needs (summary, path parameters, query, body, headers, every response by status). Services serve
 * these objects as their routes, browsers validate with the same schemas, and the OpenAPI document is made of
 * them. Plain data and zod/mini only: a browser bundle imports it without any service code.
 */
export interface RouteContract {
  readonly method: HttpMethod;
  /** API Gateway syntax: `/innovations/{id}`. */
  readonly path: string;
  /** Roles allowed to call the route (enforced by the handler: HTTP API JWT authorizers cannot check groups). */
  readonly roles: readonly Role[];
  /**
   * A public read (`GET` only, `roles` empty): served without the JWT authorizer to anyone, answering only what may
   * be published. Limited per address, like every caller without a token.
   */
  readonly public?: true;
  /** The service serving the route (the OpenAPI tag). */
  readonly service: string;
  /** One line for the API reference (developer docs). */
  readonly summary: string;
  readonly description?: string;
  /** Path parameters; a value the schema refuses is a 404 (nothing to find), not a validation error. */
  readonly params?: z.ZodMiniObject;
  /** The query string (`?limit=&cursor=`); refused values are a 400 `invalid-query`. */
  readonly query?: z.ZodMiniObject;
  /** The JSON (or HTML form) body, and whether it must be sent. */
  readonly body?: { readonly schema: z.ZodMiniType; readonly required: boolean };
  /** `If-Match` (the version the caller holds) and `Idempotency-Key` (safe retries of a create). */
  readonly headers?: { readonly ifMatch?: 'required' | 'optional'; readonly idempotencyKey?: z.ZodMiniType };
  /** Every success status with its body. */
  readonly responses: Readonly<Partial<Record<200 | 201, SuccessResponse>>>;
  /** Every status the route can answer with a problem. */
  readonly problems: readonly ProblemStatus[];
}

/**
 * Problems any route can answer: a body it cannot read or does not take (400), no or a bad token (401), a role the
 * route does not allow (403), a body over the limit (413), a caller over their limit (429), a failure of ours
 * (500), and the database throttling us after our own retries (503).
 */
const ANY_ROUTE: readonly ProblemStatus[] = [400, 401, 403, 413, 429, 500, 503];

/** Problems a public read can answer: no token is asked for and no role checked, so neither 401 nor 403. */
const ANY_PUBLIC_ROUTE: readonly ProblemStatus[] = [400, 413, 429, 500, 503];

/** What a route contract states beyond the problems every route shares. */
export type RouteDefinition = Omit<RouteContract, 'problems' | 'service'> & {
  readonly problems?: readonly ProblemStatus[];
};

/**
 * The routes of a service, each with the problems every route can answer added (and 415 for a route that takes a
 * body: a content type other than JSON or an HTML form), in status order.
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineRoutes<const Routes extends Record<string, RouteDefinition>>(
  service: string,
  routes: Routes,
): { readonly [K in keyof Routes]: Routes[K] & RouteContract } {
  return Object.fromEntries(
    Object.entries(routes).map(([name, route]) => {
      const problems = new Set<ProblemStatus>([
        ...(route.public ? ANY_PUBLIC_ROUTE : ANY_ROUTE),
        ...(route.body ? [415 as const] : []),
        ...(route.problems ?? []),
      ]);
      return [name, { ...route, service, problems: [...problems].sort((a, b) => a - b) }];
    }),
  ) as unknown as { readonly [K in keyof Routes]: Routes[K] & RouteContract };
}
