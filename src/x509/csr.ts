// A PKCS#10 request read without node-forge (it comes from a learner or a YAML file): its subject, its public
// key, and whether its signature verifies with that key (node:crypto), so a request proves who holds the key.

import {createPublicKey, verify, type KeyObject} from 'node:crypto';
import {DerError, TAG, childrenOf, expectTag, parseDer, readBitString, readOid} from './der.js';
import {NAME_ATTRIBUTES, SIGNATURE_ALGORITHMS, nameOf} from './oids.js';
import {pemToDer} from './pem.js';
import {readName} from './structure.js';

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

export function readCsr(pem: string): CsrFacts {
  const der = pemToDer(pem, 'CERTIFICATE REQUEST');
  const [info, alg, sig] = childrenOf(expectTag(parseDer(der, 'CSR'), TAG.SEQUENCE, 'CSR'), 'CSR');
  if (!info || !alg || !sig) throw new DerError('CSR: expected info, algorithm and signature');
  const [, subject, spki] = childrenOf(expectTag(info, TAG.SEQUENCE, 'CSR info'), 'CSR info');
  if (!subject || !spki) throw new DerError('CSR info: missing subject or key');
  const signatureAlgorithm = nameOf(SIGNATURE_ALGORITHMS, readOid(childrenOf(expectTag(alg, TAG.SEQUENCE, 'CSR algorithm'))[0], 'CSR algorithm'));
  const publicKey = createPublicKey({key: Buffer.from(spki.bytes), format: 'der', type: 'spki'});
  const digest = DIGESTS[signatureAlgorithm];
  const {bytes} = readBitString(sig, 'CSR signature');
  const signatureValid = digest !== undefined && verify(digest, info.bytes, publicKey, bytes);
  const dec = new TextDecoder();
  return {
    subject: readName(subject, 'CSR subject').map((a) => ({type: nameOf(NAME_ATTRIBUTES, a.oid), value: dec.decode(a.content)})),
    publicKey, signatureAlgorithm, signatureValid,
  };
}
