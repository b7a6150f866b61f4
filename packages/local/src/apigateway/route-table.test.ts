import { describe, expect, it } from 'vitest';
import { InvalidRouteError, RouteTable } from './route-table';

const table = new RouteTable([
  { method: 'GET', path: '/innovations', functionId: 's/list' },
  { method: 'POST', path: '/innovations', functionId: 's/create' },
  { method: 'GET', path: '/innovations/{id}', functionId: 's/get' },
  { method: 'GET', path: '/innovations/mine', functionId: 's/mine' },
  { method: 'POST', path: '/innovations/{id}/register', functionId: 's/register' },
  { method: 'GET', path: '/files/{proxy+}', functionId: 's/files' },
  { method: 'ANY', path: '/anything/{id}', functionId: 's/any' },
  { method: 'DELETE', path: '/anything/{id}', functionId: 's/delete' },
  { method: 'GET', path: '/', functionId: 's/root' },
]);

describe('RouteTable', () => {
  it('matches literal routes by method and path, with the route key HTTP API puts in the event', () => {
    expect(table.match('GET', '/innovations')).toMatchObject({
      binding: { functionId: 's/list' },
      routeKey: 'GET /innovations',
      pathParameters: undefined,
    });
    expect(table.match('POST', '/innovations')?.binding.functionId).toBe('s/create');
    expect(table.match('GET', '/')?.binding.functionId).toBe('s/root');
  });

  it('binds path variables, URL-decoded', () => {
    expect(table.match('GET', '/innovations/01ABC')).toMatchObject({
      routeKey: 'GET /innovations/{id}',
      pathParameters: { id: '01ABC' },
    });
    expect(table.match('GET', '/innovations/a%20b')?.pathParameters).toEqual({ id: 'a b' });
    expect(table.match('POST', '/innovations/x/register')?.pathParameters).toEqual({ id: 'x' });
  });

  it('prefers a literal segment over a variable, and an exact method over ANY', () => {
    expect(table.match('GET', '/innovations/mine')?.binding.functionId).toBe('s/mine');
    expect(table.match('DELETE', '/anything/1')?.binding.functionId).toBe('s/delete');
    expect(table.match('PATCH', '/anything/1')?.binding.functionId).toBe('s/any');
  });

  it('lets a greedy variable take one or more segments', () => {
    expect(table.match('GET', '/files/a/b/c.txt')?.pathParameters).toEqual({ proxy: 'a/b/c.txt' });
    expect(table.match('GET', '/files/one')?.pathParameters).toEqual({ proxy: 'one' });
    expect(table.match('GET', '/files')).toBeUndefined();
    expect(table.match('GET', '/files/')).toBeUndefined();
  });

  it('matches nothing for another method, an empty segment or extra segments (HTTP API answers 404)', () => {
    expect(table.match('DELETE', '/innovations')).toBeUndefined();
    expect(table.match('GET', '/innovations/')).toBeUndefined();
    expect(table.match('GET', '/innovations/x/register')).toBeUndefined();
    expect(table.match('GET', '/innovations/x/y/z')).toBeUndefined();
  });

  it('refuses routes API Gateway would refuse', () => {
    expect(() => new RouteTable([{ method: 'GET', path: '/a/{proxy+}/b', functionId: 'x' }])).toThrow(
      InvalidRouteError,
    );
    expect(() => new RouteTable([{ method: 'GET', path: 'no-slash', functionId: 'x' }])).toThrow(InvalidRouteError);
    expect(
      () =>
        new RouteTable([
          { method: 'GET', path: '/a', functionId: 'x' },
          { method: 'GET', path: '/a', functionId: 'y' },
        ]),
    ).toThrow(/declared twice/);
  });
});
