// A certificate signing request (PKCS#10, RFC 2986) read with our DER reader: the subject and key it asks for
// and the SANs of its extension request. node:crypto has no CSR parser and node-forge never reads input.

import {createPublicKey} from 'node:crypto';
import {TAG, childrenOf, expectTag, readOid} from '../x509/der.js';
import {csrParts} from '../x509/csr.js';
import {nameOf, NAME_ATTRIBUTES, SIGNATURE_ALGORITHMS, OID} from '../x509/oids.js';
import {altNames, extKeyUsage} from '../x509/profile.js';
import {readExtension, readName} from '../x509/structure.js';
import {nameSummary} from './certificate.js';
import {keyInfo} from './key-info.js';
import type {CsrSummary} from './report.js';
import {guessRole} from './role.js';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

/** True when the DER is shaped like a CSR (the recogniser asks before anything else reads it). */
export function looksLikeCsr(der: Uint8Array): boolean {
  try {
    csrParts(der);
    return true;
  } catch {
    return false;
  }
}

export function summariseCsr(der: Uint8Array, opensslCommand: string, path?: string): CsrSummary {
  const parts = csrParts(der);
  const subject = nameSummary(readName(parts.subject, 'CSR subject').map((a) => ({
    type: nameOf(NAME_ATTRIBUTES, a.oid), value: Buffer.from(a.content).toString('utf8'), tag: '',
  })));
  const sans = {dns: [] as string[], ips: [] as string[], other: [] as string[]};
  let usages: string[] = [];
  for (const attribute of parts.attributes ? childrenOf(parts.attributes, 'CSR attributes') : []) {
    const [type, values] = childrenOf(expectTag(attribute, TAG.SEQUENCE, 'CSR attribute'), 'CSR attribute');
    if (readOid(type, 'CSR attribute type') !== EXTENSION_REQUEST || !values) continue;
    const [extensions] = childrenOf(values, 'extensionRequest');
    childrenOf(expectTag(extensions, TAG.SEQUENCE, 'extensionRequest'), 'extensionRequest').map(readExtension).forEach((ext) => {
      if (ext.oid === OID.subjectAltName) Object.assign(sans, altNames(ext));
      if (ext.oid === OID.extKeyUsage) usages = extKeyUsage(ext);
    });
  }
  return {
    subject,
    sans,
    key: keyInfo(createPublicKey({key: Buffer.from(parts.spki.bytes), format: 'der', type: 'spki'})),
    signatureAlgorithm: nameOf(SIGNATURE_ALGORITHMS, parts.sigOid),
    role: guessRole({cn: subject.cn, o: subject.o, isCA: false, usages, path}),
    openssl: opensslCommand,
  };
}
