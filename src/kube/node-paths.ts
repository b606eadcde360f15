// Where a component finds a PKI file on its node, in either layout: the kubeadm layout's catalog paths, or the
// flat layout's file names inside FLAT_NODE_DIR. Component configs and flags.md name files only through this.

import {kindById, kubeconfigId, SA_KEY_PAIR, specId, type KindId} from '../pki/catalog.js';
import type {FileFlag} from '../pki/components.js';
import {FLAT_NODE_DIR} from '../pki/config-files.js';
import type {FileEntry} from '../pki/layout.js';
import {specById, type PkiModel} from '../pki/model.js';
import {signerOf} from '../pki/resolve.js';

/** The spec a kind means on `node`: per-node kinds carry the node; an authority that `single` folds away is `ca`. */
function specFor(model: PkiModel, kind: KindId, node: string): string {
  const k = kindById(kind);
  if (k.scope === 'control-plane' || k.scope === 'every-node') return specId(kind, {node});
  return k.isCA && model.plan.certificates.authorities === 'single' ? signerOf(model.plan, k) : kind;
}

const SA_PART = {key: 'sa-key', pub: 'sa-pub'} as const;

/** The flat layout's files by what they hold (`cert:ID`, `kubeconfig:ID`, `sa-key`), indexed once per layout:
 *  rendering every node's configs stays linear in the plan's size. */
const flatIndex = new WeakMap<readonly FileEntry[], Map<string, FileEntry>>();
function flatEntry(entries: readonly FileEntry[], key: string): FileEntry | undefined {
  let index = flatIndex.get(entries);
  if (!index) {
    index = new Map();
    for (const e of entries) {
      const s = e.source;
      const k = s.type === 'cert' || s.type === 'key' ? `${s.type}:${s.spec}` : s.type === 'kubeconfig' ? `kubeconfig:${s.kubeconfig}` : s.type;
      if (!index.has(k)) index.set(k, e);
    }
    flatIndex.set(entries, index);
  }
  return index.get(key);
}

/** The value a flag takes on `node`: an absolute path on the node, or (part `cn`) the certificate's CN. */
export function flagValue(model: PkiModel, entries: readonly FileEntry[], node: string, use: Pick<FileFlag, 'source' | 'part'>): string {
  const {source, part} = use;
  if (part === 'cn') return specById(model, specFor(model, source as KindId, node)).subject.cn;
  if (model.plan.certificates.layout === 'kubeadm') {
    if (source === 'sa') return `/${SA_KEY_PAIR.kubeadmPath}.${part}`;
    const kind = kindById(source);
    const path = part === 'kubeconfig' ? kind.kubeconfig?.kubeadmPath : kind.kubeadmPath && `${kind.kubeadmPath}.${part === 'key' ? 'key' : 'crt'}`;
    if (!path) throw new Error(`internal: ${source} has no ${part} file on a node`);
    return `/${path}`;
  }
  const key = source === 'sa' ? SA_PART[part as keyof typeof SA_PART]
    : part === 'kubeconfig' ? `kubeconfig:${kubeconfigId(kindById(source), {node})}`
      : `${part === 'key' ? 'key' : 'cert'}:${specFor(model, source, node)}`;
  const found = flatEntry(entries, key);
  if (!found) throw new Error(`internal: no flat file for ${source} ${part} on ${node}`);
  return `${FLAT_NODE_DIR}/${found.path}`;
}
