import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

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

/** Ranges (ipaddr.js's names) accepted: public unicast only; every special-purpose range is refused. */
const PUBLIC_RANGE = 'unicast';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`), else the address itself. */
function unmapped(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * Whether an IP address (any form ipaddr.js parses: dotted, decimal `2130706433`, octal, hex, IPv6, IPv4-mapped)
 * may be called: public unicast only, or loopback too when `allowLoopbackForLocal`. Not an address: false.
 */
export function isAllowedAddress(
  address: string,
  options: Pick<UrlSafetyOptions, 'allowLoopbackForLocal'> = {},
): boolean {
  let parsed: Address;
  try {
    parsed = unmapped(ipaddr.parse(address));
  } catch {
    return false;
  }
  const range = parsed.range();
  if (range === PUBLIC_RANGE) return true;
  return options.allowLoopbackForLocal === true && range === 'loopback';
}

/** The host of a URL without IPv6 brackets or a trailing dot, lower-cased (the URL parser already lower-cases). */
function bareHost(url: URL): string {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function isIpLiteral(host: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host);
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
    return { ok: true, target: { url, addresses: [{ address: host, family: ipaddr.IPv6.isValid(host) ? 6 : 4 }] } };
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
