// A certificate signing request (PKCS#10, RFC 2986) read with our DER reader: the subject and key it asks for
// and the SANs of its extension request. node:crypto has no CSR parser and node-forge never reads input.

import {createPublicKey} from 'node:crypto';
import {DerError, TAG, childrenOf, expectTag, parseDer, readOid, type DerNode} from '../x509/der.js';
import {nameOf, NAME_ATTRIBUTES, SIGNATURE_ALGORITHMS, OID} from '../x509/oids.js';
import {altNames, extKeyUsage} from '../x509/profile.js';
import {readExtension, readName} from '../x509/structure.js';
import {nameSummary} from './certificate.js';
import {keyInfo} from './key-info.js';
import type {CsrSummary} from './report.js';
import {guessRole} from './role.js';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

/** The parts of a CertificationRequest, or throws DerError when `der` is not one. */
function csrParts(der: Uint8Array): {subject: DerNode; spki: DerNode; attributes?: DerNode; sigOid: string} {
  const top = childrenOf(expectTag(parseDer(der, 'CSR'), TAG.SEQUENCE, 'CSR'), 'CSR');
  if (top.length !== 3) throw new DerError('CSR: expected three elements');
  const info = childrenOf(expectTag(top[0], TAG.SEQUENCE, 'certificationRequestInfo'), 'certificationRequestInfo');
  expectTag(info[0], TAG.INTEGER, 'CSR version');
  const subject = expectTag(info[1], TAG.SEQUENCE, 'CSR subject');
  const spki = expectTag(info[2], TAG.SEQUENCE, 'CSR subjectPKInfo');
  if (info[3] !== undefined && info[3].tag !== 0xa0) throw new DerError('CSR: attributes are not [0]');
  const sigOid = readOid(childrenOf(expectTag(top[1], TAG.SEQUENCE, 'CSR signatureAlgorithm'))[0], 'CSR signatureAlgorithm');
  return {subject, spki, attributes: info[3], sigOid};
}

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
