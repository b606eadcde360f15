// PKCS#10 certificate signing requests without forge: written with our DER writer and signed by node:crypto (the
// subject from a certificate profile, so a request names exactly what the certificate would), and read back
// from untrusted input (a learner's file, a YAML request) with our DER reader, its signature checked.

import {createPrivateKey, createPublicKey, sign, verify, type KeyObject} from 'node:crypto';
import type {NameEntry} from '../pki/profile.js';
import {DerError, TAG, childrenOf, expectTag, parseDer, readBitString, readOid, type DerNode} from './der.js';
import {bitString, explicit, sequence, smallInteger} from './der-writer.js';
import {nameDer, signatureAlgorithmDer} from './build.js';
import {NAME_ATTRIBUTES, SIGNATURE_ALGORITHMS, nameOf} from './oids.js';
import {derToPem, pemToDer} from './pem.js';
import {readName} from './structure.js';

export const CSR_PEM_LABEL = 'CERTIFICATE REQUEST';

export interface CsrInput {
  subject: NameEntry[];
  /** The requester's private key (PEM); it signs the request and its public half goes in. */
  privateKeyPem: string;
  /** The profile's signature algorithm and digest (profileOf(spec, …)). */
  signatureAlgorithm: string;
  digest: string;
}

/** The request as PEM (`-----BEGIN CERTIFICATE REQUEST-----`), as openssl req writes it. */
export function buildCsr(input: CsrInput): string {
  const key = createPrivateKey(input.privateKeyPem);
  const spki = createPublicKey(key).export({type: 'spki', format: 'der'});
  // version 0, subject, subjectPKInfo, attributes [0] (none: the signer decides usages and validity).
  const info = sequence(smallInteger(0), nameDer(input.subject), spki, explicit(0, new Uint8Array(0)));
  const algorithm = signatureAlgorithmDer(input.signatureAlgorithm);
  const signature = sign(input.digest, info, key);
  return derToPem(sequence(info, algorithm, bitString(signature)), CSR_PEM_LABEL);
}

export interface CsrFacts {
  subject: {type: string; value: string}[];
  publicKey: KeyObject;
  signatureAlgorithm: string;
  signatureValid: boolean;
}

const DIGESTS: Readonly<Record<string, string>> = {
  sha256WithRSAEncryption: 'sha256', sha384WithRSAEncryption: 'sha384', sha512WithRSAEncryption: 'sha512',
  'ecdsa-with-SHA256': 'sha256', 'ecdsa-with-SHA384': 'sha384', 'ecdsa-with-SHA512': 'sha512',
};

/** The parts of a CertificationRequest, or throws DerError when `der` is not one. */
export function csrParts(der: Uint8Array): {info: DerNode; subject: DerNode; spki: DerNode; attributes?: DerNode; sigOid: string; signature: DerNode} {
  const top = childrenOf(expectTag(parseDer(der, 'CSR'), TAG.SEQUENCE, 'CSR'), 'CSR');
  if (top.length !== 3) throw new DerError('CSR: expected three elements');
  const info = childrenOf(expectTag(top[0], TAG.SEQUENCE, 'certificationRequestInfo'), 'certificationRequestInfo');
  expectTag(info[0], TAG.INTEGER, 'CSR version');
  const subject = expectTag(info[1], TAG.SEQUENCE, 'CSR subject');
  const spki = expectTag(info[2], TAG.SEQUENCE, 'CSR subjectPKInfo');
  if (info[3] !== undefined && info[3].tag !== 0xa0) throw new DerError('CSR: attributes are not [0]');
  const sigOid = readOid(childrenOf(expectTag(top[1], TAG.SEQUENCE, 'CSR signatureAlgorithm'))[0], 'CSR signatureAlgorithm');
  return {info: top[0]!, subject, spki, ...(info[3] ? {attributes: info[3]} : {}), sigOid, signature: top[2]!};
}

/** Who a request names, its key, and whether the key signed it (a request proves who holds the key). */
export function readCsr(pem: string): CsrFacts {
  const parts = csrParts(pemToDer(pem, CSR_PEM_LABEL));
  const signatureAlgorithm = nameOf(SIGNATURE_ALGORITHMS, parts.sigOid);
  const publicKey = createPublicKey({key: Buffer.from(parts.spki.bytes), format: 'der', type: 'spki'});
  const digest = DIGESTS[signatureAlgorithm];
  const {bytes} = readBitString(parts.signature, 'CSR signature');
  const signatureValid = digest !== undefined && verify(digest, parts.info.bytes, publicKey, bytes);
  const dec = new TextDecoder();
  return {
    subject: readName(parts.subject, 'CSR subject').map((a) => ({type: nameOf(NAME_ATTRIBUTES, a.oid), value: dec.decode(a.content)})),
    publicKey, signatureAlgorithm, signatureValid,
  };
}
