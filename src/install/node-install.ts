// NODE/install.sh: the reviewable script that puts one node folder of the kubeadm layout in place on that node,
// creating only missing folders and never touching existing ones, so nobody has to `cp -a NODE/. /`.

import {checkComment, checkPath} from '../openssl/allow-list.js';
import {shq} from '../openssl/shell.js';
import {INSTALL_SCRIPT, INSTALL_SCRIPT_MODE, NODE_DIR_MODE, SECRET_MODE, type FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import type {PlanNode} from '../plan/types.js';
import {isControlPlane} from '../plan/types.js';

/** `all`: a cluster built without kubeadm. The kubeadm sets hold only what kubeadm reads from disk and
 *  does not refuse: `kubeadm init` on the first control plane, `kubeadm join --control-plane` on the others. */
export type InstallSet = 'all' | 'kubeadm-init' | 'kubeadm-join-control-plane';
export const INSTALL_SETS: readonly InstallSet[] = ['all', 'kubeadm-init', 'kubeadm-join-control-plane'];

export {INSTALL_SCRIPT, INSTALL_SCRIPT_MODE};
/** Folders the script creates on the node: what `/etc/kubernetes` and `/var/lib/kubelet` are on a kubeadm node. */
export const INSTALL_DIR_MODE = NODE_DIR_MODE;

export interface InstallFile {
  /** Where it goes on the node: `/etc/kubernetes/pki/ca.crt`. */
  target: string;
  /** Where it is inside the node folder, beside install.sh: `etc/kubernetes/pki/ca.crt`. */
  relative: string;
  /** The layout entry's mode, given to the installed file. */
  mode: number;
  /** The install sets that copy it, `all` first. */
  sets: InstallSet[];
  entry: FileEntry;
}

/** Where install.sh goes in the output folder, for a node that gets one. */
export const installScriptPath = (node: string): string => `${checkPath(node, 'node name')}/${INSTALL_SCRIPT}`;

/** The nodes that get an install.sh: every node of the kubeadm layout (the flat layout has no node folders). */
export const installNodes = (model: PkiModel): string[] =>
  model.plan.certificates.layout === 'kubeadm' ? model.plan.nodes.map((n) => n.name) : [];

const KUBEADM_DIR = '/etc/kubernetes/';
const KUBEADM_PKI_DIR = '/etc/kubernetes/pki/';
const parentOf = (target: string): string => target.slice(0, target.lastIndexOf('/') + 1);

interface NodeFacts {
  node: PlanNode;
  /** The control plane that holds super-admin.conf: where `kubeadm init` runs. */
  firstCp: string;
  single: boolean;
}

/** What every node's installer needs from the whole layout, found once per layout (emitting stays linear). */
interface LayoutFacts {
  byNode: Map<string, FileEntry[]>;
  nodes: Map<string, PlanNode>;
  caIds: Set<string>;
  firstCp: string;
}

const layoutFactsCache = new WeakMap<FileEntry[], LayoutFacts>();

function layoutFacts(model: PkiModel, entries: FileEntry[]): LayoutFacts {
  const hit = layoutFactsCache.get(entries);
  if (hit) return hit;
  if (model.plan.certificates.layout !== 'kubeadm') throw new Error('install.sh exists only in the kubeadm layout');
  const byNode = new Map<string, FileEntry[]>();
  let firstCp: string | undefined;
  for (const e of entries) {
    const slash = e.path.indexOf('/');
    if (slash < 0) continue; // the README at the top
    const node = e.path.slice(0, slash);
    const list = byNode.get(node);
    if (list) list.push(e);
    else byNode.set(node, [e]);
    if (e.source.type === 'kubeconfig' && e.source.kubeconfig === 'super-admin.conf') firstCp = node;
  }
  if (!firstCp) throw new Error('internal: the layout has no super-admin.conf');
  const facts = {byNode, nodes: new Map(model.plan.nodes.map((n) => [n.name, n])), caIds: new Set(model.certs.filter((c) => c.isCA).map((c) => c.id)), firstCp};
  layoutFactsCache.set(entries, facts);
  return facts;
}

function nodeFacts(model: PkiModel, entries: FileEntry[], name: string): NodeFacts & {layout: LayoutFacts} {
  const layout = layoutFacts(model, entries);
  const node = layout.nodes.get(name);
  if (!node) throw new Error(`no node ${name} in the plan`);
  return {node, firstCp: layout.firstCp, single: model.plan.certificates.authorities === 'single', layout};
}

/** kubeadm's "copy certificates manually" set: the authorities with their keys, and the service-account pair. */
function isShared(caIds: ReadonlySet<string>, entry: FileEntry): boolean {
  const s = entry.source;
  if (s.type === 'sa-key' || s.type === 'sa-pub') return true;
  return (s.type === 'cert' || s.type === 'key') && caIds.has(s.spec);
}

const MEMBERS: Record<Exclude<InstallSet, 'all'>, (caIds: ReadonlySet<string>, f: {target: string; entry: FileEntry}) => boolean> = {
  // kubeadm init finds existing certificates and kubeconfigs ("Using existing ...") and only creates the rest.
  'kubeadm-init': (_, {target, entry}) =>
    target.startsWith(KUBEADM_PKI_DIR) || (entry.source.type === 'kubeconfig' && parentOf(target) === KUBEADM_DIR),
  'kubeadm-join-control-plane': (caIds, {entry}) => isShared(caIds, entry),
};

export interface Refusal {
  /** A few words for the script's header. */
  short: string;
  /** The one-line error: why, and what to do instead. */
  message: string;
}

/** The kubeadm sets that do not fit this node, each with what to do instead. */
export function refusedSets(model: PkiModel, entries: FileEntry[], name: string): Partial<Record<InstallSet, Refusal>> {
  const {node, firstCp, single} = nodeFacts(model, entries, name);
  if (node.role === 'worker') {
    const WORKER = 'a worker; kubeadm join needs nothing from this folder';
    const message = `${name} is a worker: kubeadm join gives a worker its kubelet credentials by TLS bootstrap and refuses`
      + ' an existing /etc/kubernetes/kubelet.conf or /etc/kubernetes/pki/ca.crt, so install nothing before kubeadm join;'
      + ' use --all only for a cluster built without kubeadm';
    return {'kubeadm-init': {short: WORKER, message}, 'kubeadm-join-control-plane': {short: WORKER, message}};
  }
  if (single) {
    const message = 'this PKI has a single authority: etcd/ca.key and front-proxy-ca.key do not exist, so kubeadm cannot make'
      + " a control plane's etcd and front-proxy certificates; use --all, or generate with certificates.authorities: separate";
    return {'kubeadm-init': {short: 'a single authority', message}, 'kubeadm-join-control-plane': {short: 'a single authority', message}};
  }
  if (name === firstCp) {
    return {'kubeadm-join-control-plane': {short: 'the first control plane uses --kubeadm-init',
      message: `${name} is the first control plane (it holds super-admin.conf): use --kubeadm-init here, and --kubeadm-join-control-plane on the other control planes`}};
  }
  return {'kubeadm-init': {short: `kubeadm init runs on ${firstCp}`,
    message: `kubeadm init runs on the first control plane, ${firstCp} (install.sh --kubeadm-init there): use --kubeadm-join-control-plane here`}};
}

/** The files of one node folder, with where each goes on the node and the install sets that copy it. */
export function installFiles(model: PkiModel, entries: FileEntry[], node: string): InstallFile[] {
  const refused = refusedSets(model, entries, node);
  const offered = INSTALL_SETS.filter((s): s is Exclude<InstallSet, 'all'> => s !== 'all' && !refused[s]);
  const prefix = `${checkPath(node, 'node name')}/`;
  const {caIds, byNode} = layoutFacts(model, entries);
  // The node's files, not the installer itself.
  return (byNode.get(node) ?? []).filter((e) => e.path.startsWith(prefix) && e.source.type !== 'install').map((entry) => {
    const relative = checkPath(entry.path, 'tree path').slice(prefix.length);
    const target = `/${relative}`;
    const sets: InstallSet[] = ['all', ...offered.filter((s) => MEMBERS[s](caIds, {target, entry}))];
    return {target, relative, mode: entry.mode, sets, entry};
  });
}

const USAGE = 'usage: sudo bash install.sh [--all | --kubeadm-init | --kubeadm-join-control-plane] [--force] [--dry-run]';
const octal = (mode: number): string => mode.toString(8).padStart(4, '0');

const OPTIONS: Record<InstallSet, string[]> = {
  all: ['every file of this node, for a cluster built without kubeadm (the default)'],
  'kubeadm-init': [
    'before kubeadm init on the first control plane: /etc/kubernetes/pki and the kubeconfigs kubeadm init',
    'would otherwise write (admin, super-admin, controller-manager, scheduler and kubelet .conf)',
  ],
  'kubeadm-join-control-plane': [
    'before kubeadm join --control-plane on another control plane: only the shared authorities with their',
    'keys and the service-account key pair; kubeadm makes the rest',
  ],
};

/** What to do once the files are in place, per install set. */
function nextSteps(node: PlanNode): Record<InstallSet, string[]> {
  const restart = isControlPlane(node)
    ? 'Next: restart what reads these files: etcd, the API server, controller-manager and scheduler, the kubelet and kube-proxy.'
    : 'Next: restart the kubelet and kube-proxy so they read these files.';
  return {
    all: [restart],
    'kubeadm-init': [
      'Next: kubeadm init, with the settings of the plan (control-plane endpoint, service subnet, DNS domain, this node\'s',
      'name and address). It uses the files now in /etc/kubernetes ("Using existing ...") instead of making its own, and stops',
      'at a certificate whose names do not match its configuration. --upload-certs is not needed when the other control',
      'planes run install.sh --kubeadm-join-control-plane.',
    ],
    'kubeadm-join-control-plane': [
      'Next: kubeadm join ENDPOINT --control-plane --token ... --discovery-token-ca-cert-hash ..., without --certificate-key:',
      'kubeadm finds the shared authorities here and makes this node\'s own certificates and kubeconfigs from them.',
    ],
  };
}

function helpText(model: PkiModel, node: PlanNode, refused: Partial<Record<InstallSet, Refusal>>): string[] {
  const role = isControlPlane(node) ? 'control plane' : 'worker';
  const option = (name: string, about: string[], note = ''): string[] =>
    [`  ${name}${note}`, ...about.map((l) => `      ${l}`)];
  return [
    `install.sh for node ${node.name} (${role}) of cluster ${model.plan.clusterName}, generated by kubepki:`,
    `puts the files of this folder in place on ${node.name}.`,
    '',
    USAGE,
    '',
    ...INSTALL_SETS.flatMap((s) => option(`--${s}`, OPTIONS[s], refused[s] ? `  (not for this node: ${refused[s].short})` : '')),
    ...option('--force', ['replace files that exist with other content, keeping each old one as FILE.bak (FILE.bak.1, ... if taken)']),
    ...option('--dry-run', ['show what would be created, installed and replaced; change nothing']),
    ...option('DESTDIR=DIR (environment)', ['install below DIR instead of / (a fake root: root is not needed then)']),
    '',
    'Files are read from the folder holding this script, whatever the working directory.',
    `Missing folders are created ${octal(INSTALL_DIR_MODE)}, owned by root; existing folders (/, /etc, /var, ...) are never changed.`,
    'Every target is checked before anything is written: a file with other content stops the run with nothing',
    'changed, unless --force; a symbolic link or other non-regular file in the way always stops it. A file with',
    'the same content is left in place and only given its mode and owner. Each new file is written to a',
    'temporary file beside its target, given its mode and owner, then renamed into place.',
    'Exit status: 0 done; 1 refused with nothing changed (a conflict, an unsafe target) or a command failed;',
    '2 wrong usage, or a mode that does not fit this node.',
  ];
}

/** Raw text (backslashes kept for bash), where `\${` writes a literal `${` and `${x}` interpolates. */
function bash(strings: TemplateStringsArray, ...values: string[]): string {
  return String.raw({raw: strings.raw.map((s) => s.replaceAll('\\${', '${'))}, ...values);
}

/** First, before anything bash-only: started as 'sh install.sh', say so. */
const BASH_ONLY = bash`if [ -z "\${BASH_VERSION:-}" ]; then echo 'install.sh: run it with bash: sudo bash install.sh' >&2; exit 2; fi`;

const SAFETY = bash`set -Eeuo pipefail   # stop at the first failing command, unset variable or failing pipe
umask 077            # anything created starts private; folders and files get their final mode explicitly
export LC_ALL=C
unset CDPATH`;

const HELPERS = bash`die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
refuse() { printf 'install.sh: %s\n' "$*" >&2; exit 2; }
usage_error() { printf 'install.sh: %s\n%s\n' "$*" "$USAGE" >&2; exit 2; }
trap 'printf "install.sh: failed at line %s (exit %s)\n" "$LINENO" "$?" >&2' ERR

SET=''
FORCE=0
DRY_RUN=0
choose() {
  if [ -n "$SET" ] && [ "$SET" != "$1" ]; then usage_error "--$SET and --$1 exclude each other: choose one"; fi
  SET=$1
}
while [ $# -gt 0 ]; do
  case $1 in
    --all) choose all ;;
    --kubeadm-init) choose kubeadm-init ;;
    --kubeadm-join-control-plane) choose kubeadm-join-control-plane ;;
    --force) FORCE=1 ;;
    --dry-run) DRY_RUN=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "unknown option: $1" ;;
  esac
  shift
done
SET=\${SET:-all}
refuse_set   # a kubeadm mode that does not fit this node stops here, saying what to do instead`;

const ROOT_AND_SOURCE = bash`# Root writes the real /, owning everything it creates; DESTDIR makes a fake root anyone can fill.
AS_ROOT=0
if [ "$EUID" -eq 0 ]; then AS_ROOT=1; fi
DESTDIR=\${DESTDIR:-}
ROOT=''
if [ -n "$DESTDIR" ]; then
  [ -d "$DESTDIR" ] || refuse "DESTDIR=$DESTDIR is not a folder: create it first"
  ROOT=$(cd -- "$DESTDIR" && pwd -P)
  if [ "$ROOT" = / ]; then ROOT=''; fi
elif [ "$AS_ROOT" != 1 ]; then
  refuse "run it as root (sudo bash install.sh ...), or set DESTDIR=FOLDER to install below FOLDER instead of /"
fi
SRC=$(cd -- "$(dirname -- "\${BASH_SOURCE[0]}")" && pwd -P)

# add MODE SETS PATH: a file of this node, at PATH beside this script and at /PATH on the node, copied by the
# install sets listed in SETS. node_files (above) lists them.
MODES=()
PATHS=()
add() {
  case ,$2, in
    *,"$SET",*) MODES+=("$1"); PATHS+=("$3") ;;
  esac
}
node_files`;

const DIR = octal(INSTALL_DIR_MODE);
const BACKUP = octal(SECRET_MODE);
const INSTALL = bash`for rel in "\${PATHS[@]}"; do
  if [ -L "$SRC/$rel" ] || [ ! -f "$SRC/$rel" ]; then die "$SRC/$rel is missing or not a regular file: copy the whole $NODE folder to this node"; fi
done

# First pass: look at every folder and file this run would touch; change nothing. A problem is reported and
# counted, so the user sees them all at once.
problems=0
problem() { printf 'install.sh: %s\n' "$*" >&2; problems=$((problems + 1)); }
SEEN='|'
CREATE=()
# check_dirs PATH: each folder above PATH, top down. An existing folder, or a symbolic link to one, is used as it
# is (never chmod-ed or chown-ed: /, /etc and /var belong to the system); a missing one is to be created.
check_dirs() {
  local rest=\${1%/*} part cur=''
  while [ -n "$rest" ]; do
    part=\${rest%%/*}
    if [ "$part" = "$rest" ]; then rest=''; else rest=\${rest#*/}; fi
    cur=\${cur:+$cur/}$part
    case $SEEN in *"|$cur|"*) continue ;; esac
    SEEN=$SEEN$cur'|'
    if [ -d "$ROOT/$cur" ]; then continue; fi
    if [ -e "$ROOT/$cur" ] || [ -L "$ROOT/$cur" ]; then
      problem "$ROOT/$cur exists and is not a folder: move it away"
      continue
    fi
    CREATE+=("$cur")
  done
}
STATE=()   # per file: new, same (identical content), differs, or bad
for rel in "\${PATHS[@]}"; do
  check_dirs "$rel"
  t=$ROOT/$rel
  if [ -L "$t" ]; then
    problem "$t is a symbolic link: move it away"
    STATE+=(bad)
  elif [ -e "$t" ] && [ ! -f "$t" ]; then
    problem "$t exists and is not a regular file: move it away"
    STATE+=(bad)
  elif [ ! -e "$t" ]; then
    STATE+=(new)
  elif cmp -s "$SRC/$rel" "$t"; then
    STATE+=(same)
  else
    STATE+=(differs)
  fi
done
if [ "$problems" -gt 0 ]; then die "$problems problem(s) above: nothing was installed"; fi
conflicts=0
for i in "\${!PATHS[@]}"; do
  if [ "\${STATE[$i]}" != differs ]; then continue; fi
  conflicts=$((conflicts + 1))
  if [ "$FORCE" != 1 ]; then printf 'install.sh: %s exists with other content\n' "$ROOT/\${PATHS[$i]}" >&2; fi
done
if [ "$conflicts" -gt 0 ] && [ "$FORCE" != 1 ]; then
  die "$conflicts file(s) above exist with other content: nothing was changed. Compare them with the files beside this script, then run again with --force to replace them (each old file is kept as FILE.bak)"
fi

# Second pass: create the missing folders, then put each file in place.
TMP=''
cleanup() { if [ -n "$TMP" ]; then rm -f -- "$TMP"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
OWNER=''
if [ "$AS_ROOT" = 1 ]; then OWNER=', root:root'; fi
# tell DONE WOULD TEXT: one line per folder or file, in the words of a real run or of a dry run.
tell() {
  if [ "$DRY_RUN" = 1 ]; then printf '  %-14s %s\n' "$2" "$3"; else printf '  %-10s %s\n' "$1" "$3"; fi
}
# own MODE PATH: the final mode, and root's ownership when root runs this (a setgid folder or another primary
# group would otherwise leave the file in some other group).
own() {
  chmod "$1" "$2"
  if [ "$AS_ROOT" = 1 ]; then chown 0:0 "$2"; fi
}
# backup_name FILE: FILE.bak, or FILE.bak.1, FILE.bak.2... when taken.
backup_name() {
  local b=$1.bak n=0
  while [ -e "$b" ] || [ -L "$b" ]; do
    n=$((n + 1))
    b=$1.bak.$n
  done
  printf '%s\n' "$b"
}
# put SOURCE TARGET MODE: a private temporary file beside TARGET, given its mode and owner, then renamed over
# TARGET: a service reading TARGET sees the old file or the new one, never half of one.
put() {
  TMP=$(mktemp "\${2%/*}/.install.sh.XXXXXX")
  cp -- "$1" "$TMP"
  own "$3" "$TMP"
  mv -f -- "$TMP" "$2"
  TMP=''
}
for d in \${CREATE[@]+"\${CREATE[@]}"}; do
  if [ "$DRY_RUN" != 1 ]; then
    mkdir -- "$ROOT/$d"
    own ${DIR} "$ROOT/$d"
  fi
  tell created 'would create' "$ROOT/$d/  (folder, ${DIR}$OWNER)"
done
installed=0
replaced=0
unchanged=0
for i in "\${!PATHS[@]}"; do
  rel=\${PATHS[$i]}
  mode=\${MODES[$i]}
  t=$ROOT/$rel
  case \${STATE[$i]} in
    same)
      # Same content; the mode and owner are set anyway, so a key once copied world-readable is closed again.
      if [ "$DRY_RUN" != 1 ]; then own "$mode" "$t"; fi
      tell unchanged unchanged "$t  ($mode$OWNER)"
      unchanged=$((unchanged + 1))
      ;;
    differs)
      b=$(backup_name "$t")
      # The old file may be a key: its copy is private whatever the old mode was.
      if [ "$DRY_RUN" != 1 ]; then
        (set -o noclobber; cat "$t" >"$b")
        own ${BACKUP} "$b"
        put "$SRC/$rel" "$t" "$mode"
      fi
      tell replaced 'would replace' "$t  ($mode$OWNER; old file kept as $b, ${BACKUP})"
      replaced=$((replaced + 1))
      ;;
    *)
      if [ "$DRY_RUN" != 1 ]; then put "$SRC/$rel" "$t" "$mode"; fi
      tell installed 'would install' "$t  ($mode$OWNER)"
      installed=$((installed + 1))
      ;;
  esac
done
if [ "$DRY_RUN" = 1 ]; then
  printf 'Dry run of --%s, nothing changed: would install %s, replace %s, leave %s unchanged; would create %s folder(s).\n' \
    "$SET" "$installed" "$replaced" "$unchanged" "\${#CREATE[@]}"
  exit 0
fi
printf 'Done, --%s: %s installed, %s replaced, %s unchanged; %s folder(s) created.\n' \
  "$SET" "$installed" "$replaced" "$unchanged" "\${#CREATE[@]}"
next_steps`;

/**
 * The part of every install.sh that does not depend on the node: safety settings, options, the checks and the
 * install itself. It runs the node's own functions (usage, refuse_set, node_files, next_steps) defined before it.
 * The openssl script writes it once and puts each node's part in front of it.
 */
export const INSTALL_ENGINE = [
  '# ---- What follows is the same in every node\'s install.sh. ----',
  SAFETY,
  '',
  HELPERS,
  '',
  ROOT_AND_SOURCE,
  '',
  INSTALL,
  '',
].join('\n');

const printfLines = (lines: string[]): string =>
  [`printf '%s\\n' \\`, ...lines.map((l, i) => `  ${shq(l)}${i < lines.length - 1 ? ' \\' : ''}`)].join('\n');

/** The part of NODE/install.sh that is this node's: what it is, its files, the modes it refuses, what comes next. */
export function installNodePart(model: PkiModel, entries: FileEntry[], node: string): string {
  const {node: planNode} = nodeFacts(model, entries, node);
  const refused = refusedSets(model, entries, node);
  const files = installFiles(model, entries, node);
  const help = helpText(model, planNode, refused).map((l) => checkComment(l, 'install.sh help'));
  const next = nextSteps(planNode);
  const offered = INSTALL_SETS.filter((s) => !refused[s]);
  return [
    '#!/usr/bin/env bash',
    ...help.map((l) => (l === '' ? '#' : `# ${l}`)),
    '',
    BASH_ONLY,
    '',
    `NODE=${shq(node)}`,
    `USAGE=${shq(USAGE)}`,
    '# usage: the comment at the top of this file.',
    "usage() { sed -n '2,/^$/{s/^# \\{0,1\\}//;p;}' \"${BASH_SOURCE[0]}\"; }",
    '# refuse_set: the kubeadm modes that do not fit this node, and what to do instead.',
    'refuse_set() {',
    ...(Object.keys(refused).length === 0 ? ['  :'] : [
      '  case $SET in',
      ...INSTALL_SETS.flatMap((s) => {
        const no = refused[s];
        return no ? [`    ${s}) refuse ${shq(`--${s} does not apply: ${checkComment(no.message, 'refusal')}`)} ;;`] : [];
      }),
      '  esac',
    ]),
    '}',
    '# node_files: this node\'s files, each with its mode and the install sets that copy it.',
    'node_files() {',
    ...files.map((f) => `  add ${octal(f.mode)} ${f.sets.join(',')} ${shq(f.relative)}`),
    '}',
    '# next_steps: what to do once the files are in place.',
    'next_steps() {',
    '  case $SET in',
    ...offered.map((s) => [`    ${s})`, printfLines(next[s]).replace(/^/gm, '      '), '      ;;'].join('\n')),
    '  esac',
    '}',
    '',
  ].join('\n');
}

/** The text of NODE/install.sh: the node's part, then the engine every node shares. */
export function renderInstallScript(model: PkiModel, entries: FileEntry[], node: string): string {
  return installNodePart(model, entries, node) + INSTALL_ENGINE;
}
