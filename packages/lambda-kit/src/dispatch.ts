import { Problem } from '@inovda/kernel';
import type { Context } from 'aws-lambda';
import { type HttpEvent, type RouteHandler, routeKeyOf } from './http-handler';
import { type HttpResponse, problemResponse } from './responses';

/**
 * One function serving several routes (the same grants and code path): picks the handler by the route key API
 * Gateway sets. The manifest wires only these routes to the function; any other key is not ours and gets the
 * same 404 as a path that does not exist, never another route's handler.
 */
export function byRoute(...handlers: readonly RouteHandler[]) {
  const table = new Map(handlers.map((handler) => [routeKeyOf(handler.route), handler]));
  if (table.size !== handlers.length) throw new Error('byRoute: two handlers serve the same route');
  return (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    const handler = table.get(event.routeKey);
    return handler ? handler(event, context) : Promise.resolve(problemResponse(new Problem('not-found')));
  };
}
