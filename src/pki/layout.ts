// Layouts place the model on disk: `kubeadm` mirrors each node's filesystem (copy DIR/NODE to /), `flat`
// uses the course's component names in one folder. Both backends write exactly these entries.


import {kindById} from './catalog.js';
import {controlPlanes} from './resolve.js';
import type {CertSpec, PkiModel} from './model.js';

export type FileSource =
  | {type: 'cert'; spec: string}
  | {type: 'key'; spec: string}
  | {type: 'sa-key'}
  | {type: 'sa-pub'}
  | {type: 'kubeconfig'; kubeconfig: string}
  | {type: 'readme'};

export interface FileEntry {
  /** Relative, `/`-separated path inside the output folder. */
  path: string;
  source: FileSource;
  /** 0o600 for keys and kubeconfigs, 0o644 for certificates, public keys and the README. */
  mode: number;
  /** The plan node or user the file is placed for, so a problem with its path can name the plan field. */
  node?: string;
  user?: string;
}

export const SECRET_MODE = 0o600;
export const PUBLIC_MODE = 0o644;
export const DIR_MODE = 0o700;

/** Paths kubepki keeps for itself in every output folder, whatever the layout. */
export const README_FILE = 'README.md';
export const LOCK_FILE = '.kubepki.lock';
export const STAGING_PREFIX = '.kubepki-staging-';
/** In the kubeadm layout every node folder gets one at its root. */
export const NODE_INSTALL_SCRIPT = 'install.sh';

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
      out.push({path: `${pki}/sa.pub`, source: {type: 'sa-pub'}, mode: PUBLIC_MODE});
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
  out.push({path: 'sa.pub', source: {type: 'sa-pub'}, mode: PUBLIC_MODE});
  for (const kc of model.kubeconfigs) {
    if (kc.id.startsWith('user@')) continue;
    const spec = byId.get(kc.cert)!;
    out.push(...owner(spec, [kubeconfig(`${flatName(spec)}.kubeconfig`, kc.id)]));
  }
  return out;
}

function usersLayout(model: PkiModel): FileEntry[] {
  return model.plan.users.flatMap((user) => placedFor({user: user.name}, [
    ...pair(`users/${user.name}/${user.name}`, `user@${user.name}`),
    kubeconfig(`users/${user.name}/${user.name}.kubeconfig`, `user@${user.name}`),
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
  for (const e of entries) {
    if (e.source.type !== 'kubeconfig') continue;
    const id = e.source.kubeconfig;
    const cert = model.kubeconfigs.find((k) => k.id === id)?.cert;
    if (cert && !paths.has(cert)) paths.set(cert, e.path);
  }
  return paths;
}
