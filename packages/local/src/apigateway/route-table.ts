/** A route of the HTTP API and the function integrated with it. */
export interface RouteBinding {
  readonly method: string;
  /** API Gateway path syntax: `/innovations/{id}`, greedy `/files/{proxy+}`. */
  readonly path: string;
  /** `<service>/<function>`. */
  readonly functionId: string;
  /** A route with no authorizer (a public read): the token is not asked for, and the event carries no claims. */
  readonly public?: true;
}

/** A matched route: the binding, its route key and the path parameters (URL-decoded). */
export interface RouteMatch {
  readonly binding: RouteBinding;
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
}

type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

interface CompiledRoute {
  readonly binding: RouteBinding;
  readonly segments: readonly Segment[];
}

/** Thrown for a route path API Gateway would refuse. */
export class InvalidRouteError extends Error {
  override readonly name = 'InvalidRouteError';
}

function compile(binding: RouteBinding): CompiledRoute {
  if (!binding.path.startsWith('/')) throw new InvalidRouteError(`route path must start with '/': ${binding.path}`);
  const parts = binding.path === '/' ? [] : binding.path.slice(1).split('/');
  const segments = parts.map((part, index): Segment => {
    const variable = /^\{([A-Za-z0-9._-]+)(\+?)\}$/.exec(part);
    if (!variable?.[1]) {
      if (part.includes('{') || part.includes('}')) throw new InvalidRouteError(`bad path variable in ${binding.path}`);
      return { kind: 'literal', value: part };
    }
    if (variable[2] === '+') {
      if (index !== parts.length - 1) throw new InvalidRouteError(`greedy variable must be last: ${binding.path}`);
      return { kind: 'greedy', name: variable[1] };
    }
    return { kind: 'variable', name: variable[1] };
  });
  return { binding, segments };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      parameters[segment.name] = decode(rest.join('/'));
      return parameters;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.value) return undefined;
    } else {
      if (part === '') return undefined;
      parameters[segment.name] = decode(part);
    }
  }
  return segments.length === parts.length ? parameters : undefined;
}

const RANK = { literal: 2, variable: 1, greedy: 0 } as const;

/** Negative when `a` is more specific than `b`: literal segments beat variables, which beat greedy ones. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index++) {
    const left = a.segments[index];
    const right = b.segments[index];
    if (!left || !right) return left ? -1 : 1;
    const difference = RANK[right.kind] - RANK[left.kind];
    if (difference !== 0) return difference;
  }
  // An exact method beats ANY.
  return Number(a.binding.method === 'ANY') - Number(b.binding.method === 'ANY');
}

/**
 * Route selection as HTTP API does it: the most specific route that matches the method and path wins; literal
 * segments beat `{variable}` segments, which beat a greedy `{proxy+}`; an exact method beats `ANY`. No match is
 * a 404, also when only the method differs (HTTP API has no 405).
 */
export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(bindings: readonly RouteBinding[]) {
    this.routes = bindings.map(compile).sort(bySpecificity);
    const keys = new Set<string>();
    for (const route of this.routes) {
      const key = `${route.binding.method} ${route.binding.path}`;
      if (keys.has(key)) throw new InvalidRouteError(`route ${key} is declared twice`);
      keys.add(key);
    }
  }

  /** The route serving `method` on `path` (the raw, still percent-encoded path without query). */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path === '/' ? [] : path.replace(/^\//, '').split('/');
    for (const route of this.routes) {
      if (route.binding.method !== method && route.binding.method !== 'ANY') continue;
      const parameters = matchSegments(route.segments, parts);
      if (!parameters) continue;
      return {
        binding: route.binding,
        routeKey: `${route.binding.method} ${route.binding.path}`,
        pathParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
      };
    }
    return undefined;
  }

  /** Methods served on some route (CORS preflight answers with these). */
  methods(): string[] {
    return [...new Set(this.routes.map((route) => route.binding.method))];
  }

  /** Every binding. */
  bindings(): RouteBinding[] {
    return this.routes.map((route) => route.binding);
  }
}
