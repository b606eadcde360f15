// Addresses as Go and Kubernetes read them: canonical IPv4/IPv6, CIDRs, the first service IP,
// and host[:port] endpoints. Pure functions; the rules that reject bad text live in rules.ts.

import {isIPv4} from 'node:net';

export type IpFamily = 4 | 6;

const HEX_WORD = /^[0-9a-fA-F]{1,4}$/;
const ZONE = /^[0-9a-zA-Z.:-]+$/;

/** node:net's isIPv6, without its regular expression: compiling that costs ~5 ms at its first use, a tenth of a
 *  small plan's generation. Eight 16-bit words (a dotted IPv4 tail counts two), or fewer around one `::` that
 *  stands for at least one; then an optional `%zone`. */
export function isIpv6(text: string): boolean {
  const percent = text.indexOf('%');
  if (percent >= 0 && !ZONE.test(text.slice(percent + 1))) return false;
  const halves = (percent >= 0 ? text.slice(0, percent) : text).split('::');
  if (halves.length > 2) return false;
  let words = 0;
  for (const [h, half] of halves.entries()) {
    if (half === '') continue;
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      if (HEX_WORD.test(part)) words += 1;
      else if (h === halves.length - 1 && i === parts.length - 1 && isIPv4(part)) words += 2;
      else return false;
    }
  }
  return halves.length === 1 ? words === 8 : words <= 7;
}

const isIP = (text: string): 0 | IpFamily => (isIPv4(text) ? 4 : isIpv6(text) ? 6 : 0);

/** The canonical text of an IP address, or undefined if `text` is not exactly one.
 *  IPv4 must already be canonical (no leading zeros, no short forms); IPv6 is lower-cased and compressed. */
export function canonicalIp(text: string): string | undefined {
  if (text.includes('%') || text.includes('[') || text.includes('/')) return undefined;
  const family = isIP(text);
  if (family === 4) {
    const parts = text.split('.');
    return parts.every((p) => String(Number(p)) === p) ? text : undefined;
  }
  if (family === 6) return compressIpv6(ipv6ToBytes(text));
  return undefined;
}

export function ipFamily(ip: string): IpFamily {
  return isIP(ip) === 6 ? 6 : 4;
}

/** 4 or 16 bytes for a canonical (or any valid) IP. */
export function ipToBytes(ip: string): Uint8Array {
  if (isIP(ip) === 4) return Uint8Array.from(ip.split('.').map(Number));
  return ipv6ToBytes(ip);
}

export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  return compressIpv6(bytes);
}

function ipv6ToBytes(text: string): Uint8Array {
  // A dotted IPv4 tail ("::ffff:10.0.0.1") becomes two hex words first.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hexText = dotted
    ? text.slice(0, dotted.index) +
      [[dotted[1], dotted[2]], [dotted[3], dotted[4]]].map(([a, b]) => ((Number(a) << 8) | Number(b)).toString(16)).join(':')
    : text;
  const words = (s: string) => (s === '' ? [] : s.split(':').map((w) => parseInt(w, 16)));
  const double = hexText.indexOf('::');
  const left = words(double < 0 ? hexText : hexText.slice(0, double));
  const right = double < 0 ? [] : words(hexText.slice(double + 2));
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const out = new Uint8Array(16);
  all.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

/** RFC 5952 text: lower case, longest zero run (≥ 2 words) compressed. */
function compressIpv6(bytes: Uint8Array): string {
  const words = Array.from({length: 8}, (_, i) => (bytes[i * 2]! << 8) | bytes[i * 2 + 1]!);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export interface Cidr {
  network: string;
  prefix: number;
  family: IpFamily;
}

/** Parses `10.96.0.0/12`; undefined when not a CIDR. Host bits are checked by the rules, not here. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = canonicalIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (String(prefix) !== prefixText) return undefined; // "/012": Go's ParseCIDR refuses leading zeros too
  const family = ipFamily(ip);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  return {network: ip, prefix, family};
}

/** True when `cidr.network` has no bits set beyond the prefix. */
export function hostBitsClear(cidr: Cidr): boolean {
  const bytes = ipToBytes(cidr.network);
  return bytes.every((b, i) => {
    const keep = Math.max(0, Math.min(8, cidr.prefix - i * 8));
    return (b & (0xff >> keep)) === 0;
  });
}

/** The address at `index` inside the network (kubeadm's GetIndexedIP): index 1 is the `kubernetes` service IP. */
export function indexedIp(cidr: Cidr, index: number): string {
  const bytes = ipToBytes(cidr.network);
  let carry = index;
  for (let i = bytes.length - 1; i >= 0 && carry > 0; i--) {
    const sum = bytes[i]! + (carry & 0xff);
    bytes[i] = sum & 0xff;
    carry = (carry >>> 8) + (sum >> 8);
  }
  return bytesToIp(bytes);
}

/** The service subnet field may hold a dual-stack pair; the first CIDR decides the SAN, as in kubeadm. */
export function serviceCidrs(text: string): string[] {
  return text.split(',').map((s) => s.trim());
}

export function firstServiceIp(serviceSubnet: string): string | undefined {
  const cidr = parseCidr(serviceCidrs(serviceSubnet)[0] ?? '');
  return cidr ? indexedIp(cidr, 1) : undefined;
}

export interface HostPort {
  host: string;
  port?: number;
  /** Whether the host part is an IP address (then it becomes an IP SAN, else a DNS SAN). */
  isIp: boolean;
}

/** Splits `host`, `host:port`, `[v6]:port` or a bare IPv6 address. Undefined when malformed. */
export function splitHostPort(text: string): HostPort | undefined {
  let host = text;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
    // Only a plain IPv6 address may be bracketed: no IPv4, no zone ("[fe80::1%eth0]").
    if (isIP(host) !== 6 || canonicalIp(host) === undefined) return undefined;
  } else if (isIP(text) === 6) {
    host = text;
  } else if (text.includes(':')) {
    const i = text.lastIndexOf(':');
    host = text.slice(0, i);
    portText = text.slice(i + 1);
    // "2001:db8::1:2:6443" without brackets: the port cannot be told apart from the address.
    if (!/^\d+$/.test(portText) || host.includes(':')) return undefined;
  }
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535 || String(port) !== portText)) return undefined;
  const ip = canonicalIp(host);
  return {host: ip ?? host, port, isIp: ip !== undefined};
}

/** `https://host:port` with IPv6 hosts bracketed. */
export function httpsUrl(host: string, port: number): string {
  return `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

export type AddressClass = 'unspecified' | 'loopback' | 'multicast' | 'broadcast' | 'ipv4-mapped' | 'unicast';

/** What kind of address a canonical IP is; the rules refuse the ones that cannot identify a host. */
export function addressClass(ip: string): AddressClass {
  const b = ipToBytes(ip);
  if (b.every((x) => x === 0)) return 'unspecified';
  if (b.length === 4) {
    if (b.every((x) => x === 255)) return 'broadcast';
    if ((b[0]! & 0xf0) === 224) return 'multicast'; // 224.0.0.0/4
    return b[0] === 127 ? 'loopback' : 'unicast';
  }
  if (b[0] === 0xff) return 'multicast'; // ff00::/8
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return 'ipv4-mapped'; // ::ffff:0:0/96
  return b.slice(0, 15).every((x) => x === 0) && b[15] === 1 ? 'loopback' : 'unicast';
}

/** The dotted IPv4 inside an IPv4-mapped IPv6 address (`::ffff:a00:1` → `10.0.0.1`). */
export function mappedIpv4(ip: string): string {
  return bytesToIp(ipToBytes(ip).slice(12));
}

/** The network address of `ip/prefix` (host bits cleared): `10.96.0.1/12` → `10.96.0.0`. */
export function networkAddress(ip: string, prefix: number): string {
  const bytes = ipToBytes(ip).map((b, i) => b & (0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))));
  return bytesToIp(bytes);
}

/** How many addresses a prefix spans: 2^(32|128 − prefix). */
export function cidrSize(cidr: Cidr): number {
  return 2 ** ((cidr.family === 4 ? 32 : 128) - cidr.prefix);
}
