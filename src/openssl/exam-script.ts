// `kubepki script --style exam`: the short form a learner types in a CKA/CKS course — per certificate genrsa,
// req -subj, x509 -req -CA (req -x509 for a CA) and one openssl.cnf with a section per certificate — with the
// course's file names. For learning: no lock, staging or reuse; `--style safe` is the script for real machines.

import {kindById} from '../pki/catalog.js';
import {certFiles, layoutFiles} from '../pki/layout.js';
import {specById, type CertSpec, type PkiModel} from '../pki/model.js';
import {profileOf, type CertProfile} from '../pki/profile.js';
import {resolve} from '../pki/resolve.js';
import type {Plan} from '../plan/types.js';
import {checkComment, checkName, checkPath} from './allow-list.js';
import {altNameLines, extensionLines} from './cnf.js';
import {keyCommand, publicKeyCommand, validityDays} from './commands.js';
import {shq} from './shell.js';

export const EXAM_CNF = 'openssl.cnf';
/** Where the script writes when run without an argument (beside the caller, as a course's working folder). */
export const EXAM_DEFAULT_TARGET = 'pki';

export interface ExamScript {
  script: string;
  /** The one openssl.cnf the script's commands read, written beside it. */
  cnf: string;
  readme: string;
}

/** The certificate's files in the course's names (the flat layout), and its cnf sections' names. */
interface ExamFiles {
  spec: CertSpec;
  profile: CertProfile;
  crt: string;
  key: string;
  csr: string;
  section: string;
  altSection: string;
}

/** A cnf section name from a file stem: config(5) allows letters, digits and `_`; collisions get a number. */
function sectionNamer(): (stem: string) => string {
  const used = new Set<string>();
  return (stem) => {
    const base = stem.replace(/[^A-Za-z0-9]+/g, '_');
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
}

function examFiles(model: PkiModel): ExamFiles[] {
  const crtPaths = certFiles(layoutFiles(model));
  const name = sectionNamer();
  return model.certs.map((spec) => {
    const placed = crtPaths.get(spec.id);
    if (placed === undefined) throw new Error(`internal: the layout places no file for ${spec.id}`);
    const crt = checkPath(placed, `${spec.id} file`);
    const stem = crt.replace(/\.crt$/, '');
    const section = name(stem.slice(stem.lastIndexOf('/') + 1));
    return {spec, profile: profileOf(spec, specById(model, spec.signer)), crt, key: `${stem}.key`, csr: `${stem}.csr`, section: `v3_${section}`, altSection: `${section}_alt_names`};
  });
}

/** `-subj` in the profile's order (each O, then the CN, as kubeadm writes them); names are from the allow-list, so no `/`, `=` or `\`. */
function subjArg(f: ExamFiles): string {
  return f.profile.subject.map((n, i) => `/${n.type}=${checkName(n.value, `${f.spec.id} subject[${i}]`)}`).join('');
}

/** Why this certificate exists, on one line: who uses it, why its O, why its SANs. */
function whyLine(f: ExamFiles): string {
  const kind = kindById(f.spec.kind);
  const parts = [checkComment(f.spec.about, `${f.spec.id} about`)];
  if (f.spec.subject.o.length > 0 && kind.identity) parts.push(`O=${f.spec.subject.o.join(', O=')}: ${kind.identity}`);
  const sans = [...f.spec.sans.dns, ...f.spec.sans.ips];
  if (sans.length > 0 && !f.spec.isCA) parts.push(`SANs: every name clients dial (${sans.length}, see [ ${f.altSection} ])`);
  return `# ${f.crt}: ${parts.join(' · ')}`;
}

function commandsFor(f: ExamFiles, files: Map<string, ExamFiles>): string[] {
  const days = validityDays(f.profile);
  const key = keyCommand(f.spec.keyAlgorithm, f.key, 'short');
  if (f.spec.isCA) {
    return [key, `openssl req -x509 -new -key ${shq(f.key)} -subj ${shq(subjArg(f))} -days ${days} -${f.profile.digest} -config ${EXAM_CNF} -extensions ${f.section} -out ${shq(f.crt)}`];
  }
  const ca = files.get(f.spec.signer)!;
  return [
    key,
    `openssl req -new -key ${shq(f.key)} -subj ${shq(subjArg(f))} -config ${EXAM_CNF} -out ${shq(f.csr)}`,
    `openssl x509 -req -in ${shq(f.csr)} -CA ${shq(ca.crt)} -CAkey ${shq(ca.key)} -days ${days} -${f.profile.digest} \\\n  -extfile ${EXAM_CNF} -extensions ${f.section} -out ${shq(f.crt)}`,
  ];
}

/** One certificate's `[ v3_… ]` section and, with SANs, its `[ …_alt_names ]`: what `-extensions` reads. */
function cnfSection(f: ExamFiles): string[] {
  return [`[ ${f.section} ]`, ...extensionLines(f.spec, f.profile, f.altSection),
    ...(f.profile.san ? ['', `[ ${f.altSection} ]`, ...altNameLines(f.spec, f.profile)] : [])];
}

function cnfText(model: PkiModel, all: ExamFiles[]): string {
  const lines = [
    `# ${EXAM_CNF} for cluster "${checkComment(model.plan.clusterName, 'clusterName')}": one section per certificate, as Kubernetes the Hard Way's ca.conf.`,
    '# `openssl req` reads [ req ]; each signature names its own [ v3_… ] section with -extensions.',
    '',
    '[ req ]',
    '# -subj gives the subject; utf8 + utf8only make every name a UTF8String, as kubeadm and kubepki write them.',
    'prompt             = no',
    'distinguished_name = req_dn',
    'utf8               = yes',
    'string_mask        = utf8only',
    '',
    '[ req_dn ]',
  ];
  for (const f of all) lines.push('', `# ${f.crt}`, ...cnfSection(f));
  return `${lines.join('\n')}\n`;
}

const PREFACE = [
  '# FOR LEARNING. This is the short form you type in a CKA/CKS course: genrsa, req -subj, x509 -req -CA.',
  '# It has no lock, no staging folder and no reuse of an existing CA, and it starts every certificate now',
  '# (kubeadm backdates them 5 minutes). To build a PKI for real machines run `kubepki script --style safe`',
  '# (the default) or `kubepki generate`: same certificates, written atomically, never replacing a CA.',
];

function scriptText(model: PkiModel, all: ExamFiles[]): string {
  const byId = new Map(all.map((f) => [f.spec.id, f]));
  const order = [...all.filter((f) => f.spec.isCA), ...all.filter((f) => !f.spec.isCA && f.spec.usages.every((u) => u === 'clientAuth')),
    ...all.filter((f) => !f.spec.isCA && f.spec.usages.includes('serverAuth'))];
  const folders = [...new Set(all.map((f) => f.crt).filter((p) => p.includes('/')).map((p) => p.slice(0, p.lastIndexOf('/'))))];
  const lines = [
    '#!/usr/bin/env bash',
    `# generate-pki.sh (exam style): the certificates of cluster "${checkComment(model.plan.clusterName, 'clusterName')}", written by \`kubepki script --style exam\`.`,
    ...PREFACE,
    '#',
    `# Usage: bash generate-pki.sh [FOLDER]   (default ./${EXAM_DEFAULT_TARGET}; it must be empty or missing)`,
    'set -euo pipefail',
    'umask 077   # keys readable by you alone; the certificates are made readable at the end',
    `here=$(cd -- "$(dirname -- "$0")" && pwd)`,
    `out=\${1:-${EXAM_DEFAULT_TARGET}}`,
    'mkdir -p -- "$out"',
    'if [ -n "$(ls -A -- "$out")" ]; then echo "generate-pki.sh: $out is not empty; this learning script never overwrites" >&2; exit 1; fi',
    `cp -- "$here/${EXAM_CNF}" "$out/${EXAM_CNF}"`,
    'cd -- "$out"',
    ...(folders.length > 0 ? [`mkdir -p ${folders.map(shq).join(' ')}`] : []),
  ];
  const section = (title: string, fs: ExamFiles[]) => {
    if (fs.length === 0) return;
    lines.push('', `# ===== ${title} =====`);
    for (const f of fs) lines.push('', whyLine(f), ...commandsFor(f, byId));
  };
  section('Certificate authorities: a key and a self-signed certificate each', order.filter((f) => f.spec.isCA));
  section('Client certificates: CN is the user name, each O a group', order.filter((f) => !f.spec.isCA && !f.spec.usages.includes('serverAuth')));
  section('Server certificates: every name clients dial is a SAN', order.filter((f) => f.spec.usages.includes('serverAuth')));
  const sa = saFiles(model);
  lines.push(
    '', '# ===== The service-account key pair: not a certificate =====',
    `# ${sa.key}: ${checkComment(model.keyPairs[0]!.about, 'sa about')}`,
    ...sa.commands,
    '',
    '# Certificates and the public key are public; keys stay 0600. The CSRs were only needed to sign.',
    `chmod 644 ${order.map((f) => shq(f.crt)).join(' ')} ${shq(sa.pub)}`,
    `rm -f ${order.filter((f) => !f.spec.isCA).map((f) => shq(f.csr)).join(' ')}`,
    `echo "wrote ${all.length} certificates and the service-account key pair to $out"`,
  );
  if (order.length !== all.length) throw new Error('internal: a certificate is neither a CA, a client nor a server');
  return `${lines.join('\n')}\n`;
}

/** The service-account key pair's files and the two commands that make them. */
function saFiles(model: PkiModel): {key: string; pub: string; commands: string[]} {
  const entries = layoutFiles(model).filter((e) => e.source.type === 'sa-key' || e.source.type === 'sa-pub');
  const key = checkPath(entries.find((e) => e.source.type === 'sa-key')!.path, 'sa key file');
  const pub = checkPath(entries.find((e) => e.source.type === 'sa-pub')!.path, 'sa pub file');
  return {key, pub, commands: [keyCommand(model.keyPairs[0]!.keyAlgorithm, key, 'short'), publicKeyCommand(key, pub)]};
}

/** One certificate as the exam-style script makes it (model from examModel): the comment saying why, its
 *  commands and the cnf section they read. `sa` gives the service-account key pair's commands. The wizard's
 *  preview shows exactly these, so what the learner reads is what the script will run. */
export function examCertificate(model: PkiModel, specId: string): {why: string; commands: string[]; cnf: string[]} {
  if (specId === 'sa') {
    const sa = saFiles(model);
    return {why: `# ${sa.key}: ${checkComment(model.keyPairs[0]!.about, 'sa about')}`, commands: sa.commands, cnf: []};
  }
  const all = examFiles(model);
  const f = all.find((x) => x.spec.id === specId);
  if (!f) throw new Error(`no certificate spec ${specId}`);
  return {why: whyLine(f), commands: commandsFor(f, new Map(all.map((x) => [x.spec.id, x]))), cnf: cnfSection(f)};
}

function readmeText(model: PkiModel, all: ExamFiles[]): string {
  return [
    `# generate-pki.sh (exam style) — cluster "${model.plan.clusterName}"`,
    '',
    ...PREFACE.map((l) => l.replace(/^# ?/, '')),
    '',
    '```sh',
    'bash generate-pki.sh          # writes ./pki',
    'bash generate-pki.sh /tmp/x   # or any empty folder',
    '```',
    '',
    `It makes ${all.length} certificates with the flat layout's names (the course's): each CA with \`openssl req -x509\`,`,
    'every other certificate with `genrsa`, `req -new -subj` and `x509 -req -CA -CAkey -days -extfile -extensions`.',
    `\`${EXAM_CNF}\` holds one \`[ v3_… ]\` section per certificate (and its \`[ …_alt_names ]\`), as Kubernetes the Hard Way does.`,
    'Kubeconfigs are not written here: `kubepki generate` writes them, and a course builds them with',
    '`kubectl config set-cluster`, `set-credentials --embed-certs` and `set-context`.',
    '',
  ].join('\n');
}

/** The model the exam-style script is made from: the plan with the flat layout's (the course's) file names. */
export const examModel = (plan: Plan): PkiModel => resolve({...plan, certificates: {...plan.certificates, layout: 'flat'}});

/** The exam-style script of a model from examModel; every value passes the same allow-lists as the safe script's. */
export function emitExamScriptFor(model: PkiModel): ExamScript {
  const all = examFiles(model);
  return {script: scriptText(model, all), cnf: cnfText(model, all), readme: readmeText(model, all)};
}

export const emitExamScript = (plan: Plan): ExamScript => emitExamScriptFor(examModel(plan));
