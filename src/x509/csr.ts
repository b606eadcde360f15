// PKCS#10 certificate signing requests, laid out with our DER writer and signed by node:crypto: no forge, so a
// request works for any key node:crypto holds. The subject comes from a certificate profile, so the request
// names exactly what the certificate would (each O, then the CN, as UTF8Strings).

import {createPrivateKey, createPublicKey, sign} from 'node:crypto';
import type {NameEntry} from '../pki/profile.js';
import {TAG} from './der.js';
import {bitString, contextConstructed, derNull, oid, sequence, set, smallInteger, tlv} from './der-write.js';
import {NAME_ATTRIBUTES, SIGNATURE_ALGORITHMS} from './oids.js';
import {derToPem} from './pem.js';

export const CSR_PEM_LABEL = 'CERTIFICATE REQUEST';

export interface CsrInput {
  subject: NameEntry[];
  /** The requester's private key (PEM); it signs the request and its public half goes in. */
  privateKeyPem: string;
  /** The profile's signature algorithm and digest (profileOf(spec, …)). */
  signatureAlgorithm: string;
  digest: string;
}

const STRING_TAGS: Readonly<Record<string, number>> = {UTF8String: TAG.UTF8_STRING, PrintableString: TAG.PRINTABLE_STRING};
/** RSA signature algorithms carry an explicit NULL parameter; ECDSA ones none (RFC 4055, RFC 5758). */
const NULL_PARAMETERS = /WithRSAEncryption$/;

const oidByName = (table: Readonly<Record<string, string>>, name: string, what: string): string => {
  const found = Object.keys(table).find((k) => table[k] === name);
  if (!found) throw new Error(`internal: unknown ${what} ${JSON.stringify(name)}`);
  return found;
};

function name(entries: NameEntry[]): Uint8Array {
  return sequence(...entries.map((e) => {
    const tag = STRING_TAGS[e.tag];
    if (tag === undefined) throw new Error(`internal: cannot write a ${e.tag} ${e.type}`);
    const type = NAME_ATTRIBUTES[e.type] ? e.type : oidByName(NAME_ATTRIBUTES, e.type, 'name attribute');
    return set(sequence(oid(type), tlv(tag, Buffer.from(e.value, 'utf8'))));
  }));
}

/** The request as PEM (`-----BEGIN CERTIFICATE REQUEST-----`), as openssl req writes it. */
export function buildCsr(input: CsrInput): string {
  const key = createPrivateKey(input.privateKeyPem);
  const spki = createPublicKey(key).export({type: 'spki', format: 'der'});
  // version 0, subject, subjectPKInfo, attributes [0] (none: the signer decides usages and validity).
  const info = sequence(smallInteger(0), name(input.subject), spki, contextConstructed(0));
  const algorithmOid = oidByName(SIGNATURE_ALGORITHMS, input.signatureAlgorithm, 'signature algorithm');
  const algorithm = sequence(oid(algorithmOid), ...(NULL_PARAMETERS.test(input.signatureAlgorithm) ? [derNull()] : []));
  const signature = sign(input.digest, info, key);
  return derToPem(sequence(info, algorithm, bitString(signature)), CSR_PEM_LABEL);
}
