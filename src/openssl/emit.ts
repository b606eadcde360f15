// emitScript(model): generate-pki.sh, its openssl/*.cnf files and a README. The script reads like a lesson
// (authorities → clients → servers → sa key → kubeconfigs → tree) and writes exactly layoutFiles(model).

import {BACKDATE_MS} from '../generate/native.js';
import {layoutFiles, primaryPaths, type FileEntry} from '../pki/layout.js';
import type {CertSpec, PkiModel} from '../pki/model.js';
import {checkComment, checkDns, checkInteger, checkIp, checkKubeconfigName, checkName, checkPath} from './allow-list.js';
import {cnfFor, signingCnf} from './cnf.js';
import {kubeconfigBlock, treeBlock} from './emit-files.js';
import {CNF_FOLDER, DATE_VARS, examFormFor, extensionSection, opensslCommandsFor, opensslCommandsForSaKey, rsaBits, workFiles} from './commands.js';
import {HELPERS, INSTALL, PREFLIGHT, SAFETY} from './script-prelude.js';
import {renderScriptReadme} from './script-readme.js';
import {shq} from './shell.js';

export const SCRIPT_FILE = 'generate-pki.sh';
/** kubeadm's backdating, shared with native mode so both backends start certificates at the same moment. */
export const BACKDATE_SECONDS = BACKDATE_MS / 1000;

export interface EmittedScript {
  script: string;
  /** File name inside openssl/ → text. */
  cnfs: Map<string, string>;
  readme: string;
}

const rule = '# ' + '='.repeat(100);

const subjectText = (spec: CertSpec) => [...spec.subject.o.map((o) => `O=${o}`), `CN=${spec.subject.cn}`].join(', ');
const indent = (lines: string[], by = '  ') => lines.map((l) => (l === '' ? l : by + l.replaceAll('\n', `\n${by}`)));

/** Where an existing copy of the spec's certificate is looked for: its key pairs, else a kubeconfig embedding it. */
function reuseCall(model: PkiModel, spec: CertSpec, entries: FileEntry[]): string {
  const pairs = entries
    .filter((e) => e.source.type === 'key' && e.source.spec === spec.id)
    .map((e) => checkPath(e.path, `${spec.id} key path`).replace(/\.key$/, ''));
  if (spec.isCA) {
    if (pairs.length === 0) throw new Error(`internal: authority ${spec.id} has no key file in the layout`);
    return `reuse_ca ${[spec.id, ...pairs].map(shq).join(' ')}`;
  }
  if (pairs.length > 0) return `reuse_leaf ${[spec.id, spec.signer, 'files', pairs[0]!].map(shq).join(' ')}`;
  const kc = model.kubeconfigs.find((k) => k.cert === spec.id);
  const kcEntry = kc && entries.find((e) => e.source.type === 'kubeconfig' && e.source.kubeconfig === kc.id);
  if (!kcEntry) throw new Error(`internal: ${spec.id} is neither on disk nor in a kubeconfig`);
  return `reuse_leaf ${[spec.id, spec.signer, 'kubeconfig', checkPath(kcEntry.path, `${kc!.id} path`)].map(shq).join(' ')}`;
}

function certBlock(model: PkiModel, spec: CertSpec, entries: FileEntry[], primary: string): string[] {
  checkPath(spec.id, 'certificate id');
  const [genrsa, req, sign, check] = opensslCommandsFor(model, spec.id) as [string, string, string, string];
  const files = workFiles(spec.id);
  const section = extensionSection(spec);
  const sans = [
    ...spec.sans.dns.map((d, i) => `DNS:${checkDns(d, `${spec.id} sans.dns[${i}]`)}`),
    ...spec.sans.ips.map((ip, i) => `IP:${checkIp(ip, `${spec.id} sans.ips[${i}]`)}`),
  ];
  spec.subject.o.forEach((o, i) => checkName(o, `${spec.id} subject.o[${i}]`));
  checkName(spec.subject.cn, `${spec.id} subject.cn`);
  const usage = spec.isCA ? 'a CA' : spec.usages.join(' + ');
  const signedBy = spec.isCA ? 'self-signed' : `signed by ${spec.signer}`;
  const until = spec.isCA ? DATE_VARS.caNotAfter : DATE_VARS.notAfter;
  const signWhy = spec.isCA
    ? `# Self-sign it (-selfsign: the CA's own key signs) with [ ${section} ]: CA:TRUE, keyCertSign, a subject key identifier.`
    : `# ${spec.signer} signs it with [ ${section} ]: ${spec.usages.join(' + ')}, ${sans.length > 0 ? 'the SANs, ' : ''}AKI = ${spec.signer}'s key identifier.`;
  const report = (status: string) => `report_cert ${shq(spec.id)} ${shq(primary)} ${status}`;
  return [
    `# --- ${spec.id}: ${checkComment(spec.about, `${spec.id} about`)}`,
    `#     ${subjectText(spec)}; ${usage}; ${signedBy}; valid ${spec.validityHours}h${sans.length > 0 ? `; SANs ${sans.join(', ')}` : ''}`,
    `if ${reuseCall(model, spec, entries)}; then`,
    `  ${report('reused')}`,
    'else',
    ...indent([
      `# The private key: ${rsaBits(spec.keyAlgorithm)}-bit RSA, PKCS#1 ("BEGIN RSA PRIVATE KEY") as kubeadm writes it (OpenSSL 3 defaults to PKCS#8).`,
      genrsa,
      `progress key ${shq(spec.id)}`,
      `# The request (CSR): the public key and the subject from [ dn ] in ${files.cnf}, signed with the new key.`,
      req,
      signWhy,
      `# Valid from $${DATE_VARS.notBefore} (5 minutes ago) to $${until}; -preserveDN keeps the subject exactly as requested.`,
      `# The exam form makes the same certificate without the 5-minute backdate:`,
      `#   ${examFormFor(model, spec.id)}`,
      'new_serial',
      sign,
      '# Check: read it back as text (shown with KUBEPKI_VERBOSE=1).',
      `${check} >&3`,
      report('created'),
    ]),
    'fi',
  ];
}

function saBlock(model: PkiModel, entries: FileEntry[]): string[] {
  const key = entries.find((e) => e.source.type === 'sa-key');
  const pub = entries.find((e) => e.source.type === 'sa-pub');
  if (!key || !pub) throw new Error('internal: the layout has no sa.key/sa.pub');
  const stem = checkPath(key.path, 'sa.key path').replace(/\.key$/, '');
  if (pub.path !== `${stem}.pub`) throw new Error('internal: sa.pub is not beside sa.key');
  const [genrsa, pubout] = opensslCommandsForSaKey(model) as [string, string];
  return [
    `# ${checkComment(model.keyPairs[0]!.about, 'sa about')}`,
    `if reuse_sa ${shq(stem)}; then`,
    `  say ${shq(`  reused  sa  (${key.path} exists)`)}`,
    'else',
    '  # A bare RSA key (PKCS#1, like the others): no certificate, so no request and no signature.',
    `  ${genrsa}`,
    '  progress key sa',
    '  # The public half as SPKI ("BEGIN PUBLIC KEY"), the form --service-account-key-file reads.',
    `  ${pubout}`,
    `  say ${shq(`  created sa  (${key.path}, ${pub.path})`)}`,
    'fi',
  ];
}

function datesBlock(model: PkiModel): string[] {
  const seconds = (specs: CertSpec[], what: string): number => {
    const all = new Set(specs.map((s) => Math.round(s.validityHours * 3600)));
    if (all.size !== 1) throw new Error(`internal: ${what} certificates do not share one validity`);
    return checkInteger([...all][0]!, `${what} validity`);
  };
  const cas = model.certs.filter((c) => c.isCA);
  const leaves = model.certs.filter((c) => !c.isCA);
  return [
    '# The validity window, computed once so every certificate shares it, as kubeadm does: notBefore 5 minutes in the',
    '# past (against clock skew between machines), notAfter = now + the planned validity. date -u +%s is portable.',
    'NOW=$(date -u +%s)',
    "case $NOW in ''|*[!0-9]*) die \"date -u +%s did not print seconds: $NOW\" ;; esac",
    `${DATE_VARS.notBefore}=$(utc_time $((NOW - ${BACKDATE_SECONDS})))`,
    `# Authorities: caCertificateValidityPeriod = ${cas[0]!.validityHours}h`,
    `${DATE_VARS.caNotAfter}=$(utc_time $((NOW + ${seconds(cas, 'CA')})))`,
    `# Everything else: certificateValidityPeriod = ${leaves[0]!.validityHours}h`,
    `${DATE_VARS.notAfter}=$(utc_time $((NOW + ${seconds(leaves, 'leaf')})))`,
    `say "Certificates are valid from $${DATE_VARS.notBefore} (UTC); CAs until $${DATE_VARS.caNotAfter}, the rest until $${DATE_VARS.notAfter}."`,
    'progress start',
  ];
}

function step(n: number, title: string, why: string[]): string[] {
  return [rule, `# Step ${n}. ${title}`, ...why.map((w) => `# ${w}`), rule, "say ''", `say ${shq(`== Step ${n}. ${title}`)}`];
}

function header(model: PkiModel): string[] {
  const {plan} = model;
  const cps = plan.nodes.filter((n) => n.role === 'control-plane').length;
  checkKubeconfigName(plan.clusterName, 'clusterName');
  return [
    '#!/usr/bin/env bash',
    `# ${SCRIPT_FILE}: the Kubernetes PKI of cluster "${plan.clusterName}" as plain openssl commands, written by kubepki.`,
    `# Plan: ${cps} control-plane node(s), ${plan.nodes.length - cps} worker(s), ${plan.users.length} user(s); layout ${plan.certificates.layout};`,
    `# ${plan.certificates.authorities} authorities; ${plan.certificates.encryptionAlgorithm}. Read it before you run it: it runs nothing you cannot see here.`,
    '#',
    `#   bash ${SCRIPT_FILE} [TARGET]      TARGET defaults to ./pki beside this script`,
    '#',
    '# It writes into TARGET the same tree `kubepki generate --out TARGET` writes for this plan: keys, certificates,',
    '# sa.key/sa.pub, kubeconfigs and a README saying which file goes where. Needs bash and OpenSSL >= 3.0, nothing else.',
    '#',
    '# Choices worth knowing:',
    '# - One openssl.cnf per certificate (openssl/<id>.cnf), not one file with a section per certificate as Kubernetes the',
    '#   Hard Way has: each file says everything about one certificate (subject, extensions, SANs), so it can be read next',
    '#   to its commands, diffed, or reused on its own with `openssl req -config`. openssl/signing.cnf is shared.',
    '# - Signing uses `openssl ca`, not the exam form `openssl x509 -req -CA ca.crt -CAkey ca.key -days N -extfile f',
    '#   -extensions s`: OpenSSL 3.0\'s x509 cannot backdate notBefore (-not_before came in 3.4), and kubeadm starts every',
    '#   certificate 5 minutes in the past. `openssl ca -startdate -enddate` can, with a throwaway database.',
    '# - Subjects come from each cnf\'s [ dn ] section, never from -subj built from text, so no value can smuggle in an',
    '#   attribute such as O=system:masters. Every plan value in a command is a single-quoted literal; all of them were',
    '#   checked against allow-lists before this file was written (the heredocs below hold only such checked text).',
    '# - Same profile as native mode: X.509 v3, sha256WithRSAEncryption, positive random 16-byte serials, UTF8String',
    '#   names, critical basicConstraints and keyUsage, EKU on leaves only, SKI on CAs only, leaf AKI = CA key id.',
    '#',
    '# Safe to re-run: existing files are kept (a CA is never replaced; other files only with KUBEPKI_FORCE=1).',
    '# Temporary files (keys before they move, requests, the signing database) live in TARGET/.kubepki-staging-*',
    '# and are deleted on exit, success or not. Nothing is written outside TARGET.',
    '#',
    '# Environment: KUBEPKI_FORCE=1 replaces existing leaf certificates, keys and kubeconfigs (never a CA);',
    '#   KUBEPKI_VERBOSE=1 prints each certificate as text and openssl\'s own messages;',
    '#   KUBEPKI_PROGRESS=1 prints machine-readable progress (used by `kubepki generate --mode openssl`).',
  ];
}

/** Refuses, before any key is made, a file or symlink standing where the tree needs a folder. */
function folderCheckBlock(entries: FileEntry[]): string[] {
  const folders = new Set<string>();
  for (const {path} of entries) {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const list = [...folders].sort().map((f) => shq(checkPath(f, 'folder')));
  return [
    '# Every folder of the tree must be a real folder if it exists: a planted symlink could send files elsewhere.',
    `for d in ${list.join(' ')}; do`,
    '  if [ -L "$TARGET/$d" ] || { [ -e "$TARGET/$d" ] && [ ! -d "$TARGET/$d" ]; }; then',
    '    die "$TARGET/$d is not a folder (a file or symbolic link is in the way): move it away"',
    '  fi',
    'done',
  ];
}

export function emitScript(model: PkiModel): EmittedScript {
  const entries = layoutFiles(model);
  const primary = primaryPaths(model, entries);
  const cnfs = new Map<string, string>([['signing.cnf', signingCnf()]]);
  for (const spec of model.certs) cnfs.set(workFiles(spec.id).cnf.slice(CNF_FOLDER.length + 1), cnfFor(model, spec.id));

  const block = (spec: CertSpec) => [...certBlock(model, spec, entries, primary.get(spec.id) ?? spec.id), ''];
  const cas = model.certs.filter((c) => c.isCA);
  const clients = model.certs.filter((c) => !c.isCA && !c.usages.includes('serverAuth'));
  const servers = model.certs.filter((c) => !c.isCA && c.usages.includes('serverAuth'));
  const usedKubeconfigs = new Set(entries.flatMap((e) => (e.source.type === 'kubeconfig' ? [e.source.kubeconfig] : [])));

  const lines = [
    ...header(model),
    '',
    SAFETY,
    '',
    HELPERS,
    '',
    PREFLIGHT,
    '',
    ...folderCheckBlock(entries),
    '',
    ...datesBlock(model),
    '',
    ...step(1, 'Certificate authorities', [
      'Each CA: a key, a request, and a certificate it signs itself. Everything else is signed by one of them, and',
      'components trust a certificate because they have its CA\'s certificate (--client-ca-file, --etcd-cafile, …).',
    ]),
    ...cas.flatMap(block),
    ...step(2, 'Client certificates', [
      'A client proves who it is with its certificate: Kubernetes reads the CN as the user name and each O as a group.',
      'EKU clientAuth; no SANs (nobody dials a client).',
    ]),
    ...clients.flatMap(block),
    ...step(3, 'Server certificates', [
      'A server proves it is the host the client dialled: every DNS name and IP clients use must be a SAN (Go ignores the CN).',
      'EKU serverAuth (etcd also clientAuth: members dial each other with the same certificate).',
    ]),
    ...servers.flatMap(block),
    ...step(4, 'The service-account key pair', ['Not a certificate: a key pair the API server uses for ServiceAccount tokens.']),
    ...saBlock(model, entries),
    '',
    ...step(5, 'kubeconfigs', [
      'A kubeconfig bundles the server URL, the CA certificate and a client certificate + key, embedded as one-line base64',
      '(openssl base64 -A). The heredoc below is the file; only ${ca_data}, ${cert_data} and ${key_data} expand in it.',
    ]),
    ...model.kubeconfigs.filter((kc) => usedKubeconfigs.has(kc.id)).flatMap((kc) => [...kubeconfigBlock(kc), '']),
    ...step(6, 'The tree', [
      'Everything so far is in the work folder under short names. Here each file is copied to its place in the staged',
      'tree, and the staged tree is moved into TARGET: new files move in, identical files stay, conflicts stop the run.',
    ]),
    ...treeBlock(model, entries),
    '',
    INSTALL,
    '',
  ];
  const script = lines.join('\n');
  if (script.includes('\0') || script.includes('\r')) throw new Error('internal: the script contains NUL or CR');
  return {script, cnfs, readme: renderScriptReadme(model)};
}
