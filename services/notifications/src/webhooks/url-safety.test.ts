import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkWebhookUrl,
  checkWebhookUrlSyntax,
  isAllowedAddress,
  LOCAL_RUNTIME_VARIABLE,
  type ResolvedAddress,
  type ResolveHost,
  urlSafetyForRuntime,
} from './url-safety';

/** A resolver that answers from a table, never the network. */
function resolverOf(table: Record<string, readonly string[]>): ResolveHost {
  return async (hostname) => {
    const answers = table[hostname];
    if (!answers) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    return answers.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const resolve = resolverOf({
  'hooks.dinas-kominfo.go.id': ['203.194.112.10'],
  'dual.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'rebind.example.com': ['93.184.215.14', '10.0.0.5'],
  'internal-only.example.com': ['192.168.1.20'],
  'meta.example.com': ['169.254.169.254'],
  'v6meta.example.com': ['fd00:ec2::254'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
  'nat64.example.com': ['64:ff9b::a9fe:a9fe'],
  'empty.example.com': [],
  localhost: ['127.0.0.1', '::1'],
});

const refusalOf = async (url: string, options = {}) => {
  const check = await checkWebhookUrl(url, { resolve, ...options });
  return check.ok ? 'ok' : check.refusal;
};

describe('checkWebhookUrl: table', () => {
  it.each([
    ['https://hooks.dinas-kominfo.go.id/inovda', 'ok'],
    ['https://dual.example.com:8443/hook?x=1', 'ok'],
    ['https://93.184.215.14/hook', 'ok'],
    ['https://[2606:4700:4700::1111]/hook', 'ok'],
    ['http://hooks.dinas-kominfo.go.id/inovda', 'scheme-not-allowed'],
    ['ftp://hooks.dinas-kominfo.go.id/', 'scheme-not-allowed'],
    ['file:///etc/passwd', 'scheme-not-allowed'],
    ['javascript:alert(1)', 'scheme-not-allowed'],
    ['not a url', 'invalid-url'],
    ['/relative/path', 'invalid-url'],
    ['https://user:secret@hooks.dinas-kominfo.go.id/', 'credentials-in-url'],
    ['https://user@hooks.dinas-kominfo.go.id/', 'credentials-in-url'],
    ['https://127.0.0.1/', 'address-not-allowed'],
    ['https://2130706433/', 'address-not-allowed'],
    ['https://0x7f.1/', 'address-not-allowed'],
    ['https://0177.0.0.1/', 'address-not-allowed'],
    ['https://127.1/', 'address-not-allowed'],
    ['https://0x7f000001/', 'address-not-allowed'],
    ['https://[::1]/', 'address-not-allowed'],
    ['https://[::ffff:127.0.0.1]/', 'address-not-allowed'],
    ['https://[::ffff:7f00:1]/', 'address-not-allowed'],
    ['https://[::ffff:a9fe:a9fe]/latest/meta-data/', 'address-not-allowed'],
    ['https://169.254.169.254/latest/meta-data/', 'address-not-allowed'],
    ['https://[fd00:ec2::254]/latest/meta-data/', 'address-not-allowed'],
    ['https://169.254.170.2/v2/credentials', 'address-not-allowed'],
    ['https://100.100.100.200/latest/meta-data/', 'address-not-allowed'],
    ['https://10.0.0.1/', 'address-not-allowed'],
    ['https://172.16.5.4/', 'address-not-allowed'],
    ['https://192.168.0.1/', 'address-not-allowed'],
    ['https://100.64.0.1/', 'address-not-allowed'],
    ['https://0.0.0.0/', 'address-not-allowed'],
    ['https://[::]/', 'address-not-allowed'],
    ['https://224.0.0.1/', 'address-not-allowed'],
    ['https://255.255.255.255/', 'address-not-allowed'],
    ['https://[ff02::1]/', 'address-not-allowed'],
    ['https://[fe80::1]/', 'address-not-allowed'],
    ['https://[fc00::1]/', 'address-not-allowed'],
    ['https://[64:ff9b::7f00:1]/', 'address-not-allowed'],
    ['https://[2002:7f00:1::]/', 'address-not-allowed'],
    ['https://localhost/', 'host-not-allowed'],
    ['https://LOCALHOST./', 'host-not-allowed'],
    ['https://api.localhost/', 'host-not-allowed'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'host-not-allowed'],
    ['https://metadata.google.internal./computeMetadata/v1/', 'host-not-allowed'],
    ['https://metadata/', 'host-not-allowed'],
    ['https://instance-data.ec2.internal/', 'host-not-allowed'],
    ['https://printer.local/', 'host-not-allowed'],
    ['https://intranet/', 'host-not-allowed'],
    ['https://rebind.example.com/', 'address-not-allowed'],
    ['https://internal-only.example.com/', 'address-not-allowed'],
    ['https://meta.example.com/', 'address-not-allowed'],
    ['https://v6meta.example.com/', 'address-not-allowed'],
    ['https://mapped.example.com/', 'address-not-allowed'],
    ['https://nat64.example.com/', 'address-not-allowed'],
    ['https://empty.example.com/', 'unresolvable'],
    ['https://nowhere.example.com/', 'unresolvable'],
  ])('%s → %s', async (url, expected) => {
    expect(await refusalOf(url)).toBe(expected);
  });

  it('answers every address it judged, for the sender to connect to exactly those', async () => {
    const check = await checkWebhookUrl('https://dual.example.com/hook', { resolve });
    expect(check).toMatchObject({
      ok: true,
      target: {
        addresses: [
          { address: '93.184.215.14', family: 4 },
          { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
        ],
      },
    });
    const literal = await checkWebhookUrl('https://[2606:4700:4700::1111]/x', { resolve });
    expect(literal).toMatchObject({
      ok: true,
      target: { addresses: [{ address: '2606:4700:4700::1111', family: 6 }] },
    });
  });
});

describe('the local runtime allowances', () => {
  const local = { allowHttpForLocal: true, allowLoopbackForLocal: true } as const;

  it.each([
    ['http://127.0.0.1:4567/hook', 'ok'],
    ['http://localhost:4567/hook', 'ok'],
    ['http://[::1]:4567/hook', 'ok'],
    ['http://hooks.dinas-kominfo.go.id/inovda', 'ok'],
    // Only loopback is opened: the rest stays refused locally too.
    ['http://10.0.0.1/', 'address-not-allowed'],
    ['http://169.254.169.254/', 'address-not-allowed'],
    ['http://metadata.google.internal/', 'host-not-allowed'],
    ['http://rebind.example.com/', 'address-not-allowed'],
    ['http://user:pw@127.0.0.1:4567/', 'credentials-in-url'],
    ['ftp://127.0.0.1/', 'scheme-not-allowed'],
  ])('%s → %s', async (url, expected) => {
    expect(await refusalOf(url, local)).toBe(expected);
  });

  it('is on only when the runtime says it is local', () => {
    expect(urlSafetyForRuntime({})).toEqual({});
    expect(urlSafetyForRuntime({ [LOCAL_RUNTIME_VARIABLE]: '0' })).toEqual({});
    expect(urlSafetyForRuntime({ [LOCAL_RUNTIME_VARIABLE]: 'true' })).toEqual({});
    expect(urlSafetyForRuntime({ [LOCAL_RUNTIME_VARIABLE]: '1' })).toEqual(local);
  });

  it('without them, loopback and http are refused', async () => {
    expect(await refusalOf('https://127.0.0.1:4567/hook')).toBe('address-not-allowed');
    expect(await refusalOf('http://127.0.0.1:4567/hook')).toBe('scheme-not-allowed');
  });
});

describe('checkWebhookUrlSyntax', () => {
  it('answers without resolving anything', () => {
    expect(checkWebhookUrlSyntax('https://hooks.dinas-kominfo.go.id/x')).toMatchObject({ ok: true });
    expect(checkWebhookUrlSyntax('https://10.1.2.3/x')).toMatchObject({ ok: false, refusal: 'address-not-allowed' });
  });
});

// Generators of refused IPv4 addresses, as four octets, by range.
const octet = fc.integer({ min: 0, max: 255 });
const refusedIpv4 = fc.oneof(
  fc.tuple(fc.constant(10), octet, octet, octet),
  fc.tuple(fc.constant(127), octet, octet, octet),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
  fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
  fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
  fc.tuple(fc.constant(0), octet, octet, octet),
  fc.tuple(fc.integer({ min: 224, max: 255 }), octet, octet, octet),
);

/** The same IPv4 address written the many ways a URL parser or `inet_aton` accepts. */
function encodings([a, b, c, d]: [number, number, number, number]): string[] {
  const value = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const hex = (n: number) => `0x${n.toString(16)}`;
  const octal = (n: number) => `0${n.toString(8)}`;
  const mappedHex = `${((a << 8) + b).toString(16)}:${((c << 8) + d).toString(16)}`;
  return [
    `${a}.${b}.${c}.${d}`,
    String(value),
    hex(value),
    octal(value),
    `${hex(a)}.${hex(b)}.${hex(c)}.${hex(d)}`,
    `${octal(a)}.${octal(b)}.${octal(c)}.${octal(d)}`,
    `${a}.${(b << 16) + (c << 8) + d}`,
    `${a}.${b}.${(c << 8) + d}`,
    `${hex(a)}.${(b << 16) + (c << 8) + d}`,
    `[::ffff:${a}.${b}.${c}.${d}]`,
    `[::ffff:${mappedHex}]`,
    `[0:0:0:0:0:ffff:${a}.${b}.${c}.${d}]`,
  ];
}

const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const refusedIpv6 = fc
  .oneof(
    fc.tuple(fc.integer({ min: 0xfc00, max: 0xfdff }), fc.array(hextet, { minLength: 7, maxLength: 7 })),
    fc.tuple(fc.integer({ min: 0xfe80, max: 0xfebf }), fc.array(hextet, { minLength: 7, maxLength: 7 })),
    fc.tuple(fc.integer({ min: 0xff00, max: 0xffff }), fc.array(hextet, { minLength: 7, maxLength: 7 })),
  )
  .map(([first, rest]) => `${first.toString(16)}:${rest.join(':')}`);

describe('checkWebhookUrl: properties', () => {
  it('refuses every private, loopback, link-local, CGNAT, multicast or unspecified IPv4, however it is written', async () => {
    await fc.assert(
      fc.asyncProperty(refusedIpv4, async (octets) => {
        for (const encoded of encodings(octets)) {
          const check = await checkWebhookUrl(`https://${encoded}/hook`, { resolve });
          expect(check, encoded).toMatchObject({ ok: false, refusal: 'address-not-allowed' });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every unique-local, link-local and multicast IPv6 literal', async () => {
    await fc.assert(
      fc.asyncProperty(refusedIpv6, async (address) => {
        expect(await refusalOf(`https://[${address}]/hook`)).toBe('address-not-allowed');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a host when any one of its addresses is refused, in any position', async () => {
    await fc.assert(
      fc.asyncProperty(
        refusedIpv4,
        fc.array(fc.constantFrom('93.184.215.14', '203.194.112.10', '2606:4700:4700::1111'), { maxLength: 4 }),
        fc.nat(),
        async ([a, b, c, d], publics, position) => {
          const answers: string[] = [...publics];
          answers.splice(position % (publics.length + 1), 0, `${a}.${b}.${c}.${d}`);
          const check = await checkWebhookUrl('https://mixed.example.com/', {
            resolve: resolverOf({ 'mixed.example.com': answers }),
          });
          expect(check).toMatchObject({ ok: false, refusal: 'address-not-allowed' });
        },
      ),
    );
  });

  it('loopback allowed locally opens loopback only: every other refused address stays refused', async () => {
    await fc.assert(
      fc.asyncProperty(refusedIpv4, async (octets) => {
        const dotted = octets.join('.');
        expect(isAllowedAddress(dotted, { allowLoopbackForLocal: true })).toBe(octets[0] === 127);
        expect(isAllowedAddress(`::ffff:${dotted}`, { allowLoopbackForLocal: true })).toBe(octets[0] === 127);
      }),
    );
  });
});

describe('isAllowedAddress', () => {
  it('is false for what is not an address', () => {
    expect(isAllowedAddress('example.com')).toBe(false);
    expect(isAllowedAddress('')).toBe(false);
  });

  it('is true for public unicast, IPv4 and IPv6, mapped or not', () => {
    for (const address of ['8.8.8.8', '203.194.112.10', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isAllowedAddress(address), address).toBe(true);
    }
  });

  it.each([
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.0.170', 'IETF protocol assignments'],
    ['240.0.0.1', 'reserved'],
    ['::ffff:10.1.2.3', 'private, mapped'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'link-local, mapped, written out'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2002:a00:1::', '6to4 of a private address'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['100::1', 'discard-only'],
    ['fec0::1', 'site-local'],
    ['FE80::1', 'link-local, upper case'],
  ])('is false for %s (%s)', (address) => {
    expect(isAllowedAddress(address)).toBe(false);
    expect(isAllowedAddress(address, { allowLoopbackForLocal: true })).toBe(false);
  });

  it('opens loopback only, and only when allowed', () => {
    for (const address of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) {
      expect(isAllowedAddress(address), address).toBe(false);
      expect(isAllowedAddress(address, { allowLoopbackForLocal: true }), address).toBe(true);
    }
  });
});
