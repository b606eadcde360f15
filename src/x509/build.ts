// Native certificate builder: renders a certificate profile (pki/profile.ts) as DER with our own writer
// (der-writer.ts) and signs it with node:crypto. The subject's key goes in as its SPKI (spki.ts: node:crypto's bytes,
// made in a tenth of the time), so RSA and EC keys take the same path; the issuer name is the CA's subject, byte for byte.

import {X509Certificate, createHash, createPrivateKey, createPublicKey, sign, type KeyObject} from 'node:crypto';
import type {CertProfile, NameEntry} from '../pki/profile.js';
import {canonicalIp, ipToBytes} from '../plan/net.js';
import {TAG, parseDer} from './der.js';
import * as der from './der-writer.js';
import {EXT_KEY_USAGES, EXTENSIONS, KEY_USAGE_BITS, OID, SIGNATURE_ALGORITHMS} from './oids.js';
import {derToPem, pemToDer} from './pem.js';
import {readProfile} from './profile.js';
import {randomSerial} from './serial.js';
import {spkiDer} from './spki.js';
import {readStructure, subjectKeyId, subjectPublicKeyBytes} from './structure.js';

export interface BuildIssuer {
  certPem: string;
  privateKeyPem: string;
}

export interface BuildInput {
  /** What the certificate is: pki/profile.ts's profileOf(spec, issuer). */
  profile: CertProfile;
  /** The subject's public key (SPKI PEM; a private key PEM also works), or that key already read by node:crypto:
   *  a caller holding the KeyObject saves a PEM decode per certificate, which OpenSSL 3 makes slow. */
  publicKeyPem: string | KeyObject;
  /** The caller computes both (kubeadm: start − 5 min, start + validity); sub-second parts are dropped. */
  notBefore: Date;
  notAfter: Date;
  /** 'self' for a self-signed CA, which `signingKeyPem` then signs. */
  issuer: BuildIssuer | 'self';
  /** The CA's own private key (PEM or KeyObject), used only with issuer 'self' (ignored otherwise). */
  signingKeyPem?: string | KeyObject;
}

/** ASN.1 string tags by the names profiles use. */
const STRING_TAG: Record<string, number> = {UTF8String: TAG.UTF8_STRING, PrintableString: TAG.PRINTABLE_STRING};
const NAME_OID: Record<string, string> = {CN: OID.commonName, O: OID.organizationName};
const MAX_NAME_CHARS = 64; // ub-common-name / ub-organization-name; OpenSSL refuses longer names

/** node:crypto's name for each curve a profile may ask for, by its size. */
const CURVES: Readonly<Record<number, string>> = {256: 'prime256v1', 384: 'secp384r1'};

/** Which key signs each signature algorithm, and whether its AlgorithmIdentifier carries NULL parameters
 *  (RSA: NULL, RFC 4055; ECDSA: absent, RFC 5758 — Go and OpenSSL refuse the other form). */
const SIGNERS: Readonly<Record<string, {keyType: 'rsa' | 'ec'; nullParams: boolean}>> = {
  sha256WithRSAEncryption: {keyType: 'rsa', nullParams: true},
  'ecdsa-with-SHA256': {keyType: 'ec', nullParams: false},
  'ecdsa-with-SHA384': {keyType: 'ec', nullParams: false},
};

/** The AlgorithmIdentifier of a signature algorithm, with or without NULL parameters as SIGNERS says (certificates
 *  and certificate requests alike). */
export function signatureAlgorithmDer(name: string): Uint8Array {
  const signature = SIGNERS[name];
  if (!signature) throw new Error(`unknown signature algorithm ${JSON.stringify(name)}`);
  return der.sequence(der.oid(oidOf(SIGNATURE_ALGORITHMS, name, 'signature algorithm')), ...(signature.nullParams ? [der.nullValue()] : []));
}

export function buildCertificate(input: BuildInput): string {
  const {profile} = input;
  const isCA = profile.basicConstraints?.ca === true;
  const notBefore = wholeSeconds(input.notBefore, 'notBefore');
  const notAfter = wholeSeconds(input.notAfter, 'notAfter');
  if (notAfter <= notBefore) throw new Error(`notAfter ${notAfter.toISOString()} is not after notBefore ${notBefore.toISOString()}`);
  const subjectKey = profileKey(input.publicKeyPem, profile);
  const subject = nameDer(profile.subject);
  const signer = resolveSigner(input, subjectKey);
  const signature = SIGNERS[profile.signatureAlgorithm];
  if (!signature) throw new Error(`unknown signature algorithm ${JSON.stringify(profile.signatureAlgorithm)}`);
  if (signer.key.asymmetricKeyType !== signature.keyType) {
    throw new Error(`a ${signer.key.asymmetricKeyType ?? 'unknown'} key cannot make a ${profile.signatureAlgorithm} signature`);
  }
  const algorithm = signatureAlgorithmDer(profile.signatureAlgorithm);
  const ski = isCA ? subjectKeyIdentifier(subjectKey) : undefined;
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(profile.version - 1)),
    der.unsignedInteger(randomSerial()),
    algorithm,
    signer.issuerNameDer ?? subject,
    der.sequence(der.time(notBefore), der.time(notAfter)),
    subject,
    spkiDer(subjectKey),
    der.explicit(3, der.sequence(...extensions(profile, ski, signer.authorityKeyId))),
  );
  const value = sign(profile.digest, tbs, signer.key);
  return derToPem(der.sequence(tbs, algorithm, der.bitString(value)));
}

interface Signer {
  key: KeyObject;
  /** The CA subject's DER, which the issuer field must equal byte for byte (Go chains on raw bytes); unset when self-signed. */
  issuerNameDer?: Uint8Array;
  authorityKeyId?: Uint8Array;
}

/** Issuers already checked, by their PEM pair: a CA signs thousands of leaves in a large plan, and checking it
 *  (three parses and a key match) each time was most of the time per leaf. Bounded, as a run has at most three. */
const checkedIssuers = new Map<string, Signer>();
const MAX_CHECKED_ISSUERS = 16;

function resolveSigner(input: BuildInput, subjectKey: KeyObject): Signer {
  if (input.issuer === 'self') {
    if (input.profile.basicConstraints?.ca !== true) throw new Error('only a CA can be self-signed here (basicConstraints cA is not true)');
    if (input.signingKeyPem === undefined) throw new Error("issuer 'self' needs signingKeyPem, the CA's own private key");
    const key = readKey(input.signingKeyPem, 'signingKeyPem', true);
    if (!createPublicKey(key).equals(subjectKey)) throw new Error('signingKeyPem is not the private key of publicKeyPem');
    return {key};
  }
  // signingKeyPem is ignored here: a leaf is signed by issuer.privateKeyPem, never by its own key.
  const cacheKey = `${input.issuer.certPem}\0${input.issuer.privateKeyPem}`;
  const known = checkedIssuers.get(cacheKey);
  if (known) return known;
  const signer = checkIssuer(input.issuer);
  if (checkedIssuers.size >= MAX_CHECKED_ISSUERS) checkedIssuers.clear();
  checkedIssuers.set(cacheKey, signer);
  return signer;
}

function checkIssuer(issuer: BuildIssuer): Signer {
  // node:crypto (OpenSSL) decides what it can: that it parses, is a CA and owns the key.
  const ca = new X509Certificate(issuer.certPem);
  if (!ca.ca) throw new Error(`issuer ${oneLine(ca.subject)} is not a CA (basicConstraints cA is not true)`);
  const key = readKey(issuer.privateKeyPem, 'issuer.privateKeyPem', true);
  if (!ca.checkPrivateKey(key)) throw new Error(`issuer.privateKeyPem is not the key of CA ${oneLine(ca.subject)}`);
  const profile = readProfile(issuer.certPem);
  if (profile.keyUsage && !profile.keyUsage.usages.includes('keyCertSign')) {
    throw new Error(`CA ${oneLine(ca.subject)} has no keyCertSign key usage; Go would refuse what it signs`);
  }
  // Our DER reader gives the raw subject and SKI (the CA may one day be the user's).
  const structure = readStructure(pemToDer(issuer.certPem));
  const ski = subjectKeyId(structure.extensions);
  if (!ski || ski.length === 0) {
    throw new Error(`CA ${oneLine(ca.subject)} has no subjectKeyIdentifier; leaves need it as their authorityKeyIdentifier`);
  }
  return {key, issuerNameDer: structure.subject.bytes, authorityKeyId: ski};
}

/** The profile's names in its order (each O, then the CN, as kubeadm writes them), one attribute per RDN. */
export function nameDer(names: NameEntry[]): Uint8Array {
  return der.sequence(...names.map((n, i) => {
    const what = `subject[${i}] (${n.type})`;
    const type = NAME_OID[n.type];
    const tag = STRING_TAG[n.tag];
    if (!type || tag === undefined) throw new Error(`${what}: cannot write a ${n.tag} ${n.type}`);
    checkNameValue(n.value, what);
    return der.set(der.sequence(der.oid(type), der.directoryString(tag, n.value)));
  }));
}

function checkNameValue(value: string, what: string): void {
  const chars = [...value].length;
  if (chars === 0) throw new Error(`${what} is empty`);
  if (chars > MAX_NAME_CHARS) throw new Error(`${what} has ${chars} characters; at most ${MAX_NAME_CHARS} fit (OpenSSL refuses longer)`);
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new Error(`${what} contains a control character`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new Error(`${what} is not well-formed Unicode`);
  }
}

/** The profile's extensions in its order; each at most once (Go refuses duplicates), with the criticality it says. */
function extensions(profile: CertProfile, ski: Uint8Array | undefined, aki: Uint8Array | undefined): Uint8Array[] {
  const required = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`internal: the profile lists ${name} without its value`);
    return value;
  };
  const render: Record<string, () => Uint8Array> = {
    // cA TRUE on CAs; on leaves an empty SEQUENCE (DER omits the DEFAULT FALSE).
    basicConstraints: () => {
      const bc = required(profile.basicConstraints, 'basicConstraints');
      if (bc.pathLen !== undefined) throw new Error('internal: pathLenConstraint is not written');
      return bc.ca ? der.sequence(der.boolean(true)) : der.sequence();
    },
    keyUsage: () => keyUsageBits(required(profile.keyUsage, 'keyUsage').usages.map((u) => {
      const bit = KEY_USAGE_BITS.indexOf(u);
      if (bit < 0) throw new Error(`unknown key usage ${JSON.stringify(u)}`);
      return bit;
    })),
    extKeyUsage: () => {
      const usages = required(profile.extKeyUsage, 'extKeyUsage').usages;
      if (new Set(usages).size !== usages.length) throw new Error(`usages ${usages.join(', ')} repeat a value`);
      return der.sequence(...usages.map((u) => der.oid(oidOf(EXT_KEY_USAGES, u, 'extended key usage'))));
    },
    subjectAltName: () => der.sequence(...generalNames(required(profile.san, 'subjectAltName'))),
    subjectKeyIdentifier: () => der.octetString(required(ski, 'subjectKeyIdentifier')),
    // keyIdentifier [0] only: issuer name + serial would pin the leaf to one CA certificate.
    authorityKeyIdentifier: () => {
      if (profile.authorityKeyId?.issuerSerial) throw new Error('internal: an authority key identifier with issuer and serial is not written');
      return der.sequence(der.implicit(0, required(aki, 'authorityKeyIdentifier')));
    },
  };
  const seen = new Set<string>();
  return profile.extensions.map(({name, critical}) => {
    const make = render[name];
    if (!make) throw new Error(`internal: no way to write the extension ${name}`);
    if (seen.has(name)) throw new Error(`internal: extension ${name} twice`);
    seen.add(name);
    // critical FALSE is the DEFAULT, so DER leaves it out.
    return der.sequence(der.oid(oidOf(EXTENSIONS, name, 'extension')), ...(critical ? [der.boolean(true)] : []), der.octetString(make()));
  });
}

/** The OID a table names `name` by (the tables map OID → name). */
function oidOf(table: Readonly<Record<string, string>>, name: string, what: string): string {
  const oid = Object.keys(table).find((k) => table[k] === name);
  if (!oid) throw new Error(`unknown ${what} ${JSON.stringify(name)}`);
  return oid;
}

/** DER BIT STRING of named bits: trailing zero bits dropped and counted as unused. */
function keyUsageBits(bits: number[]): Uint8Array {
  const top = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(top / 8) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  return der.bitString(bytes, 7 - (top & 7));
}

/** DNS names then IPs, in the given order; IPs as 4/16 raw bytes from net.ts. */
function generalNames(sans: {dns: string[]; ips: string[]; other: string[]}): Uint8Array[] {
  if (sans.other.length > 0) throw new Error(`internal: only DNS and IP names are written, not ${sans.other.join(', ')}`);
  const dns = sans.dns.map((name, i) => {
    // dNSName is an IA5String: printable ASCII only (IDNs arrive as A-labels).
    if (!/^[\x21-\x7e]{1,253}$/.test(name)) throw new Error(`sans.dns[${i}] ${JSON.stringify(name)} is not an ASCII DNS name`);
    return der.implicit(2, Buffer.from(name, 'latin1'));
  });
  const ips = sans.ips.map((ip, i) => {
    if (canonicalIp(ip) === undefined) throw new Error(`sans.ips[${i}] ${JSON.stringify(ip)} is not an IP address`);
    const bytes = ipToBytes(ip);
    if (bytes.length === 16 && bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
      throw new Error(`sans.ips[${i}] ${ip} is IPv4-mapped; Go refuses such SANs, use the IPv4 address`);
    }
    return der.implicit(7, bytes);
  });
  return [...dns, ...ips];
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes (for RSA, the DER RSAPublicKey). */
export function subjectKeyIdentifier(publicKey: KeyObject | string): Buffer {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const spki = parseDer(spkiDer(key), 'subjectPublicKeyInfo');
  return createHash('sha1').update(subjectPublicKeyBytes(spki)).digest();
}

function readKey(pem: string | KeyObject, what: string, isPrivate = false): KeyObject {
  let key: KeyObject;
  try {
    if (typeof pem !== 'string') {
      if (isPrivate && pem.type !== 'private') throw new Error(`a ${pem.type} key object`);
      key = pem;
    } else {
      key = isPrivate ? createPrivateKey(pem) : createPublicKey(pem);
    }
  } catch (err) {
    throw new Error(`${what} is not a readable ${isPrivate ? 'private' : 'public'} key: ${(err as Error).message}`);
  }
  // Plain RSA (not RSA-PSS) and EC on the curves kubeadm offers: the keys a profile can describe.
  const type = key.asymmetricKeyType;
  if (type === 'ec' && !Object.values(CURVES).includes(key.asymmetricKeyDetails?.namedCurve ?? '')) {
    throw new Error(`${what} is an EC key on ${key.asymmetricKeyDetails?.namedCurve ?? 'an unknown curve'}; only P-256 and P-384 are supported`);
  }
  if (type !== 'rsa' && type !== 'ec') throw new Error(`${what} is a ${type ?? 'unknown'} key; only RSA and EC keys are supported`);
  return key;
}

/** The subject's public key, which must be the kind the profile says (an RSA-2048 spec gets a 2048-bit RSA key). */
function profileKey(pem: string | KeyObject, profile: CertProfile): KeyObject {
  const key = readKey(pem, 'publicKeyPem');
  const details = key.asymmetricKeyDetails;
  const fits = key.asymmetricKeyType === profile.keyType
    && (profile.keyType === 'ec' ? details?.namedCurve === CURVES[profile.keyBits] : details?.modulusLength === profile.keyBits);
  if (!fits) {
    const have = key.asymmetricKeyType === 'ec' ? `an EC ${details?.namedCurve ?? '?'}` : `a ${details?.modulusLength ?? '?'}-bit RSA`;
    throw new Error(`publicKeyPem is ${have} key; the profile asks for a ${profile.keyBits}-bit ${profile.keyType} key`);
  }
  return key;
}

function wholeSeconds(date: Date, what: string): Date {
  const t = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(t)) throw new Error(`${what} is not a valid date`);
  const out = new Date(Math.floor(t / 1000) * 1000);
  // UTCTime covers 1950–2049 and GeneralizedTime is written with four year digits.
  const year = out.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new Error(`${what} ${out.toISOString()} is outside 1950–9999`);
  return out;
}

const oneLine = (dn: string): string => dn.split('\n').join(', ');

export class CertCheckError extends Error {
  override name = 'CertCheckError';
  constructor(
    readonly check: 'parse' | 'checkIssued' | 'verify' | 'checkPrivateKey',
    message: string,
  ) {
    super(message);
  }
}

let lastIssuer: {pem: string; cert: X509Certificate; publicKey: KeyObject} | undefined;
/** The issuer of the previous call again, or a fresh parse: leaves come grouped by CA (when made and when judged
 *  again), so one slot is enough. Its public key is kept too: X509Certificate.publicKey makes a new KeyObject on
 *  every read. Throws when the PEM is not a certificate. */
export function parsedIssuer(pem: string): {cert: X509Certificate; publicKey: KeyObject} {
  if (lastIssuer?.pem !== pem) {
    const cert = new X509Certificate(pem);
    lastIssuer = {pem, cert, publicKey: cert.publicKey};
  }
  return lastIssuer;
}

/** Trust questions go to OpenSSL via node:crypto: one parse of the new certificate, then its issuer, signature
 *  and key. The key may come as the KeyObject the caller already holds. Throws CertCheckError. */
export function selfCheck(certPem: string, issuerCertPem: string, privateKeyPem: string | KeyObject): void {
  let cert: X509Certificate;
  let issuer: X509Certificate;
  let issuerKey: KeyObject;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
    ({cert: issuer, publicKey: issuerKey} = parsedIssuer(issuerCertPem));
    key = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
  } catch (err) {
    throw new CertCheckError('parse', `cannot read certificate, issuer or key: ${(err as Error).message}`);
  }
  const who = oneLine(cert.subject);
  if (!cert.checkIssued(issuer)) {
    throw new CertCheckError('checkIssued', `${who} was not issued by ${oneLine(issuer.subject)} (issuer name, key identifiers or CA key usage do not match)`);
  }
  if (!cert.verify(issuerKey)) {
    throw new CertCheckError('verify', `signature on ${who} does not verify with the public key of ${oneLine(issuer.subject)}`);
  }
  if (!cert.checkPrivateKey(key)) throw new CertCheckError('checkPrivateKey', `the private key does not belong to ${who}`);
}
