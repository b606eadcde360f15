// Any certificate PEM -> a comparable Profile, without node-forge (the input may be untrusted):
// node:crypto's X509Certificate parses and gives the key; our DER reader gives string tags, raw
// names, criticality and extension order. compareProfiles drives the native-vs-openssl test.

import {X509Certificate, createPrivateKey, type KeyObject} from 'node:crypto';
import {bytesToIp} from '../plan/net.js';
import {DerError, TAG, childrenOf, expectTag, parseNested, readBitString, readBoolean, readInteger, readOctetString, readOid, readSmallInt, readTime, toHex} from './der.js';
import {EXTENSIONS, EXT_KEY_USAGES, KEY_USAGE_BITS, NAME_ATTRIBUTES, OID, SIGNATURE_ALGORITHMS, nameOf} from './oids.js';
import {pemToDer} from './pem.js';
import {readName, readStructure, type RawExtension, type RawNameAttribute} from './structure.js';
import type {CertProfile, NameEntry, Profile} from '../pki/profile.js';

export type {NameEntry, Profile} from '../pki/profile.js';

/** A certificate read from bytes: its profile, and the per-certificate values no spec decides. */
export interface ReadProfile extends Profile {
  serialHex: string;
  serialPositive: boolean;
  subjectDerHex: string;
  issuerDerHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Every extension in certificate order with its OID, duplicates included. The typed fields read the first. */
  extensions: {oid: string; name: string; critical: boolean}[];
  skiHex?: string;
  akiKeyIdHex?: string;
}

/** `parsed`: the same certificate already opened by the caller (check opens hundreds; each parse costs). */
export function readProfile(pem: string, parsed?: X509Certificate): ReadProfile {
  const der = pemToDer(pem);
  let x509: X509Certificate;
  try {
    x509 = parsed ?? new X509Certificate(der);
  } catch (err) {
    throw new DerError(`not a certificate OpenSSL can read: ${(err as Error).message}`);
  }
  const s = readStructure(der);
  // Go refuses a certificate whose two signature algorithm fields disagree; so do we.
  if (s.tbsSignatureOid !== s.signatureOid) throw new DerError('inner and outer signature algorithms differ');
  const serial = readInteger(s.serial, 'serialNumber');
  const key = x509.publicKey;
  const profile: ReadProfile = {
    version: s.version,
    serialHex: toHex(serial),
    serialPositive: (serial[0]! & 0x80) === 0 && serial.some((b) => b !== 0),
    signatureAlgorithm: nameOf(SIGNATURE_ALGORITHMS, s.signatureOid),
    subject: readName(s.subject, 'subject').map((a, i) => nameEntry(a, `subject[${i}]`)),
    issuer: readName(s.issuer, 'issuer').map((a, i) => nameEntry(a, `issuer[${i}]`)),
    subjectDerHex: toHex(s.subject.bytes),
    issuerDerHex: toHex(s.issuer.bytes),
    notBefore: readTime(s.notBefore, 'notBefore'),
    notAfter: readTime(s.notAfter, 'notAfter'),
    keyType: key.asymmetricKeyType ?? 'unknown',
    keyBits: keyBits(key.asymmetricKeyType, key.asymmetricKeyDetails),
    extensions: s.extensions.map((e) => ({oid: e.oid, name: nameOf(EXTENSIONS, e.oid), critical: e.critical})),
  };
  const first = (oid: string) => s.extensions.find((e) => e.oid === oid);
  const bc = first(OID.basicConstraints);
  if (bc) profile.basicConstraints = {critical: bc.critical, ...basicConstraints(bc)};
  const ku = first(OID.keyUsage);
  if (ku) profile.keyUsage = {critical: ku.critical, usages: keyUsage(ku)};
  const eku = first(OID.extKeyUsage);
  if (eku) profile.extKeyUsage = {critical: eku.critical, usages: extKeyUsage(eku)};
  const san = first(OID.subjectAltName);
  if (san) profile.san = {critical: san.critical, ...altNames(san)};
  const ski = first(OID.subjectKeyIdentifier);
  if (ski) profile.skiHex = toHex(readOctetString(nested(ski), 'subjectKeyIdentifier'));
  const aki = first(OID.authorityKeyIdentifier);
  if (aki) Object.assign(profile, authorityKeyId(aki));
  return profile;
}

/** True when `keyPem` is the private key of the certificate. Unreadable input throws rather than returning false. */
export function certMatchesKey(certPem: string | X509Certificate, keyPem: string | KeyObject): boolean {
  return (typeof certPem === 'string' ? new X509Certificate(certPem) : certPem).checkPrivateKey(typeof keyPem === 'string' ? createPrivateKey(keyPem) : keyPem);
}

/** Whether `ca` really signed `cert`: the names chain and the signature verifies with the CA's key. */
export function issuedBy(cert: X509Certificate, ca: X509Certificate): boolean {
  try {
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

const STRING_TAGS: Readonly<Record<number, string>> = {
  [TAG.UTF8_STRING]: 'UTF8String',
  0x12: 'NumericString',
  [TAG.PRINTABLE_STRING]: 'PrintableString',
  [TAG.TELETEX_STRING]: 'TeletexString',
  [TAG.IA5_STRING]: 'IA5String',
  0x1a: 'VisibleString',
  [TAG.UNIVERSAL_STRING]: 'UniversalString',
  [TAG.BMP_STRING]: 'BMPString',
};

function nameEntry(a: RawNameAttribute, what: string): NameEntry {
  return {type: nameOf(NAME_ATTRIBUTES, a.oid), value: decodeString(a.tag, a.content, what), tag: STRING_TAGS[a.tag] ?? `tag-0x${a.tag.toString(16)}`};
}

/** Text of a directory string. PrintableString's character set is not enforced: reporting it is the caller's job. */
function decodeString(tag: number, bytes: Uint8Array, what: string): string {
  const buf = Buffer.from(bytes);
  switch (tag) {
    case TAG.UTF8_STRING:
      try {
        return new TextDecoder('utf-8', {fatal: true}).decode(buf);
      } catch {
        throw new DerError(`${what}: invalid UTF-8`);
      }
    case TAG.BMP_STRING:
      if (buf.length % 2 !== 0) throw new DerError(`${what}: BMPString of odd length`);
      return Buffer.from(buf).swap16().toString('utf16le');
    case TAG.UNIVERSAL_STRING: {
      if (buf.length % 4 !== 0) throw new DerError(`${what}: UniversalString length is not a multiple of 4`);
      const points = Array.from({length: buf.length / 4}, (_, i) => buf.readUInt32BE(i * 4));
      if (points.some((p) => p > 0x10ffff || (p >= 0xd800 && p <= 0xdfff))) throw new DerError(`${what}: invalid UniversalString`);
      return String.fromCodePoint(...points);
    }
    default:
      return STRING_TAGS[tag] ? buf.toString('latin1') : `#${buf.toString('hex')}`;
  }
}

const CURVE_BITS: Readonly<Record<string, number>> = {prime256v1: 256, secp384r1: 384, secp521r1: 521};

function keyBits(type: string | undefined, details: {modulusLength?: number; namedCurve?: string} | undefined): number {
  if (details?.modulusLength) return details.modulusLength;
  if (details?.namedCurve) return CURVE_BITS[details.namedCurve] ?? 0;
  return type === 'ed25519' || type === 'x25519' ? 256 : type === 'ed448' ? 456 : 0;
}

const nested = (e: RawExtension) => parseNested(e.value, e.node, nameOf(EXTENSIONS, e.oid));

function basicConstraints(e: RawExtension): {ca: boolean; pathLen?: number} {
  const parts = childrenOf(expectTag(nested(e), TAG.SEQUENCE, 'basicConstraints'), 'basicConstraints');
  let i = 0;
  let ca = false;
  if (parts[i]?.tag === TAG.BOOLEAN) ca = readBoolean(parts[i++], 'basicConstraints.cA');
  const out: {ca: boolean; pathLen?: number} = {ca};
  if (parts[i]) out.pathLen = readSmallInt(parts[i++], 'basicConstraints.pathLenConstraint');
  if (i !== parts.length) throw new DerError('basicConstraints: trailing elements');
  return out;
}

export function keyUsage(e: RawExtension): string[] {
  const {bytes, unused} = readBitString(nested(e), 'keyUsage');
  const out: string[] = [];
  for (let bit = 0; bit < bytes.length * 8 - unused; bit++) {
    if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) out.push(KEY_USAGE_BITS[bit] ?? `bit${bit}`);
  }
  return out;
}

export function extKeyUsage(e: RawExtension): string[] {
  const seq = expectTag(nested(e), TAG.SEQUENCE, 'extKeyUsage');
  return childrenOf(seq, 'extKeyUsage').map((n, i) => nameOf(EXT_KEY_USAGES, readOid(n, `extKeyUsage[${i}]`)));
}

export function altNames(e: RawExtension): {dns: string[]; ips: string[]; other: string[]} {
  const out = {dns: [] as string[], ips: [] as string[], other: [] as string[]};
  const seq = expectTag(nested(e), TAG.SEQUENCE, 'subjectAltName');
  childrenOf(seq, 'subjectAltName').forEach((gn, i) => {
    const text = () => Buffer.from(gn.content).toString('latin1');
    switch (gn.tag) {
      case 0x82:
        out.dns.push(text());
        break;
      case 0x87:
        // Go refuses any other length; so do we rather than print something misleading.
        if (gn.content.length !== 4 && gn.content.length !== 16) throw new DerError(`subjectAltName[${i}]: IP address of ${gn.content.length} bytes`);
        out.ips.push(bytesToIp(gn.content));
        break;
      case 0x81:
        out.other.push(`email:${text()}`);
        break;
      case 0x86:
        out.other.push(`URI:${text()}`);
        break;
      case 0xa0:
        out.other.push(`othername:${readOid(childrenOf(gn, `subjectAltName[${i}]`)[0], `subjectAltName[${i}]`)}`);
        break;
      default:
        out.other.push(`tag-0x${gn.tag.toString(16)}:${toHex(gn.content)}`);
    }
  });
  return out;
}

function authorityKeyId(e: RawExtension): Pick<ReadProfile, 'akiKeyIdHex' | 'authorityKeyId'> {
  const parts = childrenOf(expectTag(nested(e), TAG.SEQUENCE, 'authorityKeyIdentifier'), 'authorityKeyIdentifier');
  const keyId = parts.find((p) => p.tag === 0x80);
  const out: Pick<ReadProfile, 'akiKeyIdHex' | 'authorityKeyId'> = {
    authorityKeyId: {keyId: keyId !== undefined, issuerSerial: parts.some((p) => p.tag === 0xa1 || p.tag === 0x82)},
  };
  if (keyId) out.akiKeyIdHex = toHex(keyId.content);
  return out;
}

export interface CompareOptions {
  /** Allowed difference in notBefore and in validity length; default 2 minutes. */
  validityToleranceMs?: number;
}

/** Differences in what a spec decides, one line each naming the field: `subject[0].tag: UTF8String vs PrintableString`. */
export function profileDifferences(a: Profile, b: Profile): string[] {
  const out: string[] = [];
  const same = (field: string, x: unknown, y: unknown) => {
    const fx = show(x);
    const fy = show(y);
    if (fx !== fy) out.push(`${field}: ${fx} vs ${fy}`);
  };
  same('version', a.version, b.version);
  same('signatureAlgorithm', a.signatureAlgorithm, b.signatureAlgorithm);
  for (const field of ['subject', 'issuer'] as const) {
    same(`${field}.length`, a[field].length, b[field].length);
    for (let i = 0; i < Math.min(a[field].length, b[field].length); i++) {
      for (const k of ['type', 'value', 'tag'] as const) same(`${field}[${i}].${k}`, a[field][i]![k], b[field][i]![k]);
    }
  }
  same('keyType', a.keyType, b.keyType);
  same('keyBits', a.keyBits, b.keyBits);
  const extList = (p: Profile) => p.extensions.map((e) => `${e.name}${e.critical ? '(critical)' : ''}`);
  same('extensions', extList(a), extList(b));
  same('basicConstraints', a.basicConstraints, b.basicConstraints);
  same('keyUsage', a.keyUsage, b.keyUsage);
  same('extKeyUsage', a.extKeyUsage, b.extKeyUsage);
  if (a.san && b.san) {
    for (const k of ['critical', 'dns', 'ips', 'other'] as const) same(`san.${k}`, a.san[k], b.san[k]);
  } else same('san', a.san, b.san);
  same('authorityKeyIdentifier', a.authorityKeyId ?? 'absent', b.authorityKeyId ?? 'absent');
  return out;
}

/** A certificate read from disk against the profile of its spec: what a spec decides, and its validity length. */
export function differencesFromSpec(actual: ReadProfile, expected: CertProfile, toleranceMs = 2 * 60_000): string[] {
  const out = profileDifferences(actual, expected);
  const hours = (actual.notAfter.getTime() - actual.notBefore.getTime() - expected.validity.backdateMs) / 3600_000;
  if (Math.abs(hours - expected.validity.hours) * 3600_000 > toleranceMs) out.push(`validity: ${hours}h vs ${expected.validity.hours}h`);
  return out;
}

/**
 * The differences that matter between two certificates of the same spec (two backends' output, say): what the spec
 * decides, plus the serial's sign, the exact name bytes and the validity window. Serial, signature, key and
 * key-identifier VALUES are expected to differ and are ignored.
 */
export function compareProfiles(a: ReadProfile, b: ReadProfile, opts: CompareOptions = {}): string[] {
  const tolerance = opts.validityToleranceMs ?? 2 * 60_000;
  const out = profileDifferences(a, b);
  if (a.serialPositive !== b.serialPositive) out.push(`serialPositive: ${a.serialPositive} vs ${b.serialPositive}`);
  // Same attributes but different bytes: RDN grouping or order differs (reported only when the attributes agree).
  for (const name of ['subject', 'issuer'] as const) {
    const field = `${name}DerHex` as const;
    const attributesDiffer = out.some((l) => l.startsWith(`${name}[`) || l.startsWith(`${name}.length`));
    if (!attributesDiffer && a[field] !== b[field]) out.push(`${field}: ${a[field]} vs ${b[field]}`);
  }
  const length = (p: ReadProfile) => p.notAfter.getTime() - p.notBefore.getTime();
  if (Math.abs(length(a) - length(b)) > tolerance) out.push(`validity: ${length(a) / 1000}s vs ${length(b) / 1000}s`);
  if (Math.abs(a.notBefore.getTime() - b.notBefore.getTime()) > tolerance) {
    out.push(`notBefore: ${a.notBefore.toISOString()} vs ${b.notBefore.toISOString()}`);
  }
  const presence = (v: unknown) => (v === undefined ? 'absent' : 'present');
  if (presence(a.skiHex) !== presence(b.skiHex)) out.push(`subjectKeyIdentifier: ${presence(a.skiHex)} vs ${presence(b.skiHex)}`);
  return out;
}

function show(v: unknown): string {
  if (v === undefined) return 'absent';
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')}}`;
  }
  return String(v);
}
