import { PROBLEMS, Problem } from '@inovda/kernel';
import { describe, expect, it } from 'vitest';
import { byRoute } from './dispatch';
import { httpHandler, MAX_BODY_BYTES, publicHttpHandler } from './http-handler';
import { json } from './responses';
import { claimsFor, httpEvent, lambdaContext } from './testing';

const route = { method: 'POST', path: '/things', roles: ['opd', 'admin'] } as const;
const opd = claimsFor({ sub: 'u1', roles: ['opd'], opdId: 'dinkes' });

const echo = httpHandler(route, { body: 'required' }, async (request) =>
  json(200, { body: request.body, caller: request.acting.caller, role: request.acting.role }),
);

async function call(
  handler: typeof echo,
  options: Partial<Parameters<typeof httpEvent>[0]> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }> {
  const response = await handler(
    httpEvent({ method: 'POST', path: '/things', claims: opd, ...options }),
    lambdaContext(),
  );
  return {
    status: response.statusCode ?? 0,
    body: JSON.parse(response.body ?? '{}'),
    headers: (response.headers ?? {}) as Record<string, unknown>,
  };
}

function expectProblem(result: Awaited<ReturnType<typeof call>>, code: keyof typeof PROBLEMS) {
  expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(result.status).toBe(PROBLEMS[code].status);
  expect(result.body).toMatchObject({ code, title: PROBLEMS[code].title, status: PROBLEMS[code].status });
}

describe('httpHandler', () => {
  it('hands a JSON null body over as null, for the route schema to refuse (not as an empty object)', async () => {
    const result = await call(echo, { headers: { 'Content-Type': 'application/json' }, body: 'null' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ body: null });
  });

  it('parses JSON and hands the verified caller to the use case', async () => {
    const result = await call(echo, { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      body: { a: 1 },
      caller: { sub: 'u1', username: 'u1', roles: ['opd'], opdId: 'dinkes', email: 'u1@kota-uji.inovda.test' },
      role: 'opd',
    });
  });

  it('parses an HTML form into nested JSON', async () => {
    const result = await call(echo, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=A&contactPerson%5Bname%5D=Rina',
    });
    expect(result.body.body).toEqual({ name: 'A', contactPerson: { name: 'Rina' } });
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    expectProblem(
      await call(echo, { headers: { 'content-type': 'application/json' }, body: '{"a":' }),
      'malformed-body',
    );
  });

  it('refuses other content types with 415', async () => {
    expectProblem(
      await call(echo, { headers: { 'content-type': 'text/plain' }, body: 'hello' }),
      'unsupported-media-type',
    );
    expectProblem(await call(echo, { body: '{}' }), 'unsupported-media-type');
  });

  it('refuses a missing body where one is required', async () => {
    expectProblem(await call(echo, { headers: { 'content-type': 'application/json' } }), 'malformed-body');
  });

  it('refuses bodies over the limit with 413 before parsing', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) });
    expectProblem(await call(echo, { headers: { 'content-type': 'application/json' }, body }), 'payload-too-large');
  });

  it('answers 401 without claims and 403 for a role the route does not allow', async () => {
    const headers = { 'content-type': 'application/json' };
    expectProblem(await call(echo, { headers, body: '{}', claims: null }), 'unauthenticated');
    expectProblem(await call(echo, { headers, body: '{}', claims: {} }), 'unauthenticated');
    const evaluator = claimsFor({ sub: 'e', roles: ['evaluator'] });
    expectProblem(await call(echo, { headers, body: '{}', claims: evaluator }), 'forbidden');
    const opdWithoutUnit = claimsFor({ sub: 'o', roles: ['opd'] });
    expectProblem(await call(echo, { headers, body: '{}', claims: opdWithoutUnit }), 'forbidden');
  });

  it('accepts only ID tokens: an access token (or claims naming no token use) is a 401 problem', async () => {
    const headers = { 'content-type': 'application/json' };
    // A Cognito access token as HTTP API passes it: no aud, client_id, token_use access, groups, no custom claims.
    const accessToken = {
      sub: 'u1',
      client_id: 'webclient',
      username: 'u1',
      'cognito:groups': '[opd]',
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
    };
    const refused = await call(echo, { headers, body: '{}', claims: accessToken });
    expectProblem(refused, 'unauthenticated');
    expect(refused.body.detail).toMatch(/token ID/);
    const { token_use: _none, ...noTokenUse } = opd;
    expectProblem(await call(echo, { headers, body: '{}', claims: noTokenUse }), 'unauthenticated');
    expect((await call(echo, { headers, body: '{}', claims: opd })).status).toBe(200);
  });

  it('passes problems through with their headers and extras', async () => {
    const failing = httpHandler(route, { body: 'optional' }, async () => {
      throw new Problem('version-mismatch', { currentVersion: 4 }, { etag: '"4"' });
    });
    const result = await call(failing);
    expectProblem(result, 'version-mismatch');
    expect(result.body.currentVersion).toBe(4);
    expect(result.headers.etag).toBe('"4"');
  });

  it('turns unknown errors into a bare 500 that reveals nothing', async () => {
    const failing = httpHandler(route, { body: 'optional' }, async () => {
      throw new Error('secret table name arn:aws:dynamodb:...');
    });
    const result = await call(failing);
    expectProblem(result, 'internal');
    expect(JSON.stringify(result.body)).not.toContain('secret');
  });
});

describe('httpHandler bodies', () => {
  const list = httpHandler({ method: 'GET', path: '/things', roles: ['opd'] }, { body: 'none' }, async (request) =>
    json(200, { body: request.body ?? null }),
  );

  it('ignores a content-type sent without a body', async () => {
    const result = await call(list, { headers: { 'content-type': 'application/json' } });
    expect(result.status).toBe(200);
  });

  it('refuses prototype keys in JSON as a malformed body', async () => {
    const result = await call(echo, { headers: { 'content-type': 'application/json' }, body: '{"__proto__":{"x":1}}' });
    expectProblem(result, 'malformed-body');
  });

  it('decodes base64 form bodies as HTTP API sends them', async () => {
    const result = await call(echo, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('name=Base64').toString('base64'),
      isBase64Encoded: true,
    });
    expect(result.body.body).toEqual({ name: 'Base64' });
  });
});

describe('httpHandler correlation ids', () => {
  const show = httpHandler(route, { body: 'optional' }, async (request) => json(200, { id: request.correlationId }));

  it("keeps a caller's sane correlation id and replaces an empty or wild one with the request id", async () => {
    expect((await call(show, { headers: { 'x-correlation-id': 'abc-123' } })).body.id).toBe('abc-123');
    for (const bad of ['', 'a'.repeat(200), 'spaces here', 'ünï']) {
      const result = await call(show, { headers: { 'x-correlation-id': bad } });
      expect(result.body.id).toMatch(/^req-/);
    }
  });
});

describe('byRoute', () => {
  const register = httpHandler(
    { method: 'POST', path: '/things/{id}/register', roles: ['opd'] },
    { body: 'optional' },
    async () => json(200, { did: 'register' }),
  );
  const withdraw = httpHandler(
    { method: 'POST', path: '/things/{id}/withdraw', roles: ['opd'] },
    { body: 'optional' },
    async () => json(200, { did: 'withdraw' }),
  );
  const dispatch = byRoute(register, withdraw);

  async function send(routeKey: string) {
    const response = await dispatch(
      { ...httpEvent({ method: 'POST', path: '/things/1/x', claims: opd }), routeKey },
      lambdaContext(),
    );
    return { status: response.statusCode ?? 0, body: JSON.parse(response.body ?? '{}') };
  }

  it('runs the handler of the route key API Gateway set', async () => {
    expect((await send('POST /things/{id}/register')).body).toEqual({ did: 'register' });
    expect((await send('POST /things/{id}/withdraw')).body).toEqual({ did: 'withdraw' });
  });

  it('answers any other route key with the 404 problem, never with another route', async () => {
    const result = await send('POST /things/{id}/delete');
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ code: 'not-found', title: PROBLEMS['not-found'].title });
  });

  it('refuses two handlers for one route when the function is built', () => {
    expect(() => byRoute(register, register)).toThrow(/same route/);
  });
});

describe('publicHttpHandler', () => {
  const publicRoute = { method: 'GET', path: '/public/things', roles: [], public: true } as const;
  const served = publicHttpHandler(publicRoute, async (request) => json(200, { query: request.query }));

  it('serves a request without authorizer claims, and lets a success be cached for a minute', async () => {
    const result = await call(served, { method: 'GET', path: '/public/things', claims: null, query: { a: '1' } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ query: { a: '1' } });
    expect(result.headers['cache-control']).toBe('public, max-age=60');
  });

  it('refuses a body, and never caches a refusal', async () => {
    const result = await call(served, {
      method: 'GET',
      path: '/public/things',
      claims: null,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expectProblem(result, 'malformed-body');
    expect(result.headers['cache-control']).toBeUndefined();
  });

  it('serves only public reads, and httpHandler only routes behind the authorizer', () => {
    expect(() => publicHttpHandler(route, async () => json(200, {}))).toThrow(/not a public read/);
    expect(() =>
      publicHttpHandler({ ...publicRoute, method: 'POST' } as unknown as typeof publicRoute, async () => json(200, {})),
    ).toThrow(/not a public read/);
    expect(() => httpHandler(publicRoute, { body: 'none' }, async () => json(200, {}))).toThrow(/publicHttpHandler/);
  });
});
