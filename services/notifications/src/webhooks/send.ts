import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookHeaders } from './signing';
import type { ResolvedAddress, SafeWebhookTarget } from './url-safety';

/**
 * One delivery attempt of a signed webhook: a POST of the JSON body with its Standard Webhooks headers, to the
 * addresses the URL check judged (never a fresh DNS answer), bounded in time, redirects not followed (the spec,
 * "Delivery success and failure": a 3xx is a failure), the answer read only as far as a short excerpt for the
 * delivery log. A network failure is an attempt result, never an exception.
 */

/** What one attempt came to, for the delivery log, the retry schedule and the endpoint's health. */
export interface DeliveryAttempt {
  /** The HTTP status, when the endpoint answered. */
  readonly status?: number;
  /** From the start of the attempt to its end (the excerpt read), in whole milliseconds. */
  readonly latencyMs: number;
  /** The start of the response body (UTF-8, at most `excerptBytes`), or empty. */
  readonly excerpt: string;
  /** A 2xx answer. */
  readonly ok: boolean;
  /** Why no status was had (timeout, refused connection, TLS…), or why the answer was cut off. */
  readonly error?: string;
  /** `Retry-After`, when the endpoint sent one (seconds from now), for the scheduler to honour. */
  readonly retryAfterSeconds?: number;
}

/** The request to send: the exact body the headers were signed over. */
export interface SignedDelivery {
  readonly body: string;
  readonly headers: WebhookHeaders;
}

export interface SendOptions {
  /** The whole attempt's limit (connect, answer, excerpt), default 15 s: the spec's "Request timeouts" suggest 15 to 30 s. */
  readonly timeoutMs?: number;
  /** How much of the answer to keep, default 1 KB. */
  readonly excerptBytes?: number;
  readonly userAgent?: string;
  /** Extra trust for TLS (tests with a self-signed receiver); in production the system's roots only. */
  readonly ca?: string | Buffer;
}

export const SEND_DEFAULTS = { timeoutMs: 15_000, excerptBytes: 1024, userAgent: 'inovda-webhooks/1' } as const;

/**
 * A `lookup` that answers only the checked addresses, whatever the host name: the socket can only go where the
 * SSRF check looked. Node asks with `all: true` when it may try several addresses (happy eyeballs).
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = typeof options === 'object' && options.family ? Number(options.family) : 0;
    const usable = addresses.filter((address) => wanted === 0 || address.family === wanted);
    const first = usable[0];
    if (!first) {
      const error = Object.assign(new Error('no checked address of the family asked for'), { code: 'ENOTFOUND' });
      callback(error, '', 4);
      return;
    }
    if (typeof options === 'object' && options.all) {
      (callback as unknown as (error: null, all: ResolvedAddress[]) => void)(null, [...usable]);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Makes one attempt; resolves with its result in every case (see {@link DeliveryAttempt}). */
export function sendWebhook(
  target: SafeWebhookTarget,
  delivery: SignedDelivery,
  options: SendOptions = {},
): Promise<DeliveryAttempt> {
  const timeoutMs = options.timeoutMs ?? SEND_DEFAULTS.timeoutMs;
  const excerptBytes = options.excerptBytes ?? SEND_DEFAULTS.excerptBytes;
  const started = performance.now();
  return new Promise<DeliveryAttempt>((resolve) => {
    let settled = false;
    let request: ClientRequest | undefined;
    let response: IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    let kept = 0;

    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const status = response?.statusCode;
      const excerpt = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks)).replace(/\uFFFD$/, '');
      const retryAfter = retryAfterSeconds(headerValue(response?.headers['retry-after']));
      resolve({
        ...(status === undefined ? {} : { status }),
        latencyMs: Math.round(performance.now() - started),
        excerpt,
        // The endpoint's status decides: a 2xx whose body was then cut off was still accepted.
        ok: status !== undefined && status >= 200 && status < 300,
        ...(error === undefined ? {} : { error }),
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      });
      // Nothing more is read: whatever the endpoint still sends is dropped with the socket.
      response?.destroy();
      request?.destroy();
    };

    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);

    try {
      const { url, addresses } = target;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      request = send(
        url,
        {
          method: 'POST',
          // A fresh socket per attempt: a pooled one may have been opened to another address of the same name.
          agent: false,
          lookup: pinnedLookup(addresses),
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(delivery.body)),
            'user-agent': options.userAgent ?? SEND_DEFAULTS.userAgent,
            ...delivery.headers,
          },
          ...(options.ca ? { ca: options.ca } : {}),
        },
        (answer) => {
          response = answer;
          answer.on('data', (chunk: Buffer) => {
            const room = excerptBytes - kept;
            if (room > 0) {
              chunks.push(chunk.subarray(0, room));
              kept += Math.min(room, chunk.length);
            }
            if (kept >= excerptBytes) finish();
          });
          answer.on('end', () => finish());
          answer.on('error', (error) => finish(errorText(error)));
          answer.on('aborted', () => finish('the answer was cut off'));
        },
      );
      request.on('error', (error) => finish(errorText(error)));
      request.end(delivery.body);
    } catch (error) {
      finish(errorText(error));
    }
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
