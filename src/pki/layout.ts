// Layouts place the model on disk: `kubeadm` mirrors each node's filesystem (NODE/install.sh puts it in place),
// `flat` uses the course's component names in one folder. Both backends write exactly these entries.


import {AUTHORITY_KINDS, kindById, kubeconfigId, LEAF_KINDS, SA_KEY_PAIR, specId} from './catalog.js';
import {controlPlanes, isControlPlane} from '../plan/types.js';
import {signerOf} from './resolve.js';
import type {CertSpec, PkiModel} from './model.js';
import {flatConfigs, kubeadmNodeConfigs, rbacConfigs, type ConfigFile} from './config-files.js';

export type FileSource =
  | {type: 'cert'; spec: string}
  | {type: 'key'; spec: string}
  | {type: 'sa-key'}
  | {type: 'sa-pub'}
  | {type: 'kubeconfig'; kubeconfig: string}
  | {type: 'install'; node: string}
  | {type: 'config'; config: ConfigFile}
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
 *  breaker, the staging folders and the map. */
export const README_FILE = 'README.md';
export const LOCK_FILE = '.kubepki.lock';
export const LOCK_BREAKER = '.kubepki.lock.break';
export const STAGING_PREFIX = '.kubepki-staging-';
/** The PKI as a self-contained page, written on request (`generate --map`, the wizard's Map choice). */
export const MAP_FILE = 'map.html';

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
/** Static pod manifests 0600 as kubeadm writes them (they name every key); the kubelet config, RBAC and flags 0644. */
const configEntry = (path: string, config: ConfigFile): FileEntry =>
  ({path, source: {type: 'config', config}, mode: config.what === 'static-pod' ? SECRET_MODE : PUBLIC_MODE});
/** sa.key and sa.pub, both 0600 as kubeadm writes them. */
const saPair = (stem: string): FileEntry[] => [
  {path: `${stem}.key`, source: {type: 'sa-key'}, mode: SECRET_MODE},
  {path: `${stem}.pub`, source: {type: 'sa-pub'}, mode: SECRET_MODE},
];


/** Each node's folder: the authorities (copies of the one that signs in their place with `authorities: single`; only
 *  the cluster CA's certificate on workers), its certificates and kubeconfigs where the catalog places them, the
 *  service-account pair on control planes, and the installer. */
function kubeadmLayout(model: PkiModel): FileEntry[] {
  const {plan} = model;
  const specs = new Map(model.certs.map((c) => [c.id, c]));
  const kubeconfigsOf = new Map<string, FileEntry[]>();
  const everyNode: FileEntry[] = [];
  for (const kc of model.kubeconfigs) {
    const placement = kindById(specs.get(kc.cert)!.kind).kubeconfig!;
    if (!placement.kubeadmPath) continue; // people's kubeconfigs go to users/
    if (placement.everyNode) everyNode.push(kubeconfig(placement.kubeadmPath, kc.id));
    else kubeconfigsOf.set(kc.node!, [...(kubeconfigsOf.get(kc.node!) ?? []), kubeconfig(placement.kubeadmPath, kc.id)]);
  }
  const all: FileEntry[] = [];
  for (const node of plan.nodes) {
    const cp = isControlPlane(node);
    const out: FileEntry[] = [];
    for (const kind of AUTHORITY_KINDS) {
      if (!cp) {
        if (kind.onWorkers) out.push(cert(kind.kubeadmPath!, kind.id));
      } else if (specs.has(kind.id)) out.push(...pair(kind.kubeadmPath!, kind.id));
      else out.push(cert(kind.kubeadmPath!, signerOf(plan, kind)));
    }
    for (const kind of LEAF_KINDS) {
      const id = kind.kubeadmPath && kind.scope !== 'user' ? specId(kind.id, {node: node.name}) : undefined;
      if (id && specs.has(id)) out.push(...pair(kind.kubeadmPath!, id));
    }
    if (cp) out.push(...saPair(SA_KEY_PAIR.kubeadmPath));
    out.push(...(kubeconfigsOf.get(node.name) ?? []), ...everyNode);
    out.push(...kubeadmNodeConfigs(node).map(({path, config}) => configEntry(path, config)));
    out.push({path: INSTALL_SCRIPT, source: {type: 'install', node: node.name}, mode: INSTALL_SCRIPT_MODE});
    all.push(...out.map((e) => ({...e, path: `${node.name}/${e.path}`, node: node.name})));
  }
  return all;
}

function flatLayout(model: PkiModel): FileEntry[] {
  const {plan} = model;
  const severalCps = controlPlanes(plan).length > 1;
  // Per-node kinds carry the node's name; per-control-plane ones only when there is more than one control plane.
  const flatName = (spec: CertSpec): string => {
    const kind = kindById(spec.kind);
    const suffixed = kind.scope === 'every-node' || (severalCps && kind.scope === 'control-plane');
    return suffixed ? `${kind.flatName}-${spec.node}` : kind.flatName;
  };
  const owner = (spec: CertSpec, entries: FileEntry[]) => (spec.node ? placedFor({node: spec.node}, entries) : entries);
  const byId = new Map(model.certs.map((c) => [c.id, c]));
  const out: FileEntry[] = [];
  for (const spec of model.certs) {
    if (spec.kind === 'user') continue;
    out.push(...owner(spec, pair(flatName(spec), spec.id)));
  }
  out.push(...saPair(SA_KEY_PAIR.flatName));
  for (const kc of model.kubeconfigs) {
    const spec = byId.get(kc.cert)!;
    if (spec.kind === 'user') continue;
    out.push(...owner(spec, [kubeconfig(`${flatName(spec)}.kubeconfig`, kc.id)]));
  }
  out.push(...flatConfigs(plan).map(({path, config, node}) => ({...configEntry(path, config), ...(node ? {node} : {})})));
  return out;
}

function usersLayout(model: PkiModel): FileEntry[] {
  return model.plan.users.flatMap((user) => placedFor({user: user.name}, [
    ...pair(`${USERS_FOLDER}/${user.name}/${user.name}`, specId('user', {user: user.name})),
    kubeconfig(`${USERS_FOLDER}/${user.name}/${user.name}.kubeconfig`, kubeconfigId(kindById('user'), {user: user.name})),
  ]));
}

/** Every file the PKI consists of, in a stable order, README last. */
export function layoutFiles(model: PkiModel): FileEntry[] {
  const main = model.plan.certificates.layout === 'flat' ? flatLayout(model) : kubeadmLayout(model);
  const rbac = rbacConfigs(model.plan).map(({path, config, user}) => ({...configEntry(path, config), ...(user ? {user} : {})}));
  return [...main, ...usersLayout(model), ...rbac, {path: README_FILE, source: {type: 'readme'}, mode: PUBLIC_MODE}];
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
