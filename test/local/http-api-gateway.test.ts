import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApiHandler, type HttpApiGatewayOptions } from '../../packages/local/src/apigateway/http-api';
import { RouteTable } from '../../packages/local/src/apigateway/route-table';
import { createJwtIssuer } from '../../packages/local/src/cognito/jwt-issuer';
import { closeServer, listen } from '../../packages/local/src/http-io';
import type { InvokeResult } from '../../packages/local/src/lambda/invocation';
import { silentLogger } from '../../packages/local/src/log';

const user = { username: 'admin', name: 'Andi', email: 'a@x', roles: ['admin' as const], sub: 's' };
const otherUser = { username: 'opd', name: 'Budi', email: 'b@x', roles: ['admin' as const], sub: 's-2' };

describe('the gateway where HTTP API answers by itself', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(closeServer));
  });

  async function gateway(invoke: HttpApiGatewayOptions['invoke'], overrides: Partial<HttpApiGatewayOptions> = {}) {
    const issuer = await createJwtIssuer({ issuer: 'http://localhost/local' });
    const server = createServer(
      createHttpApiHandler({
        routes: new RouteTable([{ method: 'POST', path: '/work', functionId: 'svc/work' }]),
        invoke,
        issuer,
        accountId: '000000000000',
        apiId: 'local',
        log: silentLogger,
        ...overrides,
      }),
    );
    servers.push(server);
    const port = await listen(server, 0);
    return {
      url: `http://127.0.0.1:${port}`,
      token: await issuer.issue(user),
      otherToken: await issuer.issue(otherUser),
    };
  }

  it('answers 503 Service Unavailable when the integration outlasts its timeout', async () => {
    const never = () => new Promise<InvokeResult>(() => {});
    const { url, token } = await gateway(never, { integrationTimeoutMs: 50 });
    const response = await fetch(`${url}/work`, { method: 'POST', headers: { authorization: token } });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
  });

  it('answers 413 for a payload over the limit, without invoking the function', async () => {
    let invoked = false;
    const { url, token } = await gateway(
      async () => {
        invoked = true;
        return { ok: true, payload: {}, requestId: 'r' };
      },
      { maxPayloadBytes: 1024 },
    );
    const response = await fetch(`${url}/work`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(2048) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(invoked).toBe(false);
  });

  it('accepts the token with or without the Bearer prefix, as the JWT authorizer does', async () => {
    const { url, token } = await gateway(async () => ({ ok: true, payload: { done: true }, requestId: 'r' }));
    for (const authorization of [token, `Bearer ${token}`, `bearer ${token}`]) {
      const response = await fetch(`${url}/work`, { method: 'POST', headers: { authorization } });
      expect(response.status).toBe(200);
    }
  });

  describe('a route without an authorizer (a public read)', () => {
    const publicRoutes = new RouteTable([
      { method: 'POST', path: '/work', functionId: 'svc/work' },
      { method: 'GET', path: '/public/things', functionId: 'svc/public', public: true },
    ]);

    /** Records each event the function gets, answering 200. */
    function recordingInvoke() {
      const events: Array<{ requestContext: Record<string, unknown> }> = [];
      const invoke: HttpApiGatewayOptions['invoke'] = async (_functionId, event) => {
        events.push(event as { requestContext: Record<string, unknown> });
        return { ok: true, payload: { done: true }, requestId: 'r' };
      };
      return { invoke, events };
    }

    it('is served without a token, or with a bad one, and its event carries no authorizer', async () => {
      const { invoke, events } = recordingInvoke();
      const { url, token } = await gateway(invoke, { routes: publicRoutes });
      for (const headers of [{}, { authorization: 'not-a-token' }, { authorization: `Bearer ${token}` }]) {
        const response = await fetch(`${url}/public/things`, { headers });
        expect(response.status).toBe(200);
      }
      expect(events).toHaveLength(3);
      for (const event of events) expect(event.requestContext).not.toHaveProperty('authorizer');
      // The other routes still need their token.
      expect((await fetch(`${url}/work`, { method: 'POST' })).status).toBe(401);
      expect((await fetch(`${url}/public/things`, { method: 'POST' })).status).toBe(404);
    });

    it('is limited per address like every request without a token', async () => {
      const { invoke, events } = recordingInvoke();
      const { url } = await gateway(invoke, { routes: publicRoutes, callerLimit: { requests: 2, windowSeconds: 60 } });
      const statuses = [];
      for (let round = 0; round < 3; round++) statuses.push((await fetch(`${url}/public/things`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect(events).toHaveLength(2);
    });
  });

  describe('with a per-caller limit', () => {
    /** Counts the invocations per caller (the `sub` the authorizer passes on), answering 200 each time. */
    function countingInvoke() {
      const invocations = new Map<string, number>();
      const invoke: HttpApiGatewayOptions['invoke'] = async (_functionId, event) => {
        const sub = String(
          (event as { requestContext: { authorizer: { jwt: { claims: { sub: string } } } } }).requestContext.authorizer
            .jwt.claims.sub,
        );
        invocations.set(sub, (invocations.get(sub) ?? 0) + 1);
        return { ok: true, payload: { done: true }, requestId: 'r' };
      };
      return { invoke, invocations };
    }

    const patch = (url: string, authorization?: string) =>
      fetch(`${url}/work`, { method: 'POST', headers: authorization ? { authorization } : {} });

    it('answers 429 with Retry-After to a looping caller, without invoking, while another caller is still served', async () => {
      const { invoke, invocations } = countingInvoke();
      // 3 requests per 30 s: the budget refills one request every 10 s, far longer than this loop takes.
      const { url, token, otherToken } = await gateway(invoke, { callerLimit: { requests: 3, windowSeconds: 30 } });

      const looping: number[] = [];
      const other: number[] = [];
      for (let round = 0; round < 6; round++) {
        looping.push((await patch(url, token)).status);
        if (round % 2 === 0) other.push((await patch(url, `Bearer ${otherToken}`)).status);
      }
      expect(looping).toEqual([200, 200, 200, 429, 429, 429]);
      expect(other).toEqual([200, 200, 200]);
      expect(invocations.get('s')).toBe(3);
      expect(invocations.get('s-2')).toBe(3);

      const limited = await patch(url, token);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toBe('application/problem+json');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(10);
      expect(await limited.json()).toEqual({
        type: 'https://inovda.id/problems/too-many-requests',
        code: 'too-many-requests',
        title: 'Terlalu banyak permintaan; tunggu sebentar lalu coba lagi',
        status: 429,
        detail: `Anda mengirim terlalu banyak permintaan dalam waktu singkat. Coba lagi dalam ${retryAfter} detik.`,
      });
    });

    it('serves a limited caller again once it has waited as long as Retry-After says', async () => {
      const { invoke, invocations } = countingInvoke();
      const { url, token } = await gateway(invoke, { callerLimit: { requests: 1, windowSeconds: 1 } });
      expect((await patch(url, token)).status).toBe(200);
      const limited = await patch(url, token);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get('retry-after')) * 1000));
      expect((await patch(url, token)).status).toBe(200);
      expect(invocations.get('s')).toBe(2);
    });

    it('limits requests without a valid token by client address, apart from the callers with one', async () => {
      const { invoke, invocations } = countingInvoke();
      const { url, token } = await gateway(invoke, { callerLimit: { requests: 2, windowSeconds: 60 } });
      const anonymous = [];
      for (let round = 0; round < 3; round++) anonymous.push((await patch(url)).status);
      // The authorizer's own 401 while within the budget, then the limit's 429 (as WAF answers before the API).
      expect(anonymous).toEqual([401, 401, 429]);
      expect((await patch(url, 'not-a-token')).status).toBe(429);
      // Same address, but a caller with a token of their own has their own budget.
      expect((await patch(url, token)).status).toBe(200);
      expect(invocations.get('s')).toBe(1);
    });

    it('limits nobody when no limit is configured, as before', async () => {
      const { invoke, invocations } = countingInvoke();
      const { url, token } = await gateway(invoke);
      for (let round = 0; round < 20; round++) expect((await patch(url, token)).status).toBe(200);
      expect(invocations.get('s')).toBe(20);
    });
  });
});
