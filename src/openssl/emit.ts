// emitScript(model): generate-pki.sh, its openssl/*.cnf files and a README. The script reads like a lesson
// (authorities → clients → servers → sa key → kubeconfigs → tree) and writes exactly layoutFiles(model).

import {BACKDATE_MS} from '../pki/profile.js';
import {folderMode, layoutFiles, primaryPaths, treeFolders, type FileEntry} from '../pki/layout.js';
import type {CertSpec, PkiModel} from '../pki/model.js';
import {checkComment, checkDns, checkInteger, checkIp, checkKubeconfigName, checkName, checkPath} from './allow-list.js';
import {cnfFor, signingCnf} from './cnf.js';
import {kubeconfigBlock, treeBlock} from './emit-files.js';
import {CNF_FOLDER, DATE_VARS, examFormFor, extensionSection, opensslCommandsFor, opensslCommandsForSaKey, workFiles} from './commands.js';
import {HELPERS, INSTALL, LOCK_FUNCTIONS, PREFLIGHT, SAFETY} from './script-prelude.js';
import {existingFunctions} from './script-existing.js';
import {leafFunctions, rowArguments} from './script-leaf.js';
import {renderScriptReadme} from './script-readme.js';
import {shq} from './shell.js';
import {specById, subjectText} from '../pki/model.js';
import {controlPlanes, RSA_BITS} from '../plan/types.js';

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

const indent = (lines: string[], by = '  ') => lines.map((l) => (l === '' ? l : by + l.replaceAll('\n', `\n${by}`)));

/** Lookups the blocks need, built once: emitting stays linear in the plan's size. */
interface EmitIndex {
  model: PkiModel;
  entries: FileEntry[];
  /** Key files of each spec (stems: the path without `.key`). */
  keyStems: Map<string, string[]>;
  /** Copies of each CA's certificate that have no key beside them. */
  caCopies: Map<string, string[]>;
  /** The kubeconfig file that embeds each client certificate without a file of its own. */
  kubeconfigPathOf: Map<string, {id: string; path: string}>;
  primary: Map<string, string>;
}

function emitIndex(model: PkiModel, entries: FileEntry[]): EmitIndex {
  const keyStems = new Map<string, string[]>();
  const keyPaths = new Set<string>();
  for (const e of entries) {
    if (e.source.type !== 'key') continue;
    keyPaths.add(e.path);
    const stems = keyStems.get(e.source.spec) ?? [];
    stems.push(checkPath(e.path, `${e.source.spec} key path`).replace(/\.key$/, ''));
    keyStems.set(e.source.spec, stems);
  }
  const isCa = new Set(model.certs.filter((c) => c.isCA).map((c) => c.id));
  const caCopies = new Map<string, string[]>();
  for (const e of entries) {
    if (e.source.type !== 'cert' || !isCa.has(e.source.spec) || keyPaths.has(e.path.replace(/\.crt$/, '.key'))) continue;
    caCopies.set(e.source.spec, [...(caCopies.get(e.source.spec) ?? []), checkPath(e.path, `${e.source.spec} copy path`)]);
  }
  const kubeconfigEntry = new Map<string, string>();
  for (const e of entries) if (e.source.type === 'kubeconfig' && !kubeconfigEntry.has(e.source.kubeconfig)) kubeconfigEntry.set(e.source.kubeconfig, e.path);
  const kubeconfigPathOf = new Map<string, {id: string; path: string}>();
  for (const kc of model.kubeconfigs) {
    const path = kubeconfigEntry.get(kc.id);
    if (path && !kubeconfigPathOf.has(kc.cert)) kubeconfigPathOf.set(kc.cert, {id: kc.id, path});
  }
  return {model, entries, keyStems, caCopies, kubeconfigPathOf, primary: primaryPaths(model, entries)};
}

/** Where an existing copy of the spec's certificate is looked for: its key pairs, else a kubeconfig embedding it.
 *  An authority is reused (reuse_ca); a leaf is judged against the rows its spec implies (judge_leaf). */
function reuseCall(ix: EmitIndex, spec: CertSpec, primary: string): string {
  const stems = ix.keyStems.get(spec.id) ?? [];
  if (spec.isCA) {
    if (stems.length === 0) throw new Error(`internal: authority ${spec.id} has no key file in the layout`);
    return `reuse_ca ${[spec.id, ...stems].map(shq).join(' ')}`;
  }
  const rows = rowArguments(spec, specById(ix.model, spec.signer)).join(' ');
  if (stems.length > 0) return `judge_leaf ${[spec.id, spec.signer, 'files', stems[0]!, primary].map(shq).join(' ')} \\\n    ${rows}`;
  const kc = ix.kubeconfigPathOf.get(spec.id);
  if (!kc) throw new Error(`internal: ${spec.id} is neither on disk nor in a kubeconfig`);
  return `judge_leaf ${[spec.id, spec.signer, 'kubeconfig', checkPath(kc.path, `${kc.id} path`), primary].map(shq).join(' ')} \\\n    ${rows}`;
}

function certBlock(ix: EmitIndex, spec: CertSpec): string[] {
  const {model} = ix;
  const primary = ix.primary.get(spec.id) ?? spec.id;
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
  // A leaf is kept, or made (created, or re-issued), or left for refuse_contradictions to list.
  const [kept, otherwise] = spec.isCA ? [report('reused'), 'else'] : [report('kept'), 'elif [ "$VERDICT" != refused ]; then'];
  const copies = spec.isCA ? ix.caCopies.get(spec.id) ?? [] : [];
  // Existing copies of a CA certificate are checked before a new CA key is made (kubepki never replaces a CA).
  const copiesCheck = copies.length > 0 ? [`ca_copies ${[spec.id, ...copies].map(shq).join(' ')}`] : [];
  return [
    `# --- ${spec.id}: ${checkComment(spec.about, `${spec.id} about`)}`,
    `#     ${subjectText(spec.subject)}; ${usage}; ${signedBy}; valid ${spec.validityHours}h${sans.length > 0 ? `; SANs ${sans.join(', ')}` : ''}`,
    `if ${reuseCall(ix, spec, primary)}; then`,
    ...indent(copiesCheck),
    `  ${kept}`,
    otherwise,
    ...indent([
      ...copiesCheck,
      `# The private key: ${RSA_BITS[spec.keyAlgorithm]}-bit RSA, PKCS#1 ("BEGIN RSA PRIVATE KEY") as kubeadm writes it (OpenSSL 3 defaults to PKCS#8).`,
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
      report(spec.isCA ? 'created' : '"$VERDICT"'),
    ]),
    'fi',
  ];
}

function saBlock(model: PkiModel, entries: FileEntry[]): string[] {
  const keys = entries.filter((e) => e.source.type === 'sa-key');
  const pubs = new Set(entries.filter((e) => e.source.type === 'sa-pub').map((e) => e.path));
  if (keys.length === 0) throw new Error('internal: the layout has no sa.key');
  const stems = keys.map((k) => checkPath(k.path, 'sa.key path').replace(/\.key$/, ''));
  if (stems.some((stem) => !pubs.has(`${stem}.pub`))) throw new Error('internal: sa.pub is not beside sa.key');
  const [first] = stems as [string];
  const [genrsa, pubout] = opensslCommandsForSaKey(model) as [string, string];
  return [
    `# ${checkComment(model.keyPairs[0]!.about, 'sa about')}`,
    '# An existing sa.key is kept, never replaced: every ServiceAccount token signed with it would stop working.',
    'SA_REUSED=0',
    `if reuse_sa ${stems.map(shq).join(' ')}; then`,
    '  SA_REUSED=1',
    `  say ${shq(`  reused  sa  (${first}.key exists)`)}`,
    'else',
    '  # A bare RSA key (PKCS#1, like the others): no certificate, so no request and no signature.',
    `  ${genrsa}`,
    '  progress key sa',
    '  # The public half as SPKI ("BEGIN PUBLIC KEY"), the form --service-account-key-file reads.',
    `  ${pubout}`,
    `  say ${shq(`  created sa  (${first}.key, ${first}.pub)`)}`,
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
    '# An existing CA is reused only if it is valid now and outlives the certificates it signs (see ca_rules).',
    `LEAF_HOURS=${shq(String(leaves[0]!.validityHours))}`,
    `NOW_N=$(utc_time "$NOW" | tr -cd 0-9)`,
    `LEAF_END_N=$(printf '%s' "$${DATE_VARS.notAfter}" | tr -cd 0-9)`,
    `say "Certificates are valid from $${DATE_VARS.notBefore} (UTC); CAs until $${DATE_VARS.caNotAfter}, the rest until $${DATE_VARS.notAfter}."`,
    'progress start',
  ];
}

function step(n: number, title: string, why: string[]): string[] {
  return [rule, `# Step ${n}. ${title}`, ...why.map((w) => `# ${w}`), rule, "say ''", `say ${shq(`== Step ${n}. ${title}`)}`];
}

function header(model: PkiModel): string[] {
  const {plan} = model;
  const cps = controlPlanes(plan).length;
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
    '# Safe to re-run, with the same or a grown plan: a CA or sa.key is never replaced; a certificate that still says what',
    '# the plan says (and does not expire within 30 days) is kept; what is missing is made; one that contradicts the plan',
    '# stops the run with the fields that differ, and KUBEPKI_FORCE=1 re-issues only those.',
    '# Temporary files (keys before they move, requests, the signing database) live in TARGET/.kubepki-staging-*',
    '# and are deleted on exit, success or not. Nothing is written outside TARGET.',
    '#',
    '# Environment: KUBEPKI_FORCE=1 re-issues the certificates that contradict the plan and replaces files in conflict',
    '#   (never a CA or sa.key);',
    '#   KUBEPKI_VERBOSE=1 prints each certificate as text and openssl\'s own messages;',
    '#   KUBEPKI_PROGRESS=1 prints machine-readable progress (used by `kubepki generate --mode openssl`).',
  ];
}

/** What kind of file each entry is for the install pass: CAs and sa.key are never replaced; a leaf's files
 *  (`of=ID`) and kubeconfigs (`kc=ID`) are replaced when ID was made in this run; the README and installers
 *  (`doc`) when kubepki wrote them. */
function treeKind(e: FileEntry, isCa: ReadonlySet<string>, certOf: ReadonlyMap<string, string>): string {
  const s = e.source;
  if ((s.type === 'cert' || s.type === 'key') && isCa.has(s.spec)) return 'ca';
  if (s.type === 'cert' || s.type === 'key') return `of=${checkPath(s.spec, 'certificate id')}`;
  if (s.type === 'kubeconfig') return `kc=${checkPath(certOf.get(s.kubeconfig)!, 'certificate id')}`;
  if (s.type === 'sa-key') return 'sa';
  if (s.type === 'sa-pub') return 'sa-pub';
  return 'doc';
}

/**
 * The tree as data (TREE_FILES kind:mode:path, TREE_FOLDERS mode:path), then, before any key is made, every folder
 * and file already in the target checked: a file or link where a folder goes, a link, FIFO or device where a file goes.
 */
function treeTableBlock(model: PkiModel, entries: FileEntry[]): string[] {
  const isCa = new Set(model.certs.filter((c) => c.isCA).map((c) => c.id));
  const certOf = new Map(model.kubeconfigs.map((k) => [k.id, k.cert]));
  const mode = (m: number) => m.toString(8).padStart(4, '0');
  const folders = treeFolders(entries).map((f) => checkPath(f, 'folder'));
  return [
    '# The tree as kind:mode:path ("ca" and "sa" files are never replaced) and its folders as mode:path, parents first.',
    'TREE_FILES=(',
    ...entries.map((e) => `  ${shq(`${treeKind(e, isCa, certOf)}:${mode(e.mode)}:${checkPath(e.path, 'tree path')}`)}`),
    ')',
    'TREE_FOLDERS=(',
    ...folders.map((f) => `  ${shq(`${mode(folderMode(f))}:${f}`)}`),
    ')',
    '',
    '# Before any key is made: every folder of the tree must be a real folder if it exists (a planted symlink could send',
    '# files elsewhere), and every file already there a regular file kubepki may read.',
    'for entry in "${TREE_FOLDERS[@]}"; do',
    '  d=${entry#*:}',
    '  if [ -L "$TARGET/$d" ] || { [ -e "$TARGET/$d" ] && [ ! -d "$TARGET/$d" ]; }; then',
    '    die "$TARGET/$d is not a folder (a file or symbolic link is in the way): move it away"',
    '  fi',
    'done',
    'for entry in "${TREE_FILES[@]}"; do existing_file "${entry#*:*:}"; done',
  ];
}

export function emitScript(model: PkiModel): EmittedScript {
  // Ids become file names in the script: check them before anything is built from them.
  for (const spec of model.certs) checkPath(spec.id, 'certificate id');
  const entries = layoutFiles(model);
  const ix = emitIndex(model, entries);
  const cnfs = new Map<string, string>([['signing.cnf', signingCnf()]]);
  for (const spec of model.certs) cnfs.set(workFiles(spec.id).cnf.slice(CNF_FOLDER.length + 1), cnfFor(model, spec.id));

  const block = (spec: CertSpec) => [...certBlock(ix, spec), ''];
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
    existingFunctions(),
    '',
    leafFunctions(),
    '',
    LOCK_FUNCTIONS,
    '',
    PREFLIGHT,
    '',
    ...treeTableBlock(model, entries),
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
    '# Every leaf is judged: those that contradict the plan stop the run here, before anything is placed.',
    'refuse_contradictions',
    '',
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
