import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../packages/local/src/log';
import { openApiServer } from '../../packages/local/src/platform/api-server';
import { StopOrder } from '../../packages/local/src/platform/stop-order';

/**
 * The local API answers only requests addressed to the loopback names: a web page that rebinds its own DNS name to
 * 127.0.0.1 reaches the port, but its requests carry its own name in `Host`, so it cannot mint a token through
 * `POST /local/token` or call the API with one.
 */

const stops: StopOrder[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((order) => order.stop()));
});

/** A request with exactly this `Host` header (fetch would set its own). */
function send(port: number, host: string, path = '/local/token') {
  return new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { host, 'content-type': 'application/json' } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end('{"username":"admin"}');
  });
}

async function server(serving: boolean) {
  const order = new StopOrder(silentLogger);
  stops.push(order);
  const api = await openApiServer(0, order);
  if (serving) {
    api.serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"served":true}');
    });
  }
  return Number(new URL(api.url).port);
}

describe('the local API and the Host header', () => {
  it('serves requests addressed to localhost, 127.0.0.1 or [::1] on its port', async () => {
    const port = await server(true);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await send(port, host)).status, host).toBe(200);
    }
  });

  it('refuses any other Host with a 421 problem before anything is served, even while starting', async () => {
    for (const serving of [true, false]) {
      const port = await server(serving);
      for (const host of [
        `evil.example:${port}`,
        'evil.example',
        `localhost.evil.example:${port}`,
        `localhost:${port + 1}`,
        'localhost',
        `127.0.0.1:${port}@evil.example`,
      ]) {
        const refused = await send(port, host);
        expect(refused.status, host).toBe(421);
        expect(refused.type).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(refused.body)).toMatchObject({ code: 'misdirected-request', status: 421 });
      }
    }
  });
});
