// The fields of an X.509 certificate as DER nodes (RFC 5280, section 4.1), read with our own DER reader.
// profile.ts turns them into a comparable Profile; build.ts takes an issuer's raw subject and SKI.

import {
  DerError,
  TAG,
  childrenOf,
  expectTag,
  parseDer,
  parseNested,
  readBitString,
  readBoolean,
  readOctetString,
  readOid,
  readSmallInt,
  type DerNode,
} from './der.js';
import {OID} from './oids.js';

export interface RawExtension {
  oid: string;
  critical: boolean;
  /** The extnValue OCTET STRING's content: the DER of the extension itself. */
  value: Uint8Array;
  /** Depth-carrying node for parseNested. */
  node: DerNode;
}

export interface RawNameAttribute {
  oid: string;
  /** The string type's tag (0x0c UTF8String, 0x13 PrintableString, ...). */
  tag: number;
  content: Uint8Array;
}

export interface CertificateStructure {
  version: number;
  serial: DerNode;
  tbsSignatureOid: string;
  signatureOid: string;
  issuer: DerNode;
  notBefore: DerNode;
  notAfter: DerNode;
  subject: DerNode;
  spki: DerNode;
  extensions: RawExtension[];
}

export function readStructure(der: Uint8Array): CertificateStructure {
  const cert = expectTag(parseDer(der, 'certificate'), TAG.SEQUENCE, 'certificate');
  const [tbs, sigAlg, sigValue, ...extra] = childrenOf(cert, 'certificate');
  if (extra.length > 0) throw new DerError('certificate: more than three elements');
  expectTag(tbs, TAG.SEQUENCE, 'tbsCertificate');
  readBitString(sigValue, 'signatureValue');
  const fields = childrenOf(tbs!, 'tbsCertificate');
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const [v, ...rest] = childrenOf(fields[0], 'version');
    if (rest.length > 0) throw new DerError('version: trailing elements');
    version = readSmallInt(v, 'version') + 1;
    i = 1;
  }
  const serial = expectTag(fields[i++], TAG.INTEGER, 'serialNumber');
  const tbsSignatureOid = algorithmOid(fields[i++], 'tbsCertificate.signature');
  const issuer = expectTag(fields[i++], TAG.SEQUENCE, 'issuer');
  const validity = childrenOf(expectTag(fields[i++], TAG.SEQUENCE, 'validity'), 'validity');
  if (validity.length !== 2) throw new DerError('validity: expected notBefore and notAfter');
  const subject = expectTag(fields[i++], TAG.SEQUENCE, 'subject');
  const spki = expectTag(fields[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  let extensions: RawExtension[] | undefined;
  for (const rest of fields.slice(i)) {
    // issuerUniqueID [1] and subjectUniqueID [2] are skipped; extensions are [3] EXPLICIT.
    if (rest.tag === 0x81 || rest.tag === 0x82) continue;
    if (rest.tag !== 0xa3 || extensions) throw new DerError(`tbsCertificate: unexpected tag 0x${rest.tag.toString(16)}`);
    const [seq, ...more] = childrenOf(rest, 'extensions');
    if (more.length > 0) throw new DerError('extensions: trailing elements');
    extensions = childrenOf(expectTag(seq, TAG.SEQUENCE, 'extensions'), 'extensions').map(readExtension);
  }
  return {
    version,
    serial,
    tbsSignatureOid,
    signatureOid: algorithmOid(sigAlg, 'signatureAlgorithm'),
    issuer,
    notBefore: validity[0]!,
    notAfter: validity[1]!,
    subject,
    spki,
    extensions: extensions ?? [],
  };
}

function algorithmOid(node: DerNode | undefined, what: string): string {
  return readOid(childrenOf(expectTag(node, TAG.SEQUENCE, what), what)[0], `${what}.algorithm`);
}

export function readExtension(node: DerNode, index: number): RawExtension {
  const what = `extensions[${index}]`;
  const parts = childrenOf(expectTag(node, TAG.SEQUENCE, what), what);
  const oid = readOid(parts[0], `${what}.extnID`);
  let critical = false;
  let k = 1;
  if (parts[1]?.tag === TAG.BOOLEAN) {
    // An explicit FALSE is not DER (DEFAULT values are omitted), but Go and OpenSSL accept it.
    critical = readBoolean(parts[1], `${what}.critical`);
    k = 2;
  }
  const octets = expectTag(parts[k], TAG.OCTET_STRING, `${what}.extnValue`);
  if (parts.length !== k + 1) throw new DerError(`${what}: trailing elements`);
  return {oid, critical, value: readOctetString(octets, `${what}.extnValue`), node: octets};
}

/** Name = SEQUENCE OF SET OF {type, value}; multi-valued RDNs are flattened in order. */
export function readName(name: DerNode, what: string): RawNameAttribute[] {
  const out: RawNameAttribute[] = [];
  childrenOf(expectTag(name, TAG.SEQUENCE, what), what).forEach((rdn, r) => {
    const members = childrenOf(expectTag(rdn, TAG.SET, `${what}[${r}]`), `${what}[${r}]`);
    if (members.length === 0) throw new DerError(`${what}[${r}]: empty RDN`);
    for (const atv of members) {
      const [type, value, ...rest] = childrenOf(expectTag(atv, TAG.SEQUENCE, `${what}[${r}]`), `${what}[${r}]`);
      if (!value || rest.length > 0) throw new DerError(`${what}[${r}]: malformed attribute`);
      if (value.constructed || value.tag > 0x1e) throw new DerError(`${what}[${r}]: attribute value is not a string`);
      out.push({oid: readOid(type, `${what}[${r}].type`), tag: value.tag, content: value.content});
    }
  });
  return out;
}

/** The subjectPublicKey BIT STRING's bytes (for RSA: the DER RSAPublicKey), hashed for the SKI. */
export function subjectPublicKeyBytes(spki: DerNode): Uint8Array {
  const [alg, key] = childrenOf(expectTag(spki, TAG.SEQUENCE, 'subjectPublicKeyInfo'), 'subjectPublicKeyInfo');
  expectTag(alg, TAG.SEQUENCE, 'subjectPublicKeyInfo.algorithm');
  const {unused, bytes} = readBitString(key, 'subjectPublicKey');
  if (unused !== 0) throw new DerError('subjectPublicKey: not a whole number of bytes');
  return bytes;
}

/** The keyIdentifier of a subjectKeyIdentifier extension, if there is one. */
export function subjectKeyId(extensions: readonly RawExtension[]): Uint8Array | undefined {
  const ext = extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  return ext && readOctetString(parseNested(ext.value, ext.node, 'subjectKeyIdentifier'), 'subjectKeyIdentifier');
}
