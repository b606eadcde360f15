// Reads a folder into a Tree: every certificate (files and those embedded in kubeconfigs), its key, every static pod
// manifest's flags, file modes, and which node each file belongs to. Files are recognised by content, not by name.
// Untrusted input: node:crypto and our DER reader only; files over 1 MiB are not read.

import {X509Certificate} from 'node:crypto';
import {readdir, readFile, stat} from 'node:fs/promises';
import {basename, join, posix} from 'node:path';
import {parse} from 'yaml';
import {readProfile} from '../x509/profile.js';
import {pemLabels} from '../x509/ca-facts.js';
import {ALL_KINDS, type KindId} from '../pki/catalog.js';
import {splitHostPort} from '../plan/net.js';
import type {KubeconfigFile, NodeRoot, Tree, TreeCert} from './model.js';

const MAX_BYTES = 1024 * 1024;
const ETC_KUBERNETES = '/etc/kubernetes';
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/;
const KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/;

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

async function listFiles(root: string): Promise<{rel: string; mode: number; size: number}[]> {
  const names = (await readdir(root, {recursive: true})).map(String).sort();
  const out: {rel: string; mode: number; size: number}[] = [];
  for (const rel of names) {
    const s = await stat(join(root, rel)).catch(() => undefined);
    if (s?.isFile()) out.push({rel: rel.split('\\').join('/'), mode: s.mode & 0o777, size: s.size});
  }
  return out;
}

/** Folders that mirror a node (`X/etc/kubernetes`), else the folder itself when it is a copy of /etc/kubernetes. */
function nodeRoots(files: readonly string[]): NodeRoot[] {
  const mirrors = new Set<string>();
  for (const f of files) {
    const at = f.startsWith('etc/kubernetes/') ? 0 : f.indexOf('/etc/kubernetes/');
    if (at >= 0) mirrors.add(f.slice(0, at));
  }
  if (mirrors.size > 0) {
    return [...mirrors].sort().map((dir) => ({dir, mounts: '/', ...(dir ? {name: basename(dir)} : {})}));
  }
  return [{dir: '', mounts: ETC_KUBERNETES}];
}

const nodeOf = (nodes: readonly NodeRoot[], rel: string): NodeRoot | undefined =>
  nodes.filter((n) => n.dir === '' || rel.startsWith(`${n.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];

function certFrom(path: string, pem: string, node: NodeRoot | undefined, unreadable: Map<string, string>): TreeCert | undefined {
  try {
    const x509 = new X509Certificate(pem);
    const cert: TreeCert = {path, pem, x509, profile: readProfile(pem)};
    if (node) {
      cert.node = node;
      const kind = kindAt(nodePath(node, path));
      if (kind) cert.kind = kind;
    }
    return cert;
  } catch (error) {
    unreadable.set(path, (error as Error).message);
    return undefined;
  }
}

/** `--name=value` and `--name value` forms of a container's command and args. */
export function flagsOf(args: readonly unknown[]): Map<string, string> {
  const flags = new Map<string, string>();
  const words = args.map(String);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--')) continue;
    const eq = w.indexOf('=');
    if (eq > 0) flags.set(w.slice(0, eq), w.slice(eq + 1));
    else if (words[i + 1] !== undefined && !words[i + 1]!.startsWith('--')) flags.set(w, words[++i]!);
    else flags.set(w, 'true');
  }
  return flags;
}

interface Yamlish {
  kind?: unknown;
  metadata?: {name?: unknown};
  spec?: {containers?: {name?: unknown; command?: unknown[]; args?: unknown[]}[]};
  clusters?: {cluster?: Record<string, unknown>}[];
  users?: {user?: Record<string, unknown>}[];
}

const b64 = (v: unknown): string | undefined => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : undefined);

/** Reads `root` into a Tree. */
export async function readTree(root: string): Promise<Tree> {
  const files = await listFiles(root);
  const nodes = nodeRoots(files.map((f) => f.rel));
  const tree: Tree = {root, certs: [], manifests: [], nodes, secrets: new Set(), modes: new Map(files.map((f) => [f.rel, f.mode])), unreadable: new Map()};
  const texts = new Map<string, string>();
  await Promise.all(files.filter((f) => f.size <= MAX_BYTES).map(async (f) => {
    texts.set(f.rel, await readFile(join(root, f.rel), 'utf8').catch(() => ''));
  }));
  const keys = new Map<string, string>();
  const kubeconfigs: {path: string; doc: Yamlish}[] = [];
  for (const {rel} of files) {
    const text = texts.get(rel);
    if (!text) continue;
    const node = nodeOf(nodes, rel);
    if (pemLabels(text).length > 0) {
      const key = KEY_BLOCK.exec(text)?.[0];
      if (key) {
        keys.set(rel, key);
        tree.secrets.add(rel);
      }
      const cert = CERT_BLOCK.exec(text)?.[0];
      if (cert) {
        const read = certFrom(rel, cert, node, tree.unreadable);
        if (read) tree.certs.push(read);
      }
      continue;
    }
    if (!/^kind:\s*(Config|Pod)\s*$/m.test(text)) continue;
    let doc: Yamlish;
    try {
      doc = parse(text, {maxAliasCount: 0}) as Yamlish;
    } catch (error) {
      tree.unreadable.set(rel, `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    if (doc?.kind === 'Config') kubeconfigs.push({path: rel, doc});
    else if (doc?.kind === 'Pod') {
      const container = doc.spec?.containers?.[0];
      if (!container) continue;
      tree.manifests.push({path: rel, ...(node ? {node} : {}), component: String(container.name ?? doc.metadata?.name ?? ''),
        flags: flagsOf([...(container.command ?? []), ...(container.args ?? [])])});
    }
  }
  for (const cert of tree.certs) {
    const keyPath = cert.path.replace(/\.(crt|pem|cer)$/, '.key');
    const pem = keys.get(keyPath === cert.path ? '' : keyPath) ?? keys.get(cert.path);
    if (pem) cert.key = {path: keys.has(keyPath) ? keyPath : cert.path, pem};
  }
  for (const {path, doc} of kubeconfigs) readKubeconfig(tree, path, doc, texts);
  for (const node of nodes) nodeFacts(tree, node);
  return tree;
}

/** A kubeconfig's client certificate and key (embedded, or files it names on the node) and the CA it trusts. */
function readKubeconfig(tree: Tree, path: string, doc: Yamlish, texts: Map<string, string>): void {
  const node = nodeOf(tree.nodes, path);
  const cluster = doc.clusters?.[0]?.cluster ?? {};
  const user = doc.users?.[0]?.user ?? {};
  const onNode = (v: unknown): string | undefined => {
    const rel = typeof v === 'string' && node ? treePath(node, v) : undefined;
    return rel === undefined ? undefined : texts.get(rel);
  };
  const kc: KubeconfigFile = {path};
  if (typeof cluster.server === 'string') kc.server = cluster.server;
  const caPem = b64(cluster['certificate-authority-data']) ?? onNode(cluster['certificate-authority']);
  if (caPem) kc.caPem = caPem;
  const certText = b64(user['client-certificate-data']) ?? onNode(user['client-certificate']);
  const keyText = b64(user['client-key-data']) ?? onNode(user['client-key']) ?? certText;
  const certPem = certText && CERT_BLOCK.exec(certText)?.[0];
  if (!certPem) return;
  const cert = certFrom(path, certPem, node, tree.unreadable);
  if (!cert) return;
  cert.kubeconfig = kc;
  const keyPem = keyText && KEY_BLOCK.exec(keyText)?.[0];
  if (keyPem) cert.key = {path, pem: keyPem};
  if (typeof user['client-key-data'] === 'string') tree.secrets.add(path);
  tree.certs.push(cert);
}

/** The node's name and address from its manifests and certificates, when its folder does not name it. */
function nodeFacts(tree: Tree, node: NodeRoot): void {
  const manifests = tree.manifests.filter((m) => m.node === node);
  const flag = (component: string, name: string) => manifests.find((m) => m.component === component)?.flags.get(name);
  const etcdName = flag('etcd', '--name');
  const kubelet = tree.certs.find((c) => c.node === node && c.kind === 'kubelet-client')?.x509.subject.match(/CN=system:node:(.+)/)?.[1];
  const name = node.name ?? etcdName ?? kubelet;
  if (name) node.name = name;
  const url = flag('etcd', '--advertise-client-urls')?.split(',')[0];
  const address = flag('kube-apiserver', '--advertise-address') ?? (url ? splitHostPort(url.replace(/^https?:\/\//, ''))?.host : undefined);
  if (address) node.address = address;
}
