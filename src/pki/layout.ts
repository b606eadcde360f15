// Layouts place the model on disk: `kubeadm` mirrors each node's filesystem (NODE/install.sh puts it in place),
// `flat` uses the course's component names in one folder. Both backends write exactly these entries.


import {kindById} from './catalog.js';
import {controlPlanes} from './resolve.js';
import type {CertSpec, PkiModel} from './model.js';

export type FileSource =
  | {type: 'cert'; spec: string}
  | {type: 'key'; spec: string}
  | {type: 'sa-key'}
  | {type: 'sa-pub'}
  | {type: 'kubeconfig'; kubeconfig: string}
  | {type: 'install'; node: string}
  | {type: 'readme'};

export interface FileEntry {
  /** Relative, `/`-separated path inside the output folder. */
  path: string;
  source: FileSource;
  /** 0o600 for keys, kubeconfigs and sa.pub (as kubeadm), 0o644 for certificates and the README. */
  mode: number;
  /** The plan node or user the file is placed for, so a problem with its path can name the plan field. */
  node?: string;
  user?: string;
}

export const SECRET_MODE = 0o600;
export const PUBLIC_MODE = 0o644;
/** The output root and the people's folders: only their owner may look inside. */
export const PRIVATE_DIR_MODE = 0o700;
/** Folders that mirror a node's filesystem (`/etc/kubernetes/pki`…) are 0755, as kubeadm makes them. */
export const NODE_DIR_MODE = 0o755;
export const USERS_FOLDER = 'users';
/** In every node folder of the kubeadm layout: the script that puts the node's files in place on the node. */
export const INSTALL_SCRIPT = 'install.sh';
/** Run as `sudo NODE/install.sh` as well as `sudo bash NODE/install.sh`. */
export const INSTALL_SCRIPT_MODE = 0o755;

/** Names kubepki keeps for itself in every output folder, whatever the layout: the README, the lock, its
 *  breaker and the staging folders. */
export const README_FILE = 'README.md';
export const LOCK_FILE = '.kubepki.lock';
export const LOCK_BREAKER = '.kubepki.lock.break';
export const STAGING_PREFIX = '.kubepki-staging-';

/** The mode of a folder of the tree (a `/`-separated path relative to the output root). */
export function folderMode(dir: string): number {
  return dir === USERS_FOLDER || dir.startsWith(`${USERS_FOLDER}/`) ? PRIVATE_DIR_MODE : NODE_DIR_MODE;
}

/** Every folder the entries need below the root, parents first, each once. */
export function treeFolders(entries: readonly FileEntry[]): string[] {
  const folders = new Set<string>();
  for (const {path} of entries) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return [...folders];
}

const cert = (path: string, spec: string): FileEntry => ({path: `${path}.crt`, source: {type: 'cert', spec}, mode: PUBLIC_MODE});
const key = (path: string, spec: string): FileEntry => ({path: `${path}.key`, source: {type: 'key', spec}, mode: SECRET_MODE});
const pair = (path: string, spec: string): FileEntry[] => [cert(path, spec), key(path, spec)];
const kubeconfig = (path: string, id: string): FileEntry => ({path, source: {type: 'kubeconfig', kubeconfig: id}, mode: SECRET_MODE});
const placedFor = (owner: {node: string} | {user: string}, entries: FileEntry[]): FileEntry[] => entries.map((e) => ({...e, ...owner}));


function kubeadmLayout(model: PkiModel): FileEntry[] {
  const {plan} = model;
  const all: FileEntry[] = [];
  const firstCp = controlPlanes(plan)[0]!.name;
  const separate = plan.certificates.authorities === 'separate';
  for (const node of plan.nodes) {
    const root = node.name;
    const pki = `${root}/etc/kubernetes/pki`;
    const out: FileEntry[] = [];
    if (node.role === 'control-plane') {
      out.push(...pair(`${pki}/ca`, 'ca'));
      if (separate) out.push(...pair(`${pki}/front-proxy-ca`, 'front-proxy-ca'), ...pair(`${pki}/etcd/ca`, 'etcd-ca'));
      else out.push(cert(`${pki}/front-proxy-ca`, 'ca'), cert(`${pki}/etcd/ca`, 'ca'));
      for (const kind of ['apiserver', 'apiserver-kubelet-client', 'apiserver-etcd-client', 'front-proxy-client',
        'etcd-server', 'etcd-peer', 'etcd-healthcheck-client']) {
        out.push(...pair(`${pki}/${kindById(kind).file}`, `${kind}@${node.name}`));
      }
      out.push({path: `${pki}/sa.key`, source: {type: 'sa-key'}, mode: SECRET_MODE});
      out.push({path: `${pki}/sa.pub`, source: {type: 'sa-pub'}, mode: SECRET_MODE});
      out.push(kubeconfig(`${root}/etc/kubernetes/admin.conf`, `admin.conf@${node.name}`));
      if (node.name === firstCp) out.push(kubeconfig(`${root}/etc/kubernetes/super-admin.conf`, 'super-admin.conf'));
      out.push(kubeconfig(`${root}/etc/kubernetes/controller-manager.conf`, `controller-manager.conf@${node.name}`));
      out.push(kubeconfig(`${root}/etc/kubernetes/scheduler.conf`, `scheduler.conf@${node.name}`));
    } else {
      out.push(cert(`${pki}/ca`, 'ca'));
    }
    out.push(kubeconfig(`${root}/etc/kubernetes/kubelet.conf`, `kubelet.conf@${node.name}`));
    out.push(...pair(`${root}/var/lib/kubelet/pki/kubelet`, `kubelet-serving@${node.name}`));
    out.push(kubeconfig(`${root}/var/lib/kube-proxy/kubeconfig`, 'kube-proxy'));
    out.push({path: `${root}/${INSTALL_SCRIPT}`, source: {type: 'install', node: node.name}, mode: INSTALL_SCRIPT_MODE});
    all.push(...placedFor({node: node.name}, out));
  }
  return all;
}

function flatLayout(model: PkiModel): FileEntry[] {
  const {plan} = model;
  const severalCps = controlPlanes(plan).length > 1;
  // Per-control-plane names get the node as a suffix only when there is more than one control plane.
  const flatName = (spec: CertSpec): string => {
    const base = kindById(spec.kind).flatName;
    if (spec.kind === 'kubelet-serving' || spec.kind === 'kubelet-client') return `${base}-${spec.node}`;
    return severalCps && kindById(spec.kind).scope === 'control-plane' ? `${base}-${spec.node}` : base;
  };
  const owner = (spec: CertSpec, entries: FileEntry[]) => (spec.node ? placedFor({node: spec.node}, entries) : entries);
  const byId = new Map(model.certs.map((c) => [c.id, c]));
  const out: FileEntry[] = [];
  for (const spec of model.certs) {
    if (spec.kind === 'user') continue;
    out.push(...owner(spec, pair(flatName(spec), spec.id)));
  }
  out.push({path: 'sa.key', source: {type: 'sa-key'}, mode: SECRET_MODE});
  out.push({path: 'sa.pub', source: {type: 'sa-pub'}, mode: SECRET_MODE});
  for (const kc of model.kubeconfigs) {
    if (kc.id.startsWith('user@')) continue;
    const spec = byId.get(kc.cert)!;
    out.push(...owner(spec, [kubeconfig(`${flatName(spec)}.kubeconfig`, kc.id)]));
  }
  return out;
}

function usersLayout(model: PkiModel): FileEntry[] {
  return model.plan.users.flatMap((user) => placedFor({user: user.name}, [
    ...pair(`${USERS_FOLDER}/${user.name}/${user.name}`, `user@${user.name}`),
    kubeconfig(`${USERS_FOLDER}/${user.name}/${user.name}.kubeconfig`, `user@${user.name}`),
  ]));
}

/** Every file the PKI consists of, in a stable order, README last. */
export function layoutFiles(model: PkiModel): FileEntry[] {
  const main = model.plan.certificates.layout === 'flat' ? flatLayout(model) : kubeadmLayout(model);
  return [...main, ...usersLayout(model), {path: README_FILE, source: {type: 'readme'}, mode: PUBLIC_MODE}];
}

/** The first .crt file of each certificate that has one (client certificates inside kubeconfigs have none). */
export function certFiles(entries: FileEntry[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const e of entries) if (e.source.type === 'cert' && !paths.has(e.source.spec)) paths.set(e.source.spec, e.path);
  return paths;
}

/** Where each certificate shows up first: its own .crt, or else the kubeconfig that embeds it (admin.conf,
 *  kubelet.conf…). Progress lines, the review table and the script's reports all name certificates by it. */
export function primaryPaths(model: PkiModel, entries: FileEntry[]): Map<string, string> {
  const paths = certFiles(entries);
  const certOf = new Map(model.kubeconfigs.map((k) => [k.id, k.cert]));
  for (const e of entries) {
    if (e.source.type !== 'kubeconfig') continue;
    const cert = certOf.get(e.source.kubeconfig);
    if (cert && !paths.has(cert)) paths.set(cert, e.path);
  }
  return paths;
}
