// openssl.cnf text: one file per certificate ([req], [dn], [v3_…], [alt_names]) and the shared signing.cnf.
// Every value is re-checked against an allow-list first: config(5) gives '#', '$', '\' and quotes meaning.

import type {CertSpec, PkiModel} from '../pki/model.js';
import {specById} from '../pki/model.js';
import {kindById} from '../pki/catalog.js';
import {hasExtension, profileOf, type CertProfile} from '../pki/profile.js';
import {checkComment, checkDns, checkIp, checkName} from './allow-list.js';
import {extensionSection, SIGNING_CNF, workFiles} from './commands.js';

const pad = (key: string, width: number) => key.padEnd(width);
const kv = (entries: [string, string][]): string[] => {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${pad(k, width)} = ${v}`);
};

/** The DN section from the profile's names, in its order (each O before the CN, as kubeadm writes them);
 *  repeated keys need a `N.` prefix. */
export function dnLines(spec: CertSpec, profile: CertProfile): string[] {
  if (profile.subject.some((n) => n.tag !== 'UTF8String')) throw new Error(`internal: ${spec.id}: the cnf writes UTF8String names only`);
  const count = new Map<string, number>();
  for (const n of profile.subject) count.set(n.type, (count.get(n.type) ?? 0) + 1);
  const seen = new Map<string, number>();
  return kv(profile.subject.map((n, i): [string, string] => {
    const k = seen.get(n.type) ?? 0;
    seen.set(n.type, k + 1);
    const key = count.get(n.type)! > 1 ? `${k}.${n.type}` : n.type;
    return [key, checkName(n.value, `${spec.id} subject[${i}]`)];
  }));
}

const crit = (critical: boolean) => (critical ? 'critical, ' : '');

/** Each extension of the profile as the cnf line that makes it, with the config(5) names OpenSSL uses. */
const CNF_EXTENSIONS: Record<string, (p: CertProfile, altSection: string) => [string, string]> = {
  basicConstraints: (p) => ['basicConstraints', `${crit(p.basicConstraints!.critical)}CA:${p.basicConstraints!.ca ? 'TRUE' : 'FALSE'}`],
  keyUsage: (p) => ['keyUsage', `${crit(p.keyUsage!.critical)}${p.keyUsage!.usages.join(', ')}`],
  extKeyUsage: (p) => ['extendedKeyUsage', `${crit(p.extKeyUsage!.critical)}${p.extKeyUsage!.usages.join(', ')}`],
  subjectAltName: (p, altSection) => ['subjectAltName', `${crit(p.san!.critical)}@${altSection}`],
};

/** The section holding the SANs in a one-certificate cnf; a cnf with many certificates names one per certificate. */
export const ALT_NAMES_SECTION = 'alt_names';

/**
 * The extension section, in the profile's order. OpenSSL adds key identifiers on its own unless told `none`, so
 * both are always written: `hash` / `keyid` where the profile has them, `none` where it does not.
 */
export function extensionLines(spec: CertSpec, profile: CertProfile, altSection = ALT_NAMES_SECTION): string[] {
  const ids = new Set(['subjectKeyIdentifier', 'authorityKeyIdentifier']);
  const entries = profile.extensions.filter((e) => !ids.has(e.name)).map((e) => {
    const line = CNF_EXTENSIONS[e.name];
    if (!line) throw new Error(`internal: ${spec.id}: no cnf line for ${e.name}`);
    return line(profile, altSection);
  });
  if (profile.authorityKeyId?.issuerSerial) throw new Error(`internal: ${spec.id}: an AKI with issuer and serial is not written`);
  entries.push(['subjectKeyIdentifier', hasExtension(profile, 'subjectKeyIdentifier') ? 'hash' : 'none']);
  entries.push(['authorityKeyIdentifier', hasExtension(profile, 'authorityKeyIdentifier') ? 'keyid' : 'none']);
  return kv(entries);
}

export function altNameLines(spec: CertSpec, profile: CertProfile): string[] {
  const san = profile.san ?? {dns: [], ips: []};
  const dns = san.dns.map((d, i): [string, string] => [`DNS.${i + 1}`, checkDns(d, `${spec.id} sans.dns[${i}]`)]);
  const ips = san.ips.map((ip, i): [string, string] => [`IP.${i + 1}`, checkIp(ip, `${spec.id} sans.ips[${i}]`)]);
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
  const profile = profileOf(spec, specById(model, spec.signer));
  const files = workFiles(spec.id);
  const section = extensionSection(spec);
  const hasSans = profile.san !== undefined;
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
    ...dnLines(spec, profile),
    '',
    `[ ${section} ]`,
    spec.isCA
      ? '# A CA: may sign certificates (keyCertSign), no EKU (Go would pass it down the chain), SKI for its leaves to point at.'
      : '# A leaf: not a CA; EKU says what it may be used for; no SKI (as kubeadm); AKI = the CA’s SKI, nothing else.',
    ...extensionLines(spec, profile),
  ];
  if (hasSans) {
    lines.push(
      '',
      `[ ${ALT_NAMES_SECTION} ]`,
      spec.isCA ? '# kubeadm copies a CA’s CN into its DNS names.' : '# Every name and address clients dial: DNS names first, then IPs, in the order kubeadm writes them.',
      ...altNameLines(spec, profile),
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
