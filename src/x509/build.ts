// Native certificate builder: node-forge lays out the X.509 structure, node:crypto signs it (~1 ms
// instead of forge's ~65 ms pure-JS RSA). Every forge default from security-and-bad-inputs.md §1.2
// is overridden explicitly; the profile is kubeadm's (kubernetes-pki.md §1.4) with UTF8String names.

import {X509Certificate, createHash, createPrivateKey, createPublicKey, sign, type KeyObject} from 'node:crypto';
import forge from 'node-forge';
import type {CertSpec, Subject, SubjectAltNames} from '../pki/model.js';
import {canonicalIp, ipToBytes} from '../plan/net.js';
import {childrenOf, parseDer} from './der.js';
import {OID} from './oids.js';
import {derToPem, pemToDer} from './pem.js';
import {readProfile} from './profile.js';
import {randomSerialHex} from './serial.js';
import {readName, readStructure, subjectKeyId, subjectPublicKeyBytes, type RawNameAttribute} from './structure.js';

const {pki, asn1} = forge;
// Present at runtime since forge 0.x but missing from @types/node-forge.
const getTBSCertificate = (pki as unknown as {getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1})
  .getTBSCertificate;

export interface BuildIssuer {
  certPem: string;
  privateKeyPem: string;
}

export interface BuildInput {
  spec: Pick<CertSpec, 'subject' | 'isCA' | 'usages' | 'sans'>;
  /** The subject's public key (SPKI PEM; an RSA private key PEM also works). */
  publicKeyPem: string;
  /** The caller computes both (kubeadm: start − 5 min, start + validity); sub-second parts are dropped. */
  notBefore: Date;
  notAfter: Date;
  /** 'self' for a self-signed CA, which `signingKeyPem` then signs. */
  issuer: BuildIssuer | 'self';
  /** The CA's own private key, used only with issuer 'self' (ignored otherwise). */
  signingKeyPem?: string;
}

const UTF8 = 12; // forge's default is PrintableString, which Go refuses for `_`, `@`, `*`... (P10)
const MAX_NAME_CHARS = 64; // ub-common-name / ub-organization-name; OpenSSL refuses longer (P13)

export function buildCertificate(input: BuildInput): string {
  const {spec} = input;
  const notBefore = wholeSeconds(input.notBefore, 'notBefore');
  const notAfter = wholeSeconds(input.notAfter, 'notAfter');
  if (notAfter <= notBefore) throw new Error(`notAfter ${notAfter.toISOString()} is not after notBefore ${notBefore.toISOString()}`);
  const subjectKey = rsaKey(input.publicKeyPem, 'publicKeyPem');
  const subject = subjectAttributes(spec.subject);
  const signer = resolveSigner(input, subjectKey, subject);

  const cert = pki.createCertificate();
  cert.version = 2; // v3
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.publicKey = forgeRsaPublicKey(subjectKey);
  cert.setSubject(subject);
  cert.setIssuer(signer.issuerName);
  cert.setExtensions(extensions(spec, spec.isCA ? subjectKeyIdentifier(subjectKey) : undefined, signer.authorityKeyId));
  // forge's sign() would default to SHA-1 (P1) and sign in JS; we set the OIDs and sign natively.
  cert.siginfo.algorithmOid = OID.sha256WithRSAEncryption;
  cert.signatureOid = OID.sha256WithRSAEncryption;
  const tbs = getTBSCertificate(cert);
  const signature = sign('sha256', Buffer.from(asn1.toDer(tbs).getBytes(), 'binary'), signer.key);
  cert.signature = signature.toString('binary');
  cert.tbsCertificate = tbs;
  const der = Buffer.from(asn1.toDer(pki.certificateToAsn1(cert)).getBytes(), 'binary');

  // Postconditions our own reader checks cheaply: forge must have written exactly what we meant.
  const built = readStructure(der);
  if (!Buffer.from(built.issuer.bytes).equals(signer.issuerNameDer ?? built.subject.bytes)) {
    throw new Error('issuer name would not be byte-identical to the CA subject (unsupported encoding in the CA name)');
  }
  if (!new X509Certificate(der).publicKey.equals(subjectKey)) throw new Error('internal: public key changed in encoding');
  return derToPem(der);
}

interface Signer {
  key: KeyObject;
  issuerName: forge.pki.CertificateField[];
  /** The CA subject's DER, which the issuer field must equal byte for byte (Go chains on raw bytes). */
  issuerNameDer?: Uint8Array;
  authorityKeyId?: Buffer;
}

function resolveSigner(input: BuildInput, subjectKey: KeyObject, subject: forge.pki.CertificateField[]): Signer {
  if (input.issuer === 'self') {
    if (!input.spec.isCA) throw new Error('only a CA can be self-signed here (isCA is false)');
    if (input.signingKeyPem === undefined) throw new Error("issuer 'self' needs signingKeyPem, the CA's own private key");
    const key = rsaKey(input.signingKeyPem, 'signingKeyPem', true);
    if (!createPublicKey(key).equals(subjectKey)) throw new Error('signingKeyPem is not the private key of publicKeyPem');
    return {key, issuerName: subject};
  }
  // signingKeyPem is ignored here: a leaf is signed by issuer.privateKeyPem, never by its own key.

  // node:crypto (OpenSSL) decides what it can: that it parses, is a CA and owns the key.
  const ca = new X509Certificate(input.issuer.certPem);
  if (!ca.ca) throw new Error(`issuer ${oneLine(ca.subject)} is not a CA (basicConstraints cA is not true)`);
  const key = rsaKey(input.issuer.privateKeyPem, 'issuer.privateKeyPem', true);
  if (!ca.checkPrivateKey(key)) throw new Error(`issuer.privateKeyPem is not the key of CA ${oneLine(ca.subject)}`);
  const profile = readProfile(input.issuer.certPem);
  if (profile.keyUsage && !profile.keyUsage.usages.includes('keyCertSign')) {
    throw new Error(`CA ${oneLine(ca.subject)} has no keyCertSign key usage; Go would refuse what it signs`);
  }
  // Our DER reader, not forge, gives the raw subject and SKI (the CA may one day be the user's).
  const structure = readStructure(pemToDer(input.issuer.certPem));
  const ski = subjectKeyId(structure.extensions);
  if (!ski || ski.length === 0) {
    throw new Error(`CA ${oneLine(ca.subject)} has no subjectKeyIdentifier; leaves need it as their authorityKeyIdentifier`);
  }
  const issuerName = readName(structure.subject, 'CA subject');
  // forge writes one attribute per RDN, so a multi-valued RDN (`CN=a+O=b`) could not be copied exactly.
  if (childrenOf(structure.subject, 'CA subject').length !== issuerName.length) {
    throw new Error(`CA ${oneLine(ca.subject)} has a multi-valued RDN in its subject; its name cannot be copied byte for byte`);
  }
  return {
    key,
    issuerName: issuerName.map(forgeAttribute),
    issuerNameDer: structure.subject.bytes,
    authorityKeyId: Buffer.from(ski),
  };
}

/** Each O in order, then the CN, as Go's pkix.Name and kubeadm write them; all UTF8String. */
function subjectAttributes(subject: Subject): forge.pki.CertificateField[] {
  const attr = (type: string, value: string, what: string): forge.pki.CertificateField => {
    checkNameValue(value, what);
    return {type, value, valueTagClass: UTF8 as forge.asn1.Class};
  };
  return [
    ...subject.o.map((o, i) => attr(OID.organizationName, o, `subject.o[${i}]`)),
    attr(OID.commonName, subject.cn, 'subject.cn'),
  ];
}

function checkNameValue(value: string, what: string): void {
  const chars = [...value].length;
  if (chars === 0) throw new Error(`${what} is empty`);
  if (chars > MAX_NAME_CHARS) throw new Error(`${what} has ${chars} characters; at most ${MAX_NAME_CHARS} fit (OpenSSL refuses longer)`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new Error(`${what} contains a control character`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new Error(`${what} is not well-formed Unicode`);
  }
}

/** A CA subject attribute for forge's setIssuer that re-encodes to exactly the same bytes. */
function forgeAttribute(a: RawNameAttribute): forge.pki.CertificateField {
  // forge UTF-8-encodes UTF8String values on output and writes every other string type verbatim.
  const value = a.tag === UTF8 ? new TextDecoder('utf-8', {fatal: true}).decode(a.content) : Buffer.from(a.content).toString('binary');
  return {type: a.oid, value, valueTagClass: a.tag as forge.asn1.Class};
}

/** Keyed by OID so nothing can appear twice (Go ≥ 1.19 refuses duplicates, P7); Map keeps insertion order. */
function extensions(spec: BuildInput['spec'], ski: Buffer | undefined, aki: Buffer | undefined): object[] {
  const {create, Class, Type} = asn1;
  const seq = (items: forge.asn1.Asn1[]) => create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
  const bin = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
  const exts = new Map<string, {id: string; critical: boolean; value: forge.asn1.Asn1}>();
  const put = (id: string, critical: boolean, value: forge.asn1.Asn1) => {
    if (exts.has(id)) throw new Error(`internal: extension ${id} twice`);
    exts.set(id, {id, critical, value});
  };

  // basicConstraints: cA TRUE on CAs; on leaves an empty SEQUENCE (DER omits the DEFAULT FALSE). No pathLen.
  put(OID.basicConstraints, true, seq(spec.isCA ? [create(Class.UNIVERSAL, Type.BOOLEAN, false, '\xff')] : []));
  put(OID.keyUsage, true, keyUsageBits(spec.isCA ? [0, 2, 5] : [0, 2]));
  // Go nests EKUs down the chain (P12), so a CA never carries one; usages on a CA spec are ignored.
  if (!spec.isCA && spec.usages.length > 0) {
    if (new Set(spec.usages).size !== spec.usages.length) throw new Error(`usages ${spec.usages.join(', ')} repeat a value`);
    const unknown = spec.usages.find((u) => u !== 'serverAuth' && u !== 'clientAuth');
    if (unknown !== undefined) throw new Error(`usage ${JSON.stringify(unknown)} is not serverAuth or clientAuth`);
    put(OID.extKeyUsage, false, seq(spec.usages.map((u) => create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(OID[u]).getBytes()))));
  }
  const names = generalNames(spec.sans);
  if (names.length > 0) put(OID.subjectAltName, false, seq(names));
  if (ski) put(OID.subjectKeyIdentifier, false, create(Class.UNIVERSAL, Type.OCTETSTRING, false, bin(ski)));
  // keyIdentifier [0] only: issuer name + serial would pin the leaf to one CA certificate.
  if (aki) put(OID.authorityKeyIdentifier, false, seq([create(Class.CONTEXT_SPECIFIC, 0, false, bin(aki))]));
  return [...exts.values()];
}

/** DER BIT STRING of named bits: trailing zero bits dropped and counted as unused. */
function keyUsageBits(bits: number[]): forge.asn1.Asn1 {
  const top = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(top / 8) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  const unused = 7 - (top & 7);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(unused) + Buffer.from(bytes).toString('binary'));
}

/** DNS names then IPs, in the given order; IPs as 4/16 raw bytes from net.ts, never forge's parser (P8). */
function generalNames(sans: SubjectAltNames): forge.asn1.Asn1[] {
  const {create, Class} = asn1;
  const dns = sans.dns.map((name, i) => {
    // forge writes the string as raw bytes (P9): anything but printable ASCII would be mis-encoded.
    if (!/^[\x21-\x7e]{1,253}$/.test(name)) throw new Error(`sans.dns[${i}] ${JSON.stringify(name)} is not an ASCII DNS name`);
    return create(Class.CONTEXT_SPECIFIC, 2, false, name);
  });
  const ips = sans.ips.map((ip, i) => {
    if (canonicalIp(ip) === undefined) throw new Error(`sans.ips[${i}] ${JSON.stringify(ip)} is not an IP address`);
    const bytes = ipToBytes(ip);
    if (bytes.length === 16 && bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
      throw new Error(`sans.ips[${i}] ${ip} is IPv4-mapped; Go refuses such SANs, use the IPv4 address`);
    }
    return create(Class.CONTEXT_SPECIFIC, 7, false, Buffer.from(bytes).toString('binary'));
  });
  return [...dns, ...ips];
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes (for RSA, the DER RSAPublicKey). */
export function subjectKeyIdentifier(publicKey: KeyObject | string): Buffer {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const spki = parseDer(key.export({type: 'spki', format: 'der'}), 'subjectPublicKeyInfo');
  return createHash('sha1').update(subjectPublicKeyBytes(spki)).digest();
}

function rsaKey(pem: string, what: string, isPrivate = false): KeyObject {
  let key: KeyObject;
  try {
    key = isPrivate ? createPrivateKey(pem) : createPublicKey(pem);
  } catch (err) {
    throw new Error(`${what} is not a readable ${isPrivate ? 'private' : 'public'} key: ${(err as Error).message}`);
  }
  // forge can only lay out RSA keys, and sha256WithRSAEncryption needs a plain (not PSS) RSA key.
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`${what} is a ${key.asymmetricKeyType ?? 'unknown'} key; only RSA is supported natively`);
  return key;
}

/** Node parses the key; forge only receives the two integers. */
function forgeRsaPublicKey(key: KeyObject): forge.pki.rsa.PublicKey {
  const jwk = key.export({format: 'jwk'});
  const big = (b64u: string | undefined) => new forge.jsbn.BigInteger(Buffer.from(b64u ?? '', 'base64url').toString('hex'), 16);
  return pki.setRsaPublicKey(big(jwk.n), big(jwk.e));
}

function wholeSeconds(date: Date, what: string): Date {
  const t = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(t)) throw new Error(`${what} is not a valid date`);
  const out = new Date(Math.floor(t / 1000) * 1000);
  // forge writes 4-digit years only for 1000–9999 and UTCTime only for 1950–2049 (P3).
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

/** Trust questions go to OpenSSL via node:crypto, never to forge (P17). Throws CertCheckError. */
export function selfCheck(certPem: string, issuerCertPem: string, privateKeyPem: string): void {
  let cert: X509Certificate;
  let issuer: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
    issuer = new X509Certificate(issuerCertPem);
    key = createPrivateKey(privateKeyPem);
  } catch (err) {
    throw new CertCheckError('parse', `cannot read certificate, issuer or key: ${(err as Error).message}`);
  }
  const who = oneLine(cert.subject);
  if (!cert.checkIssued(issuer)) {
    throw new CertCheckError('checkIssued', `${who} was not issued by ${oneLine(issuer.subject)} (issuer name, key identifiers or CA key usage do not match)`);
  }
  if (!cert.verify(issuer.publicKey)) {
    throw new CertCheckError('verify', `signature on ${who} does not verify with the public key of ${oneLine(issuer.subject)}`);
  }
  if (!cert.checkPrivateKey(key)) throw new CertCheckError('checkPrivateKey', `the private key does not belong to ${who}`);
}
