import { createHmac, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  InvalidWebhookSecretError,
  isWebhookSecret,
  newSecret,
  SECRET_PREFIX,
  secretKey,
  signWebhook,
  type WebhookHeaders,
} from './signing';
import { verifyWebhook } from './verify';

/**
 * A receiver's check written from the Standard Webhooks spec alone ("Signature scheme", "Webhook headers"), not from
 * the package: key = base64 of the secret after `whsec_`; signed content = `${id}.${timestamp}.${body}`; signature
 * = base64(HMAC-SHA256(key, content)); the header holds space-separated `v1,<signature>` entries.
 */
function specVerify(body: string, headers: WebhookHeaders, secret: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const content = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = createHmac('sha256', key).update(content, 'utf8').digest();
  return headers['webhook-signature'].split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || signature === undefined) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const now = () => new Date();
const body = JSON.stringify({ type: 'StageAdvanced', data: { innovationId: '01J0ABC', stage: 'uji-coba' } });

describe('newSecret', () => {
  it('is whsec_ and the base64 of 32 random bytes', () => {
    const secret = newSecret();
    expect(secret.startsWith(SECRET_PREFIX)).toBe(true);
    expect(secretKey(secret)).toHaveLength(32);
    expect(newSecret()).not.toBe(secret);
  });

  it('is accepted by the standardwebhooks package', () => {
    expect(() => new Webhook(newSecret())).not.toThrow();
  });
});

describe('secretKey / isWebhookSecret', () => {
  it.each([
    ['no prefix', Buffer.alloc(32, 1).toString('base64')],
    ['not base64', 'whsec_not*base64!'],
    ['too short (23 bytes)', `whsec_${Buffer.alloc(23, 1).toString('base64')}`],
    ['too long (65 bytes)', `whsec_${Buffer.alloc(65, 1).toString('base64')}`],
    ['empty', 'whsec_'],
  ])('refuses a secret with %s', (_why, secret) => {
    expect(isWebhookSecret(secret)).toBe(false);
    expect(() => secretKey(secret)).toThrow(InvalidWebhookSecretError);
  });

  it('accepts 24 to 64 bytes', () => {
    expect(isWebhookSecret(`whsec_${Buffer.alloc(24, 7).toString('base64')}`)).toBe(true);
    expect(isWebhookSecret(`whsec_${Buffer.alloc(64, 7).toString('base64')}`)).toBe(true);
  });
});

describe('signWebhook', () => {
  it('signs so that the package and a spec-written HMAC check both verify', () => {
    const secret = newSecret();
    const headers = signWebhook({ id: 'msg_01J0ABC', timestamp: now(), body }, [secret]);
    expect(headers['webhook-id']).toBe('msg_01J0ABC');
    expect(headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(specVerify(body, headers, secret)).toBe(true);
    expect(verifyWebhook(body, headers, [secret])).toBe(true);
  });

  it('matches a known vector computed by hand from the spec', () => {
    const secret = `whsec_${Buffer.alloc(32, 0x2a).toString('base64')}`;
    const headers = signWebhook(
      { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: new Date(1614265330_000), body: '{"test": 2432232314}' },
      [secret],
    );
    const expected = createHmac('sha256', Buffer.alloc(32, 0x2a))
      .update('msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}')
      .digest('base64');
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('truncates a timestamp to whole seconds, as the header carries it', () => {
    const headers = signWebhook({ id: 'msg_1', timestamp: new Date(1_700_000_000_999), body }, [newSecret()]);
    expect(headers['webhook-timestamp']).toBe('1700000000');
  });

  it('during a rotation carries one v1 signature per secret, and a receiver with either secret verifies', () => {
    const next = newSecret();
    const previous = newSecret();
    const headers = signWebhook({ id: 'msg_rotation', timestamp: now(), body }, [next, previous]);
    const entries = headers['webhook-signature'].split(' ');
    expect(entries).toHaveLength(2);
    expect(entries.every((entry) => entry.startsWith('v1,'))).toBe(true);
    for (const secret of [next, previous]) {
      expect(() => new Webhook(secret).verify(body, { ...headers })).not.toThrow();
      expect(specVerify(body, headers, secret)).toBe(true);
    }
    expect(() => new Webhook(newSecret()).verify(body, { ...headers })).toThrow();
    expect(specVerify(body, headers, newSecret())).toBe(false);
  });

  it('refuses to sign without a secret, with an invalid one, or with an unusable id', () => {
    expect(() => signWebhook({ id: 'msg_1', timestamp: now(), body }, [])).toThrow(InvalidWebhookSecretError);
    expect(() => signWebhook({ id: 'msg_1', timestamp: now(), body }, ['whsec_short'])).toThrow(
      InvalidWebhookSecretError,
    );
    expect(() => signWebhook({ id: '', timestamp: now(), body }, [newSecret()])).toThrow(RangeError);
    expect(() => signWebhook({ id: 'msg 1', timestamp: now(), body }, [newSecret()])).toThrow(RangeError);
    expect(() => signWebhook({ id: 'msg_1', timestamp: new Date(Number.NaN), body }, [newSecret()])).toThrow(
      RangeError,
    );
  });

  it('verifies for any body and id, and fails for a tampered body, id or timestamp', () => {
    const secret = newSecret();
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        (anyBody, id) => {
          const headers = signWebhook({ id, timestamp: now(), body: anyBody }, [secret]);
          expect(specVerify(anyBody, headers, secret)).toBe(true);
          expect(verifyWebhook(anyBody, headers, [secret])).toBe(true);
          expect(verifyWebhook(`${anyBody} `, headers, [secret])).toBe(false);
          expect(verifyWebhook(anyBody, { ...headers, 'webhook-id': `${id}x` }, [secret])).toBe(false);
          const later = String(Number(headers['webhook-timestamp']) + 1);
          expect(verifyWebhook(anyBody, { ...headers, 'webhook-timestamp': later }, [secret])).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('verifyWebhook', () => {
  it('reads headers in any case and refuses a stale timestamp or missing headers', () => {
    const secret = newSecret();
    const headers = signWebhook({ id: 'msg_case', timestamp: now(), body }, [secret]);
    expect(
      verifyWebhook(
        body,
        {
          'Webhook-Id': headers['webhook-id'],
          'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'],
          'Webhook-Signature': headers['webhook-signature'],
        },
        [secret],
      ),
    ).toBe(true);
    const stale = signWebhook({ id: 'msg_old', timestamp: new Date(Date.now() - 10 * 60_000), body }, [secret]);
    expect(specVerify(body, stale, secret)).toBe(true);
    expect(verifyWebhook(body, stale, [secret])).toBe(false);
    expect(verifyWebhook(body, { 'webhook-id': 'msg_case' }, [secret])).toBe(false);
  });
});
