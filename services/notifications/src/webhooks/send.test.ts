import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { retryAfterSeconds, sendWebhook } from './send';
import { newSecret, signWebhook } from './signing';
import { TEST_RECEIVER_CERT, TEST_RECEIVER_HOST, TEST_RECEIVER_KEY } from './testing/receiver-certificate';
import type { SafeWebhookTarget } from './url-safety';
import { verifyWebhook } from './verify';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const servers: Server[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function receiver(handler: Handler): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/**
 * A target whose host name cannot resolve (`.invalid`, RFC 6761): only the pinned address can reach the receiver,
 * so a passing test proves the socket went where the check looked and nowhere a fresh DNS answer says.
 */
function pinnedTarget(port: number, host = 'receiver.invalid', protocol = 'http'): SafeWebhookTarget {
  return {
    url: new URL(`${protocol}://${host}:${port}/hooks/inovda`),
    addresses: [{ address: '127.0.0.1', family: 4 }],
  };
}

const secret = newSecret();
const body = JSON.stringify({ type: 'StageAdvanced', data: { innovationId: '01J0ABC' } });
const delivery = () => ({ body, headers: signWebhook({ id: 'msg_01J0SEND', timestamp: new Date(), body }, [secret]) });

describe('sendWebhook', () => {
  it('POSTs the signed JSON to the pinned address; the receiver verifies it', async () => {
    let seen: { verified: boolean; host?: string; contentType?: string; method?: string } | undefined;
    const port = await listen(
      receiver((request, received, response) => {
        seen = {
          verified: verifyWebhook(received, request.headers as Record<string, string>, [secret]),
          ...(request.headers.host ? { host: request.headers.host } : {}),
          ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}),
          ...(request.method ? { method: request.method } : {}),
        };
        response.writeHead(204).end();
      }),
    );
    const attempt = await sendWebhook(pinnedTarget(port), delivery());
    expect(attempt).toMatchObject({ ok: true, status: 204, excerpt: '' });
    expect(attempt.error).toBeUndefined();
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
    expect(seen).toEqual({
      verified: true,
      host: `receiver.invalid:${port}`,
      contentType: 'application/json',
      method: 'POST',
    });
  });

  it('over HTTPS, pinned to the address, still checks the certificate against the URL host name', async () => {
    const server = createHttpsServer({ cert: TEST_RECEIVER_CERT, key: TEST_RECEIVER_KEY }, (request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200).end('diterima'));
    });
    const port = await listen(server as unknown as Server);
    const trusted = await sendWebhook(pinnedTarget(port, TEST_RECEIVER_HOST, 'https'), delivery(), {
      ca: TEST_RECEIVER_CERT,
    });
    expect(trusted).toMatchObject({ ok: true, status: 200, excerpt: 'diterima' });
    // Not trusted by the system roots: a failed attempt, not an exception.
    const untrusted = await sendWebhook(pinnedTarget(port, TEST_RECEIVER_HOST, 'https'), delivery());
    expect(untrusted.ok).toBe(false);
    expect(untrusted.status).toBeUndefined();
    expect(untrusted.error).toMatch(/certificate/i);
    // A name the certificate does not cover, on the same address: refused.
    const otherName = await sendWebhook(pinnedTarget(port, 'other.inovda.test', 'https'), delivery(), {
      ca: TEST_RECEIVER_CERT,
    });
    expect(otherName.ok).toBe(false);
    expect(otherName.error).toMatch(/altnames|match|certificate/i);
  });

  it('a failure status is a failed attempt with an excerpt of the answer, cut at 1 KB', async () => {
    const port = await listen(
      receiver((_request, _body, response) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`galat ${'x'.repeat(10_000)}`);
      }),
    );
    const attempt = await sendWebhook(pinnedTarget(port), delivery());
    expect(attempt).toMatchObject({ ok: false, status: 500 });
    expect(attempt.excerpt.startsWith('galat ')).toBe(true);
    expect(Buffer.byteLength(attempt.excerpt)).toBe(1024);
  });

  it('does not follow a redirect: the 3xx is the attempt', async () => {
    let hits = 0;
    const port = await listen(
      receiver((_request, _body, response) => {
        hits++;
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      }),
    );
    const attempt = await sendWebhook(pinnedTarget(port), delivery());
    expect(attempt).toMatchObject({ ok: false, status: 302 });
    expect(hits).toBe(1);
  });

  it('reports Retry-After', async () => {
    const port = await listen(
      receiver((_request, _body, response) => response.writeHead(503, { 'retry-after': '120' }).end()),
    );
    expect(await sendWebhook(pinnedTarget(port), delivery())).toMatchObject({
      ok: false,
      status: 503,
      retryAfterSeconds: 120,
    });
  });

  it('times out an endpoint that never answers, without throwing', async () => {
    const port = await listen(receiver(() => undefined));
    const attempt = await sendWebhook(pinnedTarget(port), delivery(), { timeoutMs: 300 });
    expect(attempt.ok).toBe(false);
    expect(attempt.status).toBeUndefined();
    expect(attempt.error).toBe('timed out after 300 ms');
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('a 200 whose body never ends still counts as delivered, cut at the timeout', async () => {
    const port = await listen(
      receiver((_request, _body, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('ok, sebagian');
      }),
    );
    const attempt = await sendWebhook(pinnedTarget(port), delivery(), { timeoutMs: 300 });
    expect(attempt).toMatchObject({ ok: true, status: 200, excerpt: 'ok, sebagian', error: 'timed out after 300 ms' });
  });

  it('a refused connection is a failed attempt, not an exception', async () => {
    const server = receiver(() => undefined);
    const port = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const attempt = await sendWebhook(pinnedTarget(port), delivery(), { timeoutMs: 5000 });
    expect(attempt.ok).toBe(false);
    expect(attempt.status).toBeUndefined();
    expect(attempt.error).toMatch(/ECONNREFUSED/);
  });

  it('connects only to the pinned addresses, whatever the name would resolve to', async () => {
    const port = await listen(receiver((_request, _body, response) => response.writeHead(200).end()));
    // `localhost` resolves to the receiver, but the check pinned an address nothing listens on.
    const target: SafeWebhookTarget = {
      url: new URL(`http://localhost:${port}/`),
      addresses: [{ address: '127.0.0.2', family: 4 }],
    };
    const attempt = await sendWebhook(target, delivery(), { timeoutMs: 2000 });
    expect(attempt.ok).toBe(false);
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds(undefined)).toBeUndefined();
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z'))).toBe(60);
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
