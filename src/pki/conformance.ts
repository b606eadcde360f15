// Does a leaf certificate already on disk match its CertSpec? One answer for `generate` (keep, create, re-issue)
// and `check --plan`: the profile as rows in openssl's words, the signature of the expected authority, the key,
// and the time left. The openssl script compares the same rows (expectedRows) with what openssl prints.

import {X509Certificate} from 'node:crypto';
import {ipToBytes} from '../plan/net.js';
import {keyTypeName, readablePrivateKey} from '../x509/ca-facts.js';
import {OPENSSL_USAGE_WORDS} from '../x509/oids.js';
import {certMatchesKey, readProfile, type ReadProfile} from '../x509/profile.js';
import type {CertSpec} from './model.js';
import {BACKDATE_MS, profileOf, type Profile, type ProfileSpec} from './profile.js';
import {fillRule, ruleDate} from './reuse-rules.js';

/** A leaf that expires within this many days is re-issued by `generate` and a warning for `check`. */
export const WARN_DAYS = 30;

/** The fields compared, named as `openssl x509 -text` names them (SAN as in openssl.cnf). */
export const ROW_FIELDS = ['CN', 'O', 'SAN', 'Basic Constraints', 'Key Usage', 'Extended Key Usage', 'Public Key', 'Signature Algorithm', 'Validity'] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** One field's value as openssl prints it; SAN is its items joined by ", ". `none` stands for a missing field. */
export interface Row {
  field: RowField;
  value: string;
}

export const NONE = 'none';
export const SAN_SEPARATOR = ', ';

/** Every difference in words, {placeholders} filled the same way by both backends (the script gets them via dq). */
export const DIFFERENCE_WORDS = {
  differs: '{field} {expected} expected, found {found}',
  sanMissing: 'SAN {item} missing',
  sanExtra: 'SAN {item} not in the plan',
  unreadable: 'not a certificate OpenSSL can read',
  notSigned: 'not signed by {signer}',
  certMissing: 'certificate missing',
  keyMissing: 'key missing',
  keyUnreadable: 'key unreadable',
  keyMismatch: 'key does not match the certificate',
  expired: 'expired on {notAfter}',
  expiring: 'expires on {notAfter}, within {days} days',
} as const;

export interface Difference {
  /** A RowField, or `signature`, `key`, `certificate`, `expiry`. */
  field: string;
  text: string;
}

export type ConformanceStatus = 'keep' | 'create' | 'reissue-needed';

export interface Conformance {
  status: ConformanceStatus;
  differences: Difference[];
  /** Re-issue is due only because of time (expired or within the window): a renewal, not a contradiction. */
  renewal: boolean;
}

export interface ConformanceInput {
  spec: ProfileSpec & Pick<CertSpec, 'signer'>;
  /** The spec of the authority that signs it (its subject is the expected issuer). */
  issuer: Pick<CertSpec, 'subject'>;
  /** The certificate of that authority as this run will use it; undefined when the authority is new in this run. */
  authorityPem: string | undefined;
  /** The files found: undefined fields are missing files. */
  existing: {certPem?: string; keyPem?: string};
  now: Date;
  warnDays?: number;
}

/** `FD00:0:0:0:0:0:0:1`: an IP in the form `openssl x509 -ext subjectAltName` prints it. */
export function opensslIp(ip: string): string {
  const bytes = ipToBytes(ip);
  if (bytes.length === 4) return Array.from(bytes).join('.');
  return Array.from({length: 8}, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16).toUpperCase()).join(':');
}

const words = (usages: string[]) => usages.map((u) => OPENSSL_USAGE_WORDS[u] ?? u).join(', ');
const critical = (ext: {critical: boolean} | undefined, text: string) => (ext?.critical ? `critical, ${text}` : text);
const hoursText = (hours: number) => `${Math.round(hours)}h`;

/** A profile as rows; `keyText` is the public key as openssl words it (`rsa 2048 bit`). */
function profileRows(p: Profile, keyText: string, validityHours: number): Row[] {
  const values = (type: string) => p.subject.filter((e) => e.type === type).map((e) => e.value);
  const bc = p.basicConstraints;
  const san = p.san ? [...p.san.dns.map((d) => `DNS:${d}`), ...p.san.ips.map((ip) => `IP:${opensslIp(ip)}`), ...p.san.other] : [];
  const rows: Record<RowField, string> = {
    CN: values('CN').join(SAN_SEPARATOR) || NONE,
    O: values('O').join(SAN_SEPARATOR) || NONE,
    SAN: san.join(SAN_SEPARATOR) || NONE,
    'Basic Constraints': bc ? critical(bc, `CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLen === undefined ? '' : `, pathlen:${bc.pathLen}`}`) : NONE,
    'Key Usage': p.keyUsage ? critical(p.keyUsage, words(p.keyUsage.usages)) : NONE,
    'Extended Key Usage': p.extKeyUsage ? critical(p.extKeyUsage, words(p.extKeyUsage.usages)) : NONE,
    'Public Key': keyText,
    'Signature Algorithm': p.signatureAlgorithm,
    Validity: hoursText(validityHours),
  };
  return ROW_FIELDS.map((field) => ({field, value: rows[field]}));
}

const keyText = (type: string, bits: number) => (type === 'rsa' ? `rsa ${bits} bit` : type);

/** What a certificate of `spec` must show. */
export function expectedRows(spec: ProfileSpec, issuer: Pick<CertSpec, 'subject'>): Row[] {
  const profile = profileOf(spec, issuer);
  return profileRows(profile, keyText(profile.keyType, profile.keyBits), profile.validity.hours);
}

/** What a certificate read from disk shows. */
export function actualRows(read: ReadProfile, certPem: string): Row[] {
  const type = keyTypeName(new X509Certificate(certPem).publicKey);
  return profileRows(read, keyText(type, read.keyBits), (read.notAfter.getTime() - read.notBefore.getTime() - BACKDATE_MS) / 3600_000);
}

/** The rows that differ, in words: SAN item by item, every other field as a whole. */
export function rowDifferences(expected: Row[], actual: Row[]): Difference[] {
  const found = new Map(actual.map((r) => [r.field, r.value]));
  const out: Difference[] = [];
  for (const {field, value} of expected) {
    const got = found.get(field) ?? NONE;
    if (got === value) continue;
    if (field === 'SAN') {
      const items = (v: string) => (v === NONE ? [] : v.split(SAN_SEPARATOR));
      const want = items(value);
      const have = items(got);
      for (const item of want.filter((i) => !have.includes(i))) out.push({field, text: fillRule(DIFFERENCE_WORDS.sanMissing, {item})});
      for (const item of have.filter((i) => !want.includes(i))) out.push({field, text: fillRule(DIFFERENCE_WORDS.sanExtra, {item})});
      continue; // the same names in another order: not a difference anyone acts on
    }
    out.push({field, text: fillRule(DIFFERENCE_WORDS.differs, {field, expected: value, found: got})});
  }
  return out;
}

function signedBy(certPem: string, authorityPem: string): boolean {
  try {
    return new X509Certificate(certPem).verify(new X509Certificate(authorityPem).publicKey);
  } catch {
    return false;
  }
}

/** The verdict on one leaf: keep it, create it (nothing there), or re-issue it (each reason in words). */
export function conformance(input: ConformanceInput): Conformance {
  const {certPem, keyPem} = input.existing;
  if (certPem === undefined && keyPem === undefined) return {status: 'create', differences: [], renewal: false};
  const differences: Difference[] = [];
  const renewals: Difference[] = [];
  const say = (field: string, text: string, values: Record<string, string> = {}) => differences.push({field, text: fillRule(text, values)});
  if (certPem === undefined) say('certificate', DIFFERENCE_WORDS.certMissing);
  let read: ReadProfile | undefined;
  if (certPem !== undefined) {
    try {
      read = readProfile(certPem);
    } catch {
      say('certificate', DIFFERENCE_WORDS.unreadable);
    }
  }
  if (certPem !== undefined && read) {
    differences.push(...rowDifferences(expectedRows(input.spec, input.issuer), actualRows(read, certPem)));
    if (!input.authorityPem || !signedBy(certPem, input.authorityPem)) say('signature', DIFFERENCE_WORDS.notSigned, {signer: input.spec.signer});
    const days = input.warnDays ?? WARN_DAYS;
    const notAfter = ruleDate(read.notAfter);
    if (read.notAfter <= input.now) renewals.push({field: 'expiry', text: fillRule(DIFFERENCE_WORDS.expired, {notAfter})});
    else if (read.notAfter.getTime() - input.now.getTime() < days * 86_400_000) {
      renewals.push({field: 'expiry', text: fillRule(DIFFERENCE_WORDS.expiring, {notAfter, days: String(days)})});
    }
  }
  if (keyPem === undefined) say('key', DIFFERENCE_WORDS.keyMissing);
  else if (!readablePrivateKey(keyPem)) say('key', DIFFERENCE_WORDS.keyUnreadable);
  else if (certPem !== undefined && read && !safeMatch(certPem, keyPem)) say('key', DIFFERENCE_WORDS.keyMismatch);
  const all = [...differences, ...renewals];
  if (all.length === 0) return {status: 'keep', differences: [], renewal: false};
  return {status: 'reissue-needed', differences: all, renewal: differences.length === 0};
}

function safeMatch(certPem: string, keyPem: string): boolean {
  try {
    return certMatchesKey(certPem, keyPem);
  } catch {
    return false;
  }
}
