import type { HttpEvent, HttpResponse } from '@inovda/lambda-kit';
import type { RouteSpec } from '@inovda/manifest';
import type { Context } from 'aws-lambda';

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

/**
 * One function serving several routes (the same grants and code path): picks the adapter by the route key API
 * Gateway sets. The manifest wires only these routes to the function, so another key cannot arrive.
 */
export function byRoute(...entries: ReadonlyArray<readonly [RouteSpec, Handler]>): Handler {
  const table = new Map(entries.map(([route, handler]) => [`${route.method} ${route.path}`, handler]));
  const [first] = entries;
  if (!first) throw new Error('byRoute needs at least one route');
  return (event, context) => (table.get(event.routeKey) ?? first[1])(event, context);
}
