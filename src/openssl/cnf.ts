// openssl.cnf text: one file per certificate ([req], [dn], [v3_…], [alt_names]) and the shared signing.cnf.
// Every value is re-checked against an allow-list first: config(5) gives '#', '$', '\' and quotes meaning.

import type {CertSpec, PkiModel} from '../pki/model.js';
import {specById} from '../pki/model.js';
import {kindById} from '../pki/catalog.js';
import {checkComment, checkDns, checkIp, checkName} from './allow-list.js';
import {extensionSection, SIGNING_CNF, workFiles} from './commands.js';

const pad = (key: string, width: number) => key.padEnd(width);
const kv = (entries: [string, string][]): string[] => {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${pad(k, width)} = ${v}`);
};

/** The DN section: each O (a group) before the CN, kubeadm's order; repeated keys need a `N.` prefix. */
function dnLines(spec: CertSpec): string[] {
  const where = (f: string) => `${spec.id} subject.${f}`;
  const os = spec.subject.o.map((o, i) => checkName(o, where(`o[${i}]`)));
  const cn = checkName(spec.subject.cn, where('cn'));
  const oEntries: [string, string][] = os.length === 1 ? [['O', os[0]!]] : os.map((o, i) => [`${i}.O`, o]);
  return kv([...oEntries, ['CN', cn]]);
}

/** Extensions in the order native mode writes them: BC, KU, EKU, SAN, SKI, AKI (the equivalence test checks). */
function extensionLines(spec: CertSpec): string[] {
  const hasSans = spec.sans.dns.length + spec.sans.ips.length > 0;
  const entries: [string, string][] = [];
  if (spec.isCA) {
    entries.push(['basicConstraints', 'critical, CA:TRUE'], ['keyUsage', 'critical, digitalSignature, keyEncipherment, keyCertSign']);
  } else {
    entries.push(['basicConstraints', 'critical, CA:FALSE'], ['keyUsage', 'critical, digitalSignature, keyEncipherment']);
    const usages = spec.usages.map((u) => {
      if (u !== 'serverAuth' && u !== 'clientAuth') throw new Error(`${spec.id}: unknown usage ${JSON.stringify(u)}`);
      return u;
    });
    if (usages.length > 0) entries.push(['extendedKeyUsage', usages.join(', ')]);
  }
  if (hasSans) entries.push(['subjectAltName', '@alt_names']);
  if (spec.isCA) {
    entries.push(['subjectKeyIdentifier', 'hash'], ['authorityKeyIdentifier', 'none']);
  } else {
    entries.push(['subjectKeyIdentifier', 'none'], ['authorityKeyIdentifier', 'keyid']);
  }
  return kv(entries);
}

function altNameLines(spec: CertSpec): string[] {
  const dns = spec.sans.dns.map((d, i): [string, string] => [`DNS.${i + 1}`, checkDns(d, `${spec.id} sans.dns[${i}]`)]);
  const ips = spec.sans.ips.map((ip, i): [string, string] => [`IP.${i + 1}`, checkIp(ip, `${spec.id} sans.ips[${i}]`)]);
  return kv([...dns, ...ips]);
}

/** What the subject means to whoever reads it: a user and groups only to the one who checks client certificates. */
function dnComment(spec: CertSpec): string {
  const issuer = kindById(spec.kind).issuer; // the authority's role, also when one CA signs everything
  if (spec.isCA) return '# A CA’s name: what its certificates show as their issuer.';
  if (!spec.usages.includes('clientAuth')) return '# A server certificate: clients check its SANs below, not this CN; the name only labels it.';
  if (issuer === 'etcd-ca') return '# etcd checks that its CA signed this certificate; with etcd’s own auth on, the CN is the etcd user.';
  if (issuer === 'front-proxy-ca') return '# The API server accepts its front proxy only under a CN listed in --requestheader-allowed-names.';
  return spec.subject.o.length > 0
    ? '# The API server reads the CN as the user name and each O as a group; kubeadm puts the O values first.'
    : '# The API server reads the CN as the user name.';
}

/** The openssl.cnf for one certificate, used by `req -new -config` and `ca -extfile … -extensions`. */
export function cnfFor(model: PkiModel, specId: string): string {
  const spec = specById(model, specId);
  const files = workFiles(spec.id);
  const section = extensionSection(spec);
  const hasSans = spec.sans.dns.length + spec.sans.ips.length > 0;
  const signer = spec.isCA ? 'itself (a root CA)' : specById(model, spec.signer).id;
  const lines = [
    `# ${files.cnf}: ${spec.id}`,
    `# ${checkComment(spec.about, `${spec.id} about`)}`,
    `# Signed by ${signer}. generate-pki.sh reads this file twice:`,
    `#   openssl req -new -key ${files.key} -config ${files.cnf} -out ${files.csr}   ([ req ] and [ dn ])`,
    `#   openssl ca … -extfile ${files.cnf} -extensions ${section}                 ([ ${section} ]${hasSans ? ' and [ alt_names ]' : ''})`,
    '',
    '[ req ]',
    '# Take the subject from [ dn ] and ask nothing; never -subj, so no value can add an attribute.',
    '# utf8 + utf8only: every name is a UTF8String, as native mode writes them.',
    ...kv([['prompt', 'no'], ['distinguished_name', 'dn'], ['default_md', 'sha256'], ['utf8', 'yes'], ['string_mask', 'utf8only']]),
    '',
    '[ dn ]',
    dnComment(spec),
    ...dnLines(spec),
    '',
    `[ ${section} ]`,
    spec.isCA
      ? '# A CA: may sign certificates (keyCertSign), no EKU (Go would pass it down the chain), SKI for its leaves to point at.'
      : '# A leaf: not a CA; EKU says what it may be used for; no SKI (as kubeadm); AKI = the CA’s SKI, nothing else.',
    ...extensionLines(spec),
  ];
  if (hasSans) {
    lines.push(
      '',
      '[ alt_names ]',
      spec.isCA ? '# kubeadm copies a CA’s CN into its DNS names.' : '# Every name and address clients dial: DNS names first, then IPs, in the order kubeadm writes them.',
      ...altNameLines(spec),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The `openssl ca` settings every signature uses; the database lives in the script's throwaway work folder. */
export function signingCnf(): string {
  return [
    `# ${SIGNING_CNF}: how generate-pki.sh signs with \`openssl ca\`.`,
    '# Why `openssl ca` and not `openssl x509 -req`: on OpenSSL 3.0 only `ca` can set notBefore',
    '# (-startdate), and kubeadm backdates every certificate by 5 minutes against clock skew.',
    '# The database and serial number live in the script’s work folder and are deleted with it.',
    '',
    '[ ca ]',
    'default_ca = kubepki',
    '',
    '[ kubepki ]',
    ...kv([
      ['database', './ca-db/index.txt'],
      ['new_certs_dir', './ca-db'],
      ['serial', './ca-db/serial'],
      ['default_md', 'sha256'],
      ['policy', 'policy_kubepki'],
      ['unique_subject', 'no'],
      ['copy_extensions', 'none'],
      ['preserve', 'yes'],
      ['email_in_dn', 'no'],
      ['utf8', 'yes'],
      ['string_mask', 'utf8only'],
    ]),
    '# unique_subject = no: etcd server and peer certificates share a subject (the node name).',
    '# copy_extensions = none: extensions come only from the cnf section named by -extensions, never from the request.',
    '# preserve = yes (and -preserveDN): keep the request’s subject exactly, attribute order and string types included.',
    '',
    '[ policy_kubepki ]',
    '# Every certificate needs a CN; groups (O) are optional.',
    ...kv([['commonName', 'supplied'], ['organizationName', 'optional']]),
    '',
  ].join('\n');
}
