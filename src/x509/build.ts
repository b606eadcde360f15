// Native certificate builder: renders a certificate profile (pki/profile.ts) with node-forge laying out the X.509
// structure and node:crypto signing it (~1 ms instead of forge's ~65 ms pure-JS RSA). Every forge default that
// would be wrong here (SHA-1, PrintableString, non-critical extensions, a self-made AKI) is overridden explicitly.

import {X509Certificate, createHash, createPrivateKey, createPublicKey, sign, type KeyObject} from 'node:crypto';
import forge from 'node-forge';
import type {CertProfile, NameEntry} from '../pki/profile.js';
import {canonicalIp, ipToBytes} from '../plan/net.js';
import {childrenOf, parseDer} from './der.js';
import {EXT_KEY_USAGES, EXTENSIONS, KEY_USAGE_BITS, OID, SIGNATURE_ALGORITHMS} from './oids.js';
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
  /** What the certificate is: pki/profile.ts's profileOf(spec, issuer). */
  profile: CertProfile;
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

/** ASN.1 string tags by the names profiles use; forge's default, PrintableString, is never left to chance. */
const STRING_TAG: Record<string, number> = {UTF8String: 12, PrintableString: 19};
const NAME_OID: Record<string, string> = {CN: OID.commonName, O: OID.organizationName};
const MAX_NAME_CHARS = 64; // ub-common-name / ub-organization-name; OpenSSL refuses longer names

export function buildCertificate(input: BuildInput): string {
  const {profile} = input;
  const isCA = profile.basicConstraints?.ca === true;
  const notBefore = wholeSeconds(input.notBefore, 'notBefore');
  const notAfter = wholeSeconds(input.notAfter, 'notAfter');
  if (notAfter <= notBefore) throw new Error(`notAfter ${notAfter.toISOString()} is not after notBefore ${notBefore.toISOString()}`);
  const subjectKey = rsaKey(input.publicKeyPem, 'publicKeyPem');
  const subject = subjectAttributes(profile.subject);
  const signer = resolveSigner(input, subjectKey, subject);

  const cert = pki.createCertificate();
  cert.version = 2; // v3
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.publicKey = forgeRsaPublicKey(subjectKey);
  cert.setSubject(subject);
  cert.setIssuer(signer.issuerName);
  cert.setExtensions(extensions(profile, isCA ? subjectKeyIdentifier(subjectKey) : undefined, signer.authorityKeyId));
  // forge's sign() would default to SHA-1 and sign in JS; we set the OIDs and sign natively.
  const signatureOid = oidOf(SIGNATURE_ALGORITHMS, profile.signatureAlgorithm, 'signature algorithm');
  cert.siginfo.algorithmOid = signatureOid;
  cert.signatureOid = signatureOid;
  const tbs = getTBSCertificate(cert);
  const signature = sign(profile.digest, Buffer.from(asn1.toDer(tbs).getBytes(), 'binary'), signer.key);
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
    if (input.profile.basicConstraints?.ca !== true) throw new Error('only a CA can be self-signed here (basicConstraints cA is not true)');
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

/** The profile's names in its order (each O, then the CN, as kubeadm writes them), with the string types it says. */
function subjectAttributes(names: NameEntry[]): forge.pki.CertificateField[] {
  return names.map((n, i) => {
    const what = `subject[${i}] (${n.type})`;
    const type = NAME_OID[n.type];
    const tag = STRING_TAG[n.tag];
    if (!type || tag === undefined) throw new Error(`${what}: cannot write a ${n.tag} ${n.type}`);
    checkNameValue(n.value, what);
    return {type, value: n.value, valueTagClass: tag as forge.asn1.Class};
  });
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

/** A CA subject attribute for forge's setIssuer that re-encodes to exactly the same bytes. */
function forgeAttribute(a: RawNameAttribute): forge.pki.CertificateField {
  // forge UTF-8-encodes UTF8String values on output and writes every other string type verbatim.
  const value = a.tag === STRING_TAG.UTF8String ? new TextDecoder('utf-8', {fatal: true}).decode(a.content) : Buffer.from(a.content).toString('binary');
  return {type: a.oid, value, valueTagClass: a.tag as forge.asn1.Class};
}

/** The profile's extensions in its order; each at most once (Go refuses duplicates), with the criticality it says. */
function extensions(profile: CertProfile, ski: Buffer | undefined, aki: Buffer | undefined): object[] {
  const {create, Class, Type} = asn1;
  const seq = (items: forge.asn1.Asn1[]) => create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
  const bin = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
  const required = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`internal: the profile lists ${name} without its value`);
    return value;
  };
  const render: Record<string, () => forge.asn1.Asn1> = {
    // cA TRUE on CAs; on leaves an empty SEQUENCE (DER omits the DEFAULT FALSE).
    basicConstraints: () => {
      const bc = required(profile.basicConstraints, 'basicConstraints');
      if (bc.pathLen !== undefined) throw new Error('internal: pathLenConstraint is not written');
      return seq(bc.ca ? [create(Class.UNIVERSAL, Type.BOOLEAN, false, '\xff')] : []);
    },
    keyUsage: () => keyUsageBits(required(profile.keyUsage, 'keyUsage').usages.map((u) => {
      const bit = KEY_USAGE_BITS.indexOf(u);
      if (bit < 0) throw new Error(`unknown key usage ${JSON.stringify(u)}`);
      return bit;
    })),
    extKeyUsage: () => {
      const usages = required(profile.extKeyUsage, 'extKeyUsage').usages;
      if (new Set(usages).size !== usages.length) throw new Error(`usages ${usages.join(', ')} repeat a value`);
      return seq(usages.map((u) => create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(oidOf(EXT_KEY_USAGES, u, 'extended key usage')).getBytes())));
    },
    subjectAltName: () => seq(generalNames(required(profile.san, 'subjectAltName'))),
    subjectKeyIdentifier: () => create(Class.UNIVERSAL, Type.OCTETSTRING, false, bin(required(ski, 'subjectKeyIdentifier'))),
    // keyIdentifier [0] only: issuer name + serial would pin the leaf to one CA certificate.
    authorityKeyIdentifier: () => {
      if (profile.authorityKeyId?.issuerSerial) throw new Error('internal: an authority key identifier with issuer and serial is not written');
      return seq([create(Class.CONTEXT_SPECIFIC, 0, false, bin(required(aki, 'authorityKeyIdentifier')))]);
    },
  };
  const seen = new Set<string>();
  return profile.extensions.map(({name, critical}) => {
    const make = render[name];
    if (!make) throw new Error(`internal: no way to write the extension ${name}`);
    if (seen.has(name)) throw new Error(`internal: extension ${name} twice`);
    seen.add(name);
    return {id: oidOf(EXTENSIONS, name, 'extension'), critical, value: make()};
  });
}

/** The OID a table names `name` by (the tables map OID → name). */
function oidOf(table: Readonly<Record<string, string>>, name: string, what: string): string {
  const oid = Object.keys(table).find((k) => table[k] === name);
  if (!oid) throw new Error(`unknown ${what} ${JSON.stringify(name)}`);
  return oid;
}

/** DER BIT STRING of named bits: trailing zero bits dropped and counted as unused. */
function keyUsageBits(bits: number[]): forge.asn1.Asn1 {
  const top = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(top / 8) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  const unused = 7 - (top & 7);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(unused) + Buffer.from(bytes).toString('binary'));
}

/** DNS names then IPs, in the given order; IPs as 4/16 raw bytes from net.ts, never forge's parser, which reads 10.0.0.256 as 10.0.1.0. */
function generalNames(sans: {dns: string[]; ips: string[]; other: string[]}): forge.asn1.Asn1[] {
  if (sans.other.length > 0) throw new Error(`internal: only DNS and IP names are written, not ${sans.other.join(', ')}`);
  const {create, Class} = asn1;
  const dns = sans.dns.map((name, i) => {
    // forge writes the string as raw bytes: anything but printable ASCII would be mis-encoded.
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
  // forge writes 4-digit years only for 1000–9999 and UTCTime only for 1950–2049, and checks neither.
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

/** Trust questions go to OpenSSL via node:crypto, never to forge (its chain checks have had holes). Throws CertCheckError. */
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
