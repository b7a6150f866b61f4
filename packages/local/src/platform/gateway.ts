import { routesOf, type ServiceManifest } from '@inovda/manifest';
import type { CallerLimit } from '../apigateway/caller-limits';
import { createHttpApiHandler } from '../apigateway/http-api';
import { type RouteBinding, RouteTable } from '../apigateway/route-table';
import type { LocalFunctions } from '../lambda/functions';
import { LOCAL_ACCOUNT_ID } from '../local-region';
import type { LocalLogger } from '../log';
import type { ApiServer } from './api-server';
import { isLocalOnlyPath, type LocalRoutesOptions, localRoutes } from './local-routes';

/** Every manifest route, bound to the function serving it. */
export function routeBindings(services: readonly ServiceManifest[]): RouteBinding[] {
  return services.flatMap((manifest) =>
    routesOf(manifest).map(({ fn, route }) => ({
      method: route.method,
      path: route.path,
      functionId: `${manifest.name}/${fn.name}`,
      ...(route.public ? { public: true as const } : {}),
    })),
  );
}

/** What the gateway serves besides the manifests' routes, and how it behaves. */
export interface GatewayOptions {
  readonly services: readonly ServiceManifest[];
  readonly functions: LocalFunctions;
  readonly localRoutes: LocalRoutesOptions;
  readonly allowedOrigins: readonly string[] | undefined;
  readonly integrationTimeoutMs: number | undefined;
  readonly callerLimit: CallerLimit | undefined;
  readonly log: LocalLogger;
}

/** Puts the HTTP API (the manifests' routes behind the JWT authorizer, and the local-only routes) on the server. */
export function serveGateway(api: ApiServer, options: GatewayOptions): void {
  const routes = new RouteTable(routeBindings(options.services));
  for (const binding of routes.bindings()) {
    if (isLocalOnlyPath(binding.path)) {
      options.log.warn(`route ${binding.method} ${binding.path} is shadowed by the local-only routes`);
    }
  }
  api.serve(
    createHttpApiHandler({
      routes,
      invoke: (functionId, event) => options.functions.invoke(functionId, event),
      issuer: options.localRoutes.issuer,
      localRoutes: localRoutes(options.localRoutes),
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      log: options.log,
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
      ...(options.integrationTimeoutMs ? { integrationTimeoutMs: options.integrationTimeoutMs } : {}),
      ...(options.callerLimit ? { callerLimit: options.callerLimit } : {}),
    }),
  );
  options.log.info(`▸ HTTP API: ${routes.bindings().length} route(s) on ${api.url}`);
}
