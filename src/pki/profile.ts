// The certificate profile as data: everything kubepki decides about a certificate (version, signature, names and
// their string type, each extension with its criticality, validity), from its spec. The native builder and the
// openssl.cnf writer render it; the reader returns the same shape, so a file compares to its spec field by field.

import {KEY_SHAPES, type KeyAlgorithm, type KeyShape} from '../plan/types.js';
import type {CertSpec, ExtUsage, Subject} from './model.js';

export interface NameEntry {
  /** `CN`, `O`, ... or the dotted OID of a type without a short name. */
  type: 'CN' | 'O' | (string & {});
  value: string;
  tag: 'UTF8String' | 'PrintableString' | (string & {});
}

export type ExtensionName =
  | 'basicConstraints'
  | 'keyUsage'
  | 'extKeyUsage'
  | 'subjectAltName'
  | 'subjectKeyIdentifier'
  | 'authorityKeyIdentifier'
  | (string & {});

/** What a certificate is, as far as anyone decides it: the fields a spec fixes and a reader finds. */
export interface Profile {
  version: number;
  signatureAlgorithm: string;
  /** In DER order; multi-valued RDNs are flattened. */
  subject: NameEntry[];
  issuer: NameEntry[];
  keyType: KeyShape['type'] | (string & {});
  /** RSA: the modulus size; EC: the curve's size (256 for P-256). */
  keyBits: number;
  /** Every extension in certificate order. */
  extensions: {name: ExtensionName; critical: boolean}[];
  basicConstraints?: {critical: boolean; ca: boolean; pathLen?: number};
  keyUsage?: {critical: boolean; usages: string[]};
  extKeyUsage?: {critical: boolean; usages: string[]};
  /** `other` holds any non-DNS, non-IP names as `email:…`, `URI:…`, `othername:<oid>`, ... */
  san?: {critical: boolean; dns: string[]; ips: string[]; other: string[]};
  /** The forms the authorityKeyIdentifier carries (its value depends on the issuer's key). */
  authorityKeyId?: {keyId: boolean; issuerSerial: boolean};
}

/** A spec's profile, plus the validity rule: how long, and how far notBefore lies before the run's start. */
export interface CertProfile extends Profile {
  validity: {hours: number; backdateMs: number};
  /** The hash the signature uses (the signature algorithm's). */
  digest: 'sha256' | 'sha384';
}

/** kubeadm (1.31+) starts every certificate 5 minutes before the run, so a node with a slightly late clock accepts it. */
export const BACKDATE_MS = 5 * 60_000;

/** The signature a CA with each key algorithm makes, as Go's crypto/x509 (kubeadm) picks it: SHA-256 for every RSA
 *  size, and for ECDSA the hash that matches the curve (P-256 → SHA-256, P-384 → SHA-384). */
const SIGNATURES: Record<KeyAlgorithm, {name: string; digest: CertProfile['digest']}> = {
  'RSA-2048': {name: 'sha256WithRSAEncryption', digest: 'sha256'},
  'RSA-3072': {name: 'sha256WithRSAEncryption', digest: 'sha256'},
  'RSA-4096': {name: 'sha256WithRSAEncryption', digest: 'sha256'},
  'ECDSA-P256': {name: 'ecdsa-with-SHA256', digest: 'sha256'},
  'ECDSA-P384': {name: 'ecdsa-with-SHA384', digest: 'sha384'},
};

/** The hash a signature algorithm uses (renewal keeps an existing certificate's algorithm). */
export const digestOf = (signatureAlgorithm: string): CertProfile['digest'] | undefined =>
  Object.values(SIGNATURES).find((s) => s.name === signatureAlgorithm)?.digest;

/**
 * keyUsage by key type and role. RSA follows kubeadm's NewSignedCert (digitalSignature + keyEncipherment, and
 * keyCertSign on a CA). keyEncipherment means "this key decrypts a key sent to it", which only an RSA key can do
 * (RFC 5480 section 3; Go's own generate_cert.go sets it for RSA only), so EC keys carry digitalSignature alone.
 */
const KEY_USAGES: Record<KeyShape['type'], {leaf: string[]; ca: string[]}> = {
  rsa: {leaf: ['digitalSignature', 'keyEncipherment'], ca: ['digitalSignature', 'keyEncipherment', 'keyCertSign']},
  ec: {leaf: ['digitalSignature'], ca: ['digitalSignature', 'keyCertSign']},
};

/** Every name is a UTF8String: safe for every character a plan allows, so both backends follow one rule. */
const STRING_TYPE = 'UTF8String';

export const nameEntries = (s: Subject): NameEntry[] => [
  ...s.o.map((value): NameEntry => ({type: 'O', value, tag: STRING_TYPE})),
  {type: 'CN', value: s.cn, tag: STRING_TYPE},
];

export type ProfileSpec = Pick<CertSpec, 'subject' | 'isCA' | 'usages' | 'sans' | 'keyAlgorithm' | 'validityHours'>;

/** The complete profile of a certificate of `spec`, signed by `issuer` (the spec itself for a CA): the issuer's key
 *  decides the signature, the subject's key the key usages. */
export function profileOf(spec: ProfileSpec, issuer: Pick<CertSpec, 'subject' | 'keyAlgorithm'>): CertProfile {
  const leaf = !spec.isCA;
  const hasSans = spec.sans.dns.length + spec.sans.ips.length > 0;
  const usages: ExtUsage[] = leaf ? spec.usages : []; // Go passes EKUs down the chain: a CA carries none
  const extensions: Profile['extensions'] = [
    {name: 'basicConstraints', critical: true},
    {name: 'keyUsage', critical: true},
    ...(usages.length > 0 ? [{name: 'extKeyUsage', critical: false}] : []),
    ...(hasSans ? [{name: 'subjectAltName', critical: false}] : []),
    // kubeadm: a subject key identifier on CAs only, and on leaves an authority key identifier = the CA's.
    leaf ? {name: 'authorityKeyIdentifier', critical: false} : {name: 'subjectKeyIdentifier', critical: false},
  ];
  const signature = SIGNATURES[issuer.keyAlgorithm];
  const key = KEY_SHAPES[spec.keyAlgorithm];
  return {
    version: 3,
    signatureAlgorithm: signature.name,
    digest: signature.digest,
    subject: nameEntries(spec.subject),
    issuer: nameEntries(issuer.subject),
    keyType: key.type,
    keyBits: key.bits,
    extensions,
    basicConstraints: {critical: true, ca: spec.isCA},
    keyUsage: {critical: true, usages: KEY_USAGES[key.type][leaf ? 'leaf' : 'ca']},
    ...(usages.length > 0 ? {extKeyUsage: {critical: false, usages}} : {}),
    ...(hasSans ? {san: {critical: false, dns: spec.sans.dns, ips: spec.sans.ips, other: []}} : {}),
    ...(leaf ? {authorityKeyId: {keyId: true, issuerSerial: false}} : {}),
    validity: {hours: spec.validityHours, backdateMs: BACKDATE_MS},
  };
}

export const hasExtension = (p: Profile, name: ExtensionName): boolean => p.extensions.some((e) => e.name === name);
