import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApiHandler, type HttpApiGatewayOptions } from '../../packages/local/src/apigateway/http-api';
import { RouteTable } from '../../packages/local/src/apigateway/route-table';
import { createJwtIssuer } from '../../packages/local/src/cognito/jwt-issuer';
import { closeServer, listen } from '../../packages/local/src/http-io';
import type { InvokeResult } from '../../packages/local/src/lambda/invocation';
import { silentLogger } from '../../packages/local/src/log';

const user = { username: 'admin', name: 'Andi', email: 'a@x', roles: ['admin' as const], sub: 's' };

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
    return { url: `http://127.0.0.1:${port}`, token: await issuer.issue(user) };
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
});
