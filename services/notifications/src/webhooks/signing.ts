import { createHmac } from 'node:crypto';

/**
 * Signing webhook deliveries the Standard Webhooks way (spec/standard-webhooks.md of
 * standard-webhooks/standard-webhooks, "Signature scheme" and "Webhook headers"): HMAC-SHA256 over
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed by the base64-decoded secret, sent as `v1,<base64>` in
 * `webhook-signature`. The HMAC is Node's own (`node:crypto`): the `standardwebhooks` package would add its pure-JS
 * SHA-256 and base64 (~12 KB) to every function that signs. What is signed here is verified in the tests with that
 * package (`verify.ts`), so a receiver using it, or any of its siblings in other languages, accepts it.
 */

/** The three headers of a signed delivery, named as the spec names them. */
// A type, not an interface: it then fits `Record<string, string>` (what HTTP clients take for headers).
export type WebhookHeaders = {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
};

/** What a delivery is signed over: its stable id (the same on every retry), when it was signed and its exact body. */
export interface WebhookMessage {
  /** Stable across retries and replays of one message, so a receiver can use it as an idempotency key. */
  readonly id: string;
  readonly timestamp: Date;
  /** The exact bytes sent as the request body (signing and sending must use the same string). */
  readonly body: string;
}

/** The prefix the spec gives symmetric secrets when shown to a consumer ("Secret serialization"). */
export const SECRET_PREFIX = 'whsec_';
/** The spec's bounds on a symmetric secret: at least 24 bytes (192 bits), at most 64 bytes (512 bits). */
export const SECRET_BYTES = { min: 24, max: 64, generated: 32 } as const;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A webhook secret that cannot be used: not `whsec_<base64>` or of the wrong length. */
export class InvalidWebhookSecretError extends Error {
  constructor(reason: string) {
    super(`invalid webhook secret: ${reason}`);
    this.name = 'InvalidWebhookSecretError';
  }
}

/** The raw key behind a `whsec_<base64>` secret; throws {@link InvalidWebhookSecretError} for anything else. */
export function secretKey(secret: string): Uint8Array {
  if (!secret.startsWith(SECRET_PREFIX)) throw new InvalidWebhookSecretError(`it must start with ${SECRET_PREFIX}`);
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) throw new InvalidWebhookSecretError('it is not base64');
  const key = new Uint8Array(Buffer.from(encoded, 'base64'));
  if (key.length < SECRET_BYTES.min || key.length > SECRET_BYTES.max) {
    throw new InvalidWebhookSecretError(
      `its key is ${key.length} bytes, not ${SECRET_BYTES.min} to ${SECRET_BYTES.max}`,
    );
  }
  return key;
}

/** Whether `secret` is a usable `whsec_<base64>` secret of 24 to 64 bytes. */
export function isWebhookSecret(secret: string): boolean {
  try {
    secretKey(secret);
    return true;
  } catch {
    return false;
  }
}

/** A new signing secret: 32 random bytes from Web Crypto, as `whsec_<base64>`. */
export function newSecret(): string {
  const key = crypto.getRandomValues(new Uint8Array(SECRET_BYTES.generated));
  return `${SECRET_PREFIX}${Buffer.from(key).toString('base64')}`;
}

/** Seconds since the epoch, as the `webhook-timestamp` header carries them (an integer). */
function unixSeconds(timestamp: Date): number {
  const milliseconds = timestamp.getTime();
  if (!Number.isFinite(milliseconds)) throw new RangeError('webhook timestamp is not a valid date');
  return Math.floor(milliseconds / 1000);
}

/**
 * The headers of a delivery signed with every secret given, in order: one `v1,<signature>` per secret, space
 * separated, as the spec allows for a rotation's overlap (the new secret first, then the one being retired; a
 * receiver holding either verifies). Throws for an invalid secret or an empty list: an unsigned delivery is a bug.
 */
export function signWebhook(message: WebhookMessage, secrets: readonly string[]): WebhookHeaders {
  if (secrets.length === 0) throw new InvalidWebhookSecretError('no secret to sign with');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (message.id.length === 0 || /[\s\u0000-\u001f\u007f]/.test(message.id)) {
    // A header value cannot carry them, and a receiver must see the very id that was signed.
    throw new RangeError('webhook id must be non-empty, without whitespace or control characters');
  }
  const seconds = String(unixSeconds(message.timestamp));
  const signed = `${message.id}.${seconds}.${message.body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', secretKey(secret)).update(signed, 'utf8').digest('base64')}`,
  );
  return {
    'webhook-id': message.id,
    'webhook-timestamp': seconds,
    'webhook-signature': [...new Set(signatures)].join(' '),
  };
}
