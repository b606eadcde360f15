// The review table and the Done screen's tree as plain data: rows per certificate (and the sa key pair)
// and per-node file groups, computed from the resolved model and its layout, never from disk.

import {describeHours} from '../plan/duration.js';
import {layoutFiles, primaryPaths, type FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';

export interface ReviewRow {
  /** Spec id (`apiserver@cp-1`) or `sa`. */
  id: string;
  kind: string;
  node?: string;
  file: string;
  cn: string;
  o: string;
  issuer: string;
  sans: string[];
  usages: string;
  validity: string;
  about: string;
  flags: string[];
}

/** `cp-1/etc/kubernetes/pki/apiserver.crt` → `cp-1/pki/apiserver.crt`: short, but still says which node. */
export function shortPath(path: string): string {
  const m = /^([^/]+)\/(?:etc\/kubernetes\/|var\/lib\/)(.*)$/.exec(path);
  return m ? `${m[1]}/${m[2]}` : path;
}

export function reviewRows(model: PkiModel, entries: FileEntry[] = layoutFiles(model)): ReviewRow[] {
  const paths = primaryPaths(model, entries);
  const cnOf = (id: string) => model.certs.find((c) => c.id === id)?.subject.cn ?? id;
  const rows: ReviewRow[] = model.certs.map((c) => ({
    id: c.id,
    kind: c.kind,
    ...(c.node ? {node: c.node} : {}),
    file: shortPath(paths.get(c.id) ?? `${c.id}.crt`),
    cn: c.subject.cn,
    o: c.subject.o.join(', '),
    issuer: c.isCA ? 'self' : cnOf(c.signer),
    sans: [...c.sans.dns, ...c.sans.ips],
    usages: c.isCA ? 'CA' : c.usages.join('+'),
    validity: describeHours(c.validityHours),
    about: c.about,
    flags: c.flags,
  }));
  const sa = model.keyPairs[0]!;
  const saPath = entries.find((e) => e.source.type === 'sa-key')?.path ?? 'sa.key';
  rows.push({id: 'sa', kind: 'sa', file: shortPath(saPath), cn: '(key pair)', o: '', issuer: '–', sans: [], usages: 'signing',
    validity: 'no expiry', about: sa.about, flags: sa.flags});
  return rows;
}

export interface NodeGroup {
  /** The node folder (`cp-1`), `users/NAME`, or `.` for the flat layout. */
  folder: string;
  title: string;
  files: FileEntry[];
}

/** Files grouped by where they go: one group per node folder, per user, and the rest. */
export function groupFiles(model: PkiModel, entries: FileEntry[] = layoutFiles(model)): NodeGroup[] {
  const groups = new Map<string, NodeGroup>();
  const nodeRole = new Map(model.plan.nodes.map((n) => [n.name, n.role]));
  for (const e of entries) {
    const parts = e.path.split('/');
    let folder = '.';
    let title = 'this folder';
    if (parts[0] === 'users' && parts.length > 2) {
      folder = `users/${parts[1]}`;
      title = `hand to ${parts[1]} only`;
    } else if (model.plan.certificates.layout === 'kubeadm' && nodeRole.has(parts[0]!)) {
      folder = parts[0]!;
      title = `copy to / on node ${parts[0]} (${nodeRole.get(parts[0]!)})`;
    }
    const group = groups.get(folder) ?? {folder, title, files: []};
    group.files.push(e);
    groups.set(folder, group);
  }
  return [...groups.values()];
}
