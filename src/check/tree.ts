// Reads a folder into a Tree for `check`: each file recognised by content with inspect's recognise() (certificates
// PEM or DER, keys, kubeconfigs, static pod manifests), read safely with readExisting (links and special files are
// not followed), placed on the node whose folder holds it, and given the catalog kind kubeadm keeps at that place.

import {X509Certificate} from 'node:crypto';
import {lstat, readdir} from 'node:fs/promises';
import {basename, join, posix} from 'node:path';
import {recognise, type ParsedKey} from '../inspect/recognise.js';
import {containerFlags} from '../kube/manifest-flags.js';
import {readExisting} from '../output/read-existing.js';
import {ALL_KINDS, type KindId} from '../pki/catalog.js';
import {splitHostPort} from '../plan/net.js';
import {derToPem} from '../x509/pem.js';
import {readProfile} from '../x509/profile.js';
import type {KubeconfigFile, NodeRoot, Tree, TreeCert} from './model.js';

const ETC_KUBERNETES = '/etc/kubernetes';

/** Where a file of the node sits in the tree: `/etc/kubernetes/pki/ca.crt` → `cp-1/etc/kubernetes/pki/ca.crt`. */
export function treePath(node: NodeRoot, absolute: string): string | undefined {
  const abs = posix.normalize(absolute);
  const inside = node.mounts === '/' ? abs.slice(1) : abs.startsWith(`${ETC_KUBERNETES}/`) ? abs.slice(ETC_KUBERNETES.length + 1) : undefined;
  if (inside === undefined || inside.startsWith('..')) return undefined;
  return node.dir ? `${node.dir}/${inside}` : inside;
}

/** The absolute path on the node of a file of the tree. */
export function nodePath(node: NodeRoot, rel: string): string {
  const inside = node.dir ? rel.slice(node.dir.length + 1) : rel;
  return node.mounts === '/' ? `/${inside}` : `${ETC_KUBERNETES}/${inside}`;
}

/** The catalog kind kubeadm (and kubepki's kubeadm layout) keeps at an absolute node path. */
const KIND_AT = new Map<string, KindId>([
  ...ALL_KINDS.filter((k) => k.kubeadmPath).map((k): [string, KindId] => [`/${k.kubeadmPath}.crt`, k.id]),
  ...ALL_KINDS.filter((k) => k.kubeconfig?.kubeadmPath).map((k): [string, KindId] => [`/${k.kubeconfig!.kubeadmPath}`, k.id]),
]);
export const kindAt = (absolute: string): KindId | undefined => KIND_AT.get(absolute);

/** Folders that mirror a node (`X/etc/kubernetes`), else the folder itself as a copy of /etc/kubernetes. */
function nodeRoots(files: readonly string[]): NodeRoot[] {
  const mirrors = new Set<string>();
  for (const f of files) {
    const at = f.startsWith('etc/kubernetes/') ? 0 : f.indexOf('/etc/kubernetes/');
    if (at >= 0) mirrors.add(f.slice(0, at));
  }
  if (mirrors.size > 0) return [...mirrors].sort().map((dir) => ({dir, mounts: '/', ...(dir ? {name: basename(dir)} : {})}));
  return [{dir: '', mounts: ETC_KUBERNETES}];
}

const nodeOf = (nodes: readonly NodeRoot[], rel: string): NodeRoot | undefined =>
  nodes.filter((n) => n.dir === '' || rel.startsWith(`${n.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const b64 = (v: unknown): string | undefined => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : undefined);
const asPem = (c: string | Uint8Array): string => (typeof c === 'string' ? c : derToPem(c));
/** The private key's PEM block inside a file's text (a key file, or the kubelet's combined certificate and key). */
const keyBlock = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----\n?/.exec(text)?.[0];
const keyOf = (parsed: ParsedKey | undefined, path: string, text?: string): TreeCert['key'] => {
  if (parsed?.kind !== 'private-key') return undefined;
  const pem = keyBlock(text);
  return {path, ...(parsed.key ? {key: parsed.key} : {}), ...(pem ? {pem} : {})};
};

interface Read {
  rel: string;
  mode: number;
  bytes: Buffer;
  text: string;
}

async function readFiles(root: string): Promise<{files: Read[]; skipped: Map<string, string>}> {
  const names = (await readdir(root, {recursive: true})).map(String).sort();
  const files: Read[] = [];
  const skipped = new Map<string, string>();
  await Promise.all(names.map(async (name) => {
    const rel = name.split('\\').join('/');
    const found = await readExisting(join(root, name));
    const mode = found.kind === 'file' ? await lstat(join(root, name)).then((st) => st.mode & 0o777, () => undefined) : undefined;
    if (found.kind === 'file' && mode !== undefined) files.push({rel, mode, bytes: found.bytes, text: found.text});
    else if (found.kind === 'too-large' || found.kind === 'unreadable') skipped.set(rel, found.kind === 'too-large' ? 'too large to be a PKI file' : `cannot be read (${found.code})`);
  }));
  return {files: files.sort((a, b) => (a.rel < b.rel ? -1 : 1)), skipped};
}

/** A PEM block, DER (a SEQUENCE) or Kubernetes YAML can be in it: READMEs and scripts are not parsed as YAML. */
const worthReading = (f: Read): boolean =>
  f.text.includes('-----BEGIN ') || f.bytes[0] === 0x30 || /^(kind|apiVersion|clusters):/m.test(f.text);

/** Reads `root` into a Tree. */
export async function readTree(root: string): Promise<Tree> {
  const {files, skipped} = await readFiles(root);
  const nodes = nodeRoots(files.map((f) => f.rel));
  const tree: Tree = {root, certs: [], manifests: [], nodes, secrets: new Set(), modes: new Map(files.map((f) => [f.rel, f.mode])), unreadable: new Map()};
  for (const [rel, why] of skipped) if (/\.(crt|pem|key|conf|yaml|kubeconfig)$/.test(rel)) tree.unreadable.set(rel, why);
  const keys = new Map<string, TreeCert['key']>();
  const kubeconfigs: {rel: string; doc: Obj}[] = [];
  const texts = new Map(files.map((f) => [f.rel, f]));
  const addCert = (rel: string, pem: string): TreeCert | undefined => {
    try {
      const x509 = new X509Certificate(pem);
      const cert: TreeCert = {path: rel, pem, x509, profile: readProfile(pem, x509)};
      const node = nodeOf(nodes, rel);
      if (node) {
        cert.node = node;
        const kind = kindAt(nodePath(node, rel));
        if (kind) cert.kind = kind;
      }
      tree.certs.push(cert);
      return cert;
    } catch (error) {
      tree.unreadable.set(rel, (error as Error).message);
      return undefined;
    }
  };
  for (const f of files.filter(worthReading)) {
    let content;
    try {
      content = recognise(f.bytes, f.text);
    } catch (error) {
      tree.unreadable.set(f.rel, (error as Error).message.split('\n')[0]!);
      continue;
    }
    switch (content.kind) {
      case 'certificate': {
        const cert = addCert(f.rel, asPem(content.certificates[0]!));
        const key = keyOf(content.key, f.rel, f.text);
        if (cert && key) cert.key = key;
        if (key) tree.secrets.add(f.rel);
        break;
      }
      case 'private-key':
        keys.set(f.rel, keyOf(content.key, f.rel, f.text));
        tree.secrets.add(f.rel);
        break;
      case 'kubeconfig':
        kubeconfigs.push({rel: f.rel, doc: content.doc});
        break;
      case 'manifest': {
        const container = containerFlags(content.doc)[0];
        tree.manifests.push({path: f.rel, ...(nodeOf(nodes, f.rel) ? {node: nodeOf(nodes, f.rel)!} : {}),
          component: String(container?.name ?? obj(content.doc.metadata).name ?? ''),
          flags: container?.flags ?? new Map()});
        break;
      }
      default:
        break;
    }
  }
  for (const cert of tree.certs) {
    if (cert.key) continue;
    const keyPath = cert.path.replace(/\.(crt|pem|cer)$/, '.key');
    if (keyPath !== cert.path && keys.has(keyPath)) {
      cert.key = keys.get(keyPath) ?? {path: keyPath};
    }
  }
  for (const {rel, doc} of kubeconfigs) readKubeconfig(tree, rel, doc, texts, addCert);
  for (const node of nodes) nodeFacts(tree, node);
  return tree;
}

/** A kubeconfig's client certificate and key (embedded, or files it names on the node) and the CA it trusts. */
function readKubeconfig(tree: Tree, path: string, doc: Obj, files: Map<string, Read>, addCert: (rel: string, pem: string) => TreeCert | undefined): void {
  const node = nodeOf(tree.nodes, path);
  const cluster = obj(obj(list(doc.clusters)[0]).cluster);
  const user = obj(obj(list(doc.users)[0]).user);
  const onNode = (v: unknown) => {
    const rel = typeof v === 'string' && node ? treePath(node, v) : undefined;
    return rel === undefined ? undefined : files.get(rel)?.text;
  };
  const kc: KubeconfigFile = {path};
  if (typeof cluster.server === 'string') kc.server = cluster.server;
  const caPem = b64(cluster['certificate-authority-data']) ?? onNode(cluster['certificate-authority']);
  if (caPem) kc.caPem = caPem;
  const certText = b64(user['client-certificate-data']) ?? onNode(user['client-certificate']);
  if (!certText) return;
  const keyText = b64(user['client-key-data']) ?? onNode(user['client-key']) ?? certText;
  let certContent, keyContent;
  try {
    certContent = recognise(Buffer.from(certText), certText);
    keyContent = recognise(Buffer.from(keyText), keyText);
  } catch (error) {
    tree.unreadable.set(path, (error as Error).message.split('\n')[0]!);
    return;
  }
  if (certContent.kind !== 'certificate') return;
  const cert = addCert(path, asPem(certContent.certificates[0]!));
  if (!cert) return;
  cert.kubeconfig = kc;
  const key = keyOf(keyContent.kind === 'private-key' ? keyContent.key : keyContent.kind === 'certificate' ? keyContent.key : undefined, path, keyText);
  if (key) cert.key = key;
  if (typeof user['client-key-data'] === 'string') tree.secrets.add(path);
}

/** The node's name and address from its manifests and certificates, when its folder does not name it. */
function nodeFacts(tree: Tree, node: NodeRoot): void {
  const manifests = tree.manifests.filter((m) => m.node === node);
  const flag = (component: string, name: string) => manifests.find((m) => m.component === component)?.flags.get(name);
  const kubelet = tree.certs.find((c) => c.node === node && c.kind === 'kubelet-client')?.profile.subject.find((e) => e.type === 'CN')?.value;
  const name = node.name ?? flag('etcd', '--name') ?? kubelet?.replace(/^system:node:/, '');
  if (name) node.name = name;
  const url = flag('etcd', '--advertise-client-urls')?.split(',')[0];
  const address = flag('kube-apiserver', '--advertise-address') ?? (url ? splitHostPort(url.replace(/^https?:\/\//, ''))?.host : undefined);
  if (address) node.address = address;
}
