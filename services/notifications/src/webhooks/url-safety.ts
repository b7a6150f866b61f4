import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard of webhook endpoints: an OPD's URL is called from inside the platform, so it must lead to the
 * public internet and nowhere else (Standard Webhooks spec, "Server side request forgery (SSRF)"). A URL passes only
 * with `https`, without credentials, and with a host that is not, and does not resolve to, anything but a public
 * unicast address. The check returns the addresses it judged, and the sender connects to exactly those, so a DNS
 * answer that changes between check and connect (DNS rebinding) cannot lead elsewhere.
 */

/** One address a host resolved to, as `dns.lookup` gives it. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** A URL that passed, with the addresses to connect to (never empty). */
export interface SafeWebhookTarget {
  readonly url: URL;
  readonly addresses: readonly ResolvedAddress[];
}

/** Why a URL was refused. */
export type UrlRefusal =
  | 'invalid-url'
  | 'scheme-not-allowed'
  | 'credentials-in-url'
  | 'host-not-allowed'
  | 'address-not-allowed'
  | 'unresolvable';

/** The check's answer: the target, or why not (with a detail for the log and the OPD). */
export type UrlCheck =
  | { readonly ok: true; readonly target: SafeWebhookTarget }
  | { readonly ok: false; readonly refusal: UrlRefusal; readonly detail: string };

/** Resolves a host name to all its addresses (the default is `node:dns` `lookup` with `all: true`). */
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** What relaxes the check: only for the local runtime, whose test receivers listen on plain HTTP on 127.0.0.1. */
export interface UrlSafetyOptions {
  /** Accept `http:` too. Only the local runtime (see {@link urlSafetyForRuntime}); in AWS only `https:`. */
  readonly allowHttpForLocal?: boolean;
  /** Accept loopback addresses (127.0.0.0/8, ::1, `localhost`). Only the local runtime; in AWS never. */
  readonly allowLoopbackForLocal?: boolean;
  /** For tests: how host names are resolved. */
  readonly resolve?: ResolveHost;
}

/**
 * The variable that says a function runs in the local runtime (`packages/local`), which alone may relax the check.
 * The stack never sets it; the local runtime must set it to `1` for the functions that send webhooks.
 */
export const LOCAL_RUNTIME_VARIABLE = 'INOVDA_LOCAL_RUNTIME';

/** The options for where this code runs: strict unless {@link LOCAL_RUNTIME_VARIABLE} is `1`. */
export function urlSafetyForRuntime(env: Readonly<Record<string, string | undefined>> = process.env): UrlSafetyOptions {
  const local = env[LOCAL_RUNTIME_VARIABLE] === '1';
  return local ? { allowHttpForLocal: true, allowLoopbackForLocal: true } : {};
}

/**
 * Names refused before any resolution (they would resolve to a refused address anyway, or differently inside a
 * cloud network than outside): cloud metadata services and names that only mean something on a private network.
 */
const BLOCKED_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
]);
const BLOCKED_SUFFIXES = ['.internal', '.local', '.localdomain', '.home.arpa', '.intranet', '.lan', '.corp'];

/**
 * Every special-purpose range of the IANA registries (IPv4 and IPv6 Special-Purpose Address Registries, plus
 * multicast and the deprecated site-local range): whatever is not in them is public unicast, the only kind a webhook
 * may be sent to. Node's own `BlockList` holds them (the `ipaddr.js` package would add ~13 KB to every function
 * that checks a URL).
 */
const SPECIAL_PURPOSE: readonly (readonly [string, number, 'ipv4' | 'ipv6'])[] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", unspecified
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT (and Alibaba's metadata service, 100.100.100.200)
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local (EC2 and ECS metadata and credentials)
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.31.196.0', 24, 'ipv4'], // AS112
  ['192.52.193.0', 24, 'ipv4'], // AMT
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'ipv4'], // private
  ['192.175.48.0', 24, 'ipv4'], // AS112 direct delegation
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and the limited broadcast 255.255.255.255
  ['::', 96, 'ipv6'], // unspecified, loopback and the deprecated IPv4-compatible addresses
  ['64:ff9b::', 96, 'ipv6'], // NAT64: would reach any IPv4 address, private ones too
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64
  ['100::', 64, 'ipv6'], // discard-only
  ['2001::', 23, 'ipv6'], // IETF protocol assignments (Teredo, benchmarking, ORCHID…)
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4: embeds an IPv4 address, private ones too
  ['3fff::', 20, 'ipv6'], // documentation
  ['5f00::', 16, 'ipv6'], // segment routing (SRv6) SIDs
  ['fc00::', 7, 'ipv6'], // unique local (EC2's IPv6 metadata service, fd00:ec2::254)
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

const NOT_PUBLIC = /* @__PURE__ */ (() => {
  const list = new BlockList();
  for (const [network, prefix, type] of SPECIAL_PURPOSE) list.addSubnet(network, prefix, type);
  return list;
})();

const LOOPBACK = /* @__PURE__ */ (() => {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  return list;
})();

/** An address with its family, an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`) as its IPv4 address. */
function parsed(address: string): { readonly address: string; readonly type: 'ipv4' | 'ipv6' } | undefined {
  const family = isIP(address);
  if (family === 4) return { address, type: 'ipv4' };
  if (family !== 6) return undefined;
  // The URL parser writes any IPv6 address in its one canonical form (lower case, zeros compressed, the IPv4 tail
  // in hex), so a mapped address has exactly one spelling here.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return { address: canonical, type: 'ipv6' };
  const high = Number.parseInt(mapped[1] as string, 16);
  const low = Number.parseInt(mapped[2] as string, 16);
  return { address: [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.'), type: 'ipv4' };
}

/**
 * Whether an IP address (dotted IPv4, IPv6, IPv4-mapped IPv6) may be called: public unicast only, or loopback too
 * when `allowLoopbackForLocal`. Anything else (a name, the decimal `2130706433` that only a URL parser or
 * `inet_aton` reads as an address): false. URLs reach it already normalised, DNS answers are always dotted.
 */
export function isAllowedAddress(
  address: string,
  options: Pick<UrlSafetyOptions, 'allowLoopbackForLocal'> = {},
): boolean {
  const ip = parsed(address);
  if (!ip) return false;
  if (!NOT_PUBLIC.check(ip.address, ip.type)) return true;
  return options.allowLoopbackForLocal === true && LOOPBACK.check(ip.address, ip.type);
}

/** The host of a URL without IPv6 brackets or a trailing dot, lower-cased (the URL parser already lower-cases). */
function bareHost(url: URL): string {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function isIpLiteral(host: string): boolean {
  return isIP(host) !== 0;
}

const defaultResolve: ResolveHost = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

/** A refusal, with its detail in Indonesian: the OPD reads it in the 400 answering its registration. */
function refused(refusal: UrlRefusal, detail: string): Extract<UrlCheck, { ok: false }> {
  return { ok: false, refusal, detail };
}

/**
 * The checks that need no DNS: a valid absolute URL, `https:` (or `http:` locally), no user or password, and a host
 * that is not a refused name or address. Answers the parsed URL, or the refusal. Used on registration for a quick
 * 400; {@link checkWebhookUrl} repeats it and resolves.
 */
export function checkWebhookUrlSyntax(
  raw: string,
  options: UrlSafetyOptions = {},
): { readonly ok: true; readonly url: URL } | Extract<UrlCheck, { ok: false }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refused('invalid-url', 'bukan alamat URL yang lengkap');
  }
  const schemes = options.allowHttpForLocal ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    return refused('scheme-not-allowed', `${url.protocol} tidak diizinkan, hanya ${schemes.join(' ')}`);
  }
  if (url.username !== '' || url.password !== '') {
    return refused('credentials-in-url', 'alamat URL tidak boleh memuat nama pengguna atau kata sandi');
  }
  const host = bareHost(url);
  // The URL parser has already turned `2130706433`, `0x7f.1` and `0177.0.0.1` into `127.0.0.1`.
  if (isIpLiteral(host)) {
    return isAllowedAddress(host, options)
      ? { ok: true, url }
      : refused('address-not-allowed', `${host} bukan alamat publik`);
  }
  const loopbackName = host === 'localhost' || host.endsWith('.localhost');
  if (loopbackName && options.allowLoopbackForLocal) return { ok: true, url };
  if (
    loopbackName ||
    !host.includes('.') ||
    BLOCKED_NAMES.has(host) ||
    BLOCKED_SUFFIXES.some((suffix) => host.endsWith(suffix))
  ) {
    return refused('host-not-allowed', `${host} bukan nama host publik`);
  }
  return { ok: true, url };
}

/**
 * The whole check: {@link checkWebhookUrlSyntax}, then every address the host resolves to must be allowed (one
 * private answer among public ones refuses the URL: a rebinding attacker controls which one a client picks). The
 * target it answers carries those addresses; connect to them only (see `send.ts`).
 */
export async function checkWebhookUrl(raw: string, options: UrlSafetyOptions = {}): Promise<UrlCheck> {
  const syntax = checkWebhookUrlSyntax(raw, options);
  if (!syntax.ok) return syntax;
  const { url } = syntax;
  const host = bareHost(url);
  if (isIpLiteral(host)) {
    return { ok: true, target: { url, addresses: [{ address: host, family: isIP(host) === 6 ? 6 : 4 }] } };
  }
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? defaultResolve)(host);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refused('unresolvable', `${host} tidak dapat ditemukan di DNS (${reason})`);
  }
  if (addresses.length === 0) return refused('unresolvable', `${host} tidak mempunyai alamat IP`);
  const blocked = addresses.find((answer) => !isAllowedAddress(answer.address, options));
  if (blocked) return refused('address-not-allowed', `${host} mengarah ke ${blocked.address}, bukan alamat publik`);
  return { ok: true, target: { url, addresses } };
}
