// The catalog kind of a certificate of the tree: where check's reader placed it (kubeadm paths), else, in kubepki's
// flat layout, its file name (`kube-apiserver.crt`, `kubelet-client-node01.kubeconfig`), so kubeadm's names work there too.

import {basename} from 'node:path/posix';
import type {CheckContext} from '../check/context.js';
import type {TreeCert} from '../check/model.js';
import {ALL_KINDS, type CertKind, type KindId} from '../pki/catalog.js';

/** The kind and, for a per-node flat name, the node it names. */
export function kindOf(ctx: CheckContext, c: TreeCert): {kind: CertKind; node?: string} | undefined {
  const placed = (ctx.exp.specOf.get(c)?.kind as KindId | undefined) ?? c.kind;
  if (placed) return {kind: ALL_KINDS.find((k) => k.id === placed)!};
  const stem = basename(c.path).replace(/\.(crt|pem|kubeconfig)$/, '');
  // The longest flat name first: `kubelet-client-node01` is kubelet-client on node01, not kubelet on client-node01.
  for (const kind of [...ALL_KINDS].sort((a, b) => b.flatName.length - a.flatName.length)) {
    if (stem === kind.flatName) return {kind};
    if (stem.startsWith(`${kind.flatName}-`)) return {kind, node: stem.slice(kind.flatName.length + 1)};
  }
  return undefined;
}

/** kubeadm's names for a certificate of a flat folder: `apiserver`, `admin.conf`, `node01/kubelet.conf`. */
export function flatAliases(ctx: CheckContext, c: TreeCert): string[] {
  if (c.kind || ctx.exp.specOf.has(c)) return [];
  const found = kindOf(ctx, c);
  if (!found) return [];
  const names = [found.kind.id, ...(c.kubeconfig && found.kind.kubeconfig ? [found.kind.kubeconfig.name] : [])];
  return found.node ? names.map((n) => `${found.node}/${n}`) : names;
}
