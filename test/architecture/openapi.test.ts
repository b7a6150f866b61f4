import { fileURLToPath } from 'node:url';
import {
  contractOf,
  platformOpenApi,
  type RouteContract,
  submissionsApi,
  submissionsRoutes,
  workflowApi,
  workflowRoutes,
} from '@inovda/contracts';
import { routesOf } from '@inovda/manifest';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { services } from '../../infra/lib/platform';

/**
 * The API reference cannot drift from the API: the OpenAPI document is made from the route contracts, every route a
 * manifest wires is documented with the same method, path and roles (and is the contract object itself), every
 * documented route is wired, and the document holds together as OpenAPI 3.1. That the responses really have the
 * documented shapes is proven by every service test (the test kit holds each response to its route's contract).
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const document = platformOpenApi() as Json & { paths: Record<string, Record<string, Json>>; components: Json };

/** Every operation of the document with its method and path. */
function operations(): Array<{ method: string; path: string; operation: Json }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] as Json })),
  );
}

const wired = services.flatMap((manifest) =>
  routesOf(manifest).map(({ fn, route }) => ({ service: manifest.name, fn: fn.name, route })),
);

describe('the OpenAPI document and the manifests', () => {
  it('documents every route a manifest wires, with its method, path and roles', () => {
    const missing = wired.filter(({ route }) => {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      return !operation || JSON.stringify(operation['x-roles']) !== JSON.stringify(route.roles);
    });
    expect(missing.map(({ route }) => `${route.method} ${route.path}`)).toEqual([]);
    expect(wired.length).toBeGreaterThan(20);
  });

  it('documents no route that no manifest wires', () => {
    const keys = new Set(wired.map(({ route }) => `${route.method} ${route.path}`));
    const extra = operations().filter(({ method, path }) => !keys.has(`${method.toUpperCase()} ${path}`));
    expect(extra.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    expect(operations().length).toBe(wired.length);
  });

  it('wires the routes the contracts are built on (one definition per route), under the service that owns them', () => {
    for (const { service, route } of wired) {
      const contract = contractOf(route);
      expect(contract?.service, `${route.method} ${route.path}`).toBe(service);
      expect(contract?.roles).toEqual(route.roles);
    }
    for (const [routes, api] of [
      [submissionsRoutes, submissionsApi],
      [workflowRoutes, workflowApi],
    ] as const) {
      for (const [name, route] of Object.entries(routes)) {
        expect((api as Record<string, RouteContract>)[name]).toMatchObject(route);
      }
    }
  });
});

describe('the OpenAPI document is OpenAPI 3.1', () => {
  it('has the version, info, bearer JWT security and a tag per service', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'inovda API', version: expect.any(String) });
    expect(document.components.securitySchemes).toEqual({
      cognito: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    });
    expect(document.security).toEqual([{ cognito: [] }]);
    expect((document.tags as Json[]).map((tag) => tag.name)).toEqual(services.map((manifest) => manifest.name));
  });

  it('gives every operation a unique id, a tag, a summary and responses with a description each', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) {
      expect(operation).toMatchObject({ operationId: expect.any(String), summary: expect.any(String) });
      expect(operation.tags).toHaveLength(1);
      const responses = Object.entries(operation.responses as Record<string, Json>);
      expect(responses.some(([status]) => status.startsWith('2'))).toBe(true);
      for (const [status, response] of responses) {
        expect(status).toMatch(/^[1-5]\d\d$/);
        expect(response.description).toEqual(expect.any(String));
        expect(Object.keys(response.content as Json)).toHaveLength(1);
      }
    }
  });

  it('declares every path template parameter as a required path parameter, and no other', () => {
    for (const { path, operation } of operations()) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters as Json[]).filter((parameter) => parameter.in === 'path');
      expect(declared.map((parameter) => parameter.name).sort()).toEqual([...templated].sort());
      for (const parameter of declared) expect(parameter.required).toBe(true);
    }
  });

  it('resolves every $ref within the document', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
      }
    };
    walk(document);
    const resolve = (ref: string): unknown =>
      ref
        .replace(/^#\//, '')
        .split('/')
        .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, segment) => (node as Json | undefined)?.[segment], document);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((ref) => !ref.startsWith('#/') || resolve(ref) === undefined)).toEqual([]);
  });

  it('is plain JSON (what `GET /openapi.json` serves)', () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});

describe('the contracts package in a browser', () => {
  it('bundles for the browser from the contracts and zod alone (no service code, no SDK, no node built-ins)', async () => {
    const entry = fileURLToPath(new URL('../../packages/contracts/src/index.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const foreign = inputs.filter((input) => !/^(packages\/contracts\/src\/|node_modules\/zod\/)/.test(input));
    expect(foreign).toEqual([]);
  });
});
