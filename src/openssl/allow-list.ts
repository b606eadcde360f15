// Defence in depth for everything the script and openssl.cnf files contain: plan validation already refused
// hostile text, but every value is checked again here, against allow-lists narrower than any quoting rule.

import {canonicalIp} from '../plan/net.js';

/** A value reached the emitter that must never be written into a script or a cnf file. */
export class UnsafeValueError extends Error {
  override name = 'UnsafeValueError';
  constructor(
    /** Where the value came from: `apiserver@cp-1 subject.cn`, `kubeconfig admin.conf@cp-1 server`. */
    readonly where: string,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`${where}: ${JSON.stringify(value.slice(0, 80))} ${rule}; nothing was emitted`);
  }
}

/** CN/O: the plan's user/group alphabet (ASCII letters, digits, `.`, `_`, `:`, `@`, `-`), 1–64 characters. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
/** kubeconfig cluster, user and context names: the same alphabet, no 64-character certificate limit. */
const KUBECONFIG_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,252}$/;
/** DNS SAN: lowercase LDH labels, a wildcard only as the whole leftmost label. */
const DNS = /^(?:\*\.)?[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
/** Spec ids, kubeconfig ids and relative tree paths: no spaces, quotes, `$`, `..` or leading `/`/`-`. */
const PATH = /^[A-Za-z0-9][A-Za-z0-9._@/-]*$/;
/** https://host:port with a DNS name, an IPv4 address or a bracketed IPv6 address. */
const URL_RE = /^https:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\]):[0-9]{1,5}$/;
/** Prose we write into `#` comments (catalog text): anything printable on one line, no control characters. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const COMMENT_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function checkName(value: string, where: string): string {
  if (!NAME.test(value)) throw new UnsafeValueError(where, value, "is not 1–64 of A–Z a–z 0–9 . _ : @ - (starting with a letter or digit)");
  return value;
}

export function checkKubeconfigName(value: string, where: string): string {
  if (!KUBECONFIG_NAME.test(value)) throw new UnsafeValueError(where, value, 'is not 1–253 of A–Z a–z 0–9 . _ : @ - (starting with a letter or digit)');
  return value;
}

export function checkDns(value: string, where: string): string {
  if (!DNS.test(value) || value.length > 253 || value.includes('..')) throw new UnsafeValueError(where, value, 'is not a lowercase DNS name');
  return value;
}

export function checkIp(value: string, where: string): string {
  if (canonicalIp(value) !== value) throw new UnsafeValueError(where, value, 'is not a canonical IP address');
  return value;
}

export function checkPath(value: string, where: string): string {
  if (!PATH.test(value) || value.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new UnsafeValueError(where, value, 'is not a plain relative path (A–Z a–z 0–9 . _ @ / -)');
  }
  return value;
}

export function checkUrl(value: string, where: string): string {
  const m = URL_RE.exec(value);
  const host = m ? value.slice('https://'.length, value.lastIndexOf(':')) : '';
  const ok = m && (host.startsWith('[') ? checkIpQuiet(host.slice(1, -1)) : checkIpQuiet(host) || DNS.test(host));
  if (!ok) throw new UnsafeValueError(where, value, 'is not an https://host:port URL');
  return value;
}

const checkIpQuiet = (ip: string): boolean => canonicalIp(ip) === ip;

export function checkComment(value: string, where: string): string {
  if (COMMENT_UNSAFE.test(value)) throw new UnsafeValueError(where, value, 'contains a control or line-breaking character');
  return value;
}

export function checkInteger(value: number, where: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new UnsafeValueError(where, String(value), 'is not a positive whole number');
  return value;
}
