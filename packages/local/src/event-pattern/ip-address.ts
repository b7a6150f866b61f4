import type { IpAddress, IpRange } from './compiled-pattern';
import { fail } from './invalid-pattern';

/**
 * Parses an IPv4 or IPv6 literal the way Event Ruler's CIDR class does (java.net.InetAddress behind a shape regex), or
 * returns undefined when the text is not an IP address.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(text)) return parseIpv4(text);
  if (/^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/.test(text)) return parseIpv6(text);
  return undefined;
}

/** The address range of a `cidr` filter's operand (`10.0.0.0/24`); rejects what Event Ruler's CIDR class rejects. */
export function parseCidr(text: string): IpRange {
  const parts = javaSplit(text, '/');
  const [address, maskText] = parts;
  if (parts.length !== 2 || address === undefined || maskText === undefined) fail("Malformed CIDR, one '/' required");
  if (!/^[+-]?[0-9]+$/.test(maskText)) fail('Malformed CIDR, mask bits must be an integer');
  const mask = Number(maskText);
  if (mask < 0) fail('Malformed CIDR, mask bits must not be negative');
  const ip = parseIpAddress(address);
  if (ip === undefined) fail(`Nonstandard IP address: ${address}`);
  // Event Ruler caps the mask at 31 bits (IPv4) and 127 bits (IPv6): a single-address block is written without a CIDR.
  const bits = ip.version === 4 ? 32 : 128;
  if (mask >= bits) fail(ip.version === 4 ? 'IPv4 mask bits must be < 32' : 'IPv6 mask bits must be < 128');
  const hostMask = (1n << BigInt(bits - mask)) - 1n;
  return {
    version: ip.version,
    low: ip.value & ~hostMask,
    high: ip.value | hostMask,
  };
}

function javaSplit(text: string, separator: string): string[] {
  // java.lang.String#split drops trailing empty strings, so "10.0.0.0/24/" still has two parts.
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function parseIpv4(text: string): IpAddress | undefined {
  const octets = text.split('.');
  // Leading zeros are ambiguous (octal?) and modern Java rejects them; so do we.
  if (!octets.every((octet) => /^(0|[1-9][0-9]{0,2})$/.test(octet) && Number(octet) <= 255)) return undefined;
  return {
    version: 4,
    value: octets.reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n),
  };
}

function parseIpv6(text: string): IpAddress | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  const value = groups.reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n);
  // java.net.InetAddress turns IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) into plain IPv4 addresses.
  const mappedPrefix = 0xffffn << 32n;
  if (value >> 32n === 0xffffn) return { version: 4, value: value - mappedPrefix };
  return { version: 6, value };
}
