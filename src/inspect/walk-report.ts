// Every certificate, key, kubeconfig and manifest in a report, wherever it sits (a file of its own, embedded in
// a kubeconfig, or a file a manifest names), with where it was found. `check` and the map read trees through it.

import type {CertificateSummary, FileReport, InspectReport, KeySummary, KubeconfigSummary, Location, ManifestSummary, Material} from './report.js';

export interface Visitors {
  certificate?: (cert: CertificateSummary, at: Location) => void;
  key?: (key: KeySummary, at: Location) => void;
  kubeconfig?: (kubeconfig: KubeconfigSummary, at: Location) => void;
  manifest?: (manifest: ManifestSummary, at: Location & {kind: 'manifest' | 'kubelet-config'}) => void;
}

function material(m: Material | undefined, path: string, v: Visitors, seen: Set<FileReport>): void {
  if (!m) return;
  if (m.source === 'file') {
    if (m.ref?.file) file(m.ref.file, v, seen);
    return;
  }
  const at = {path, ...(m.field ? {field: m.field} : {})};
  m.certificates?.forEach((c, index) => v.certificate?.(c, {...at, ...(index > 0 ? {index} : {})}));
  if (m.key) v.key?.(m.key, at);
}

function file(f: FileReport, v: Visitors, seen: Set<FileReport>): void {
  if (seen.has(f)) return;
  seen.add(f);
  const at = {path: f.path};
  switch (f.kind) {
    case 'certificate':
      f.certificates.forEach((c, index) => v.certificate?.(c, {...at, ...(f.certificates.length > 1 ? {index} : {})}));
      if (f.key) v.key?.(f.key, at);
      break;
    case 'private-key':
    case 'public-key':
      v.key?.(f.key, at);
      break;
    case 'kubeconfig':
      v.kubeconfig?.(f.kubeconfig, at);
      for (const c of f.kubeconfig.contexts) {
        material(c.cluster.ca, f.path, v, seen);
        material(c.user.cert, f.path, v, seen);
        material(c.user.key, f.path, v, seen);
      }
      break;
    case 'manifest':
    case 'kubelet-config':
      v.manifest?.(f.manifest, {...at, kind: f.kind});
      for (const u of f.manifest.flags) if (u.ref?.file) file(u.ref.file, v, seen);
      break;
    default:
  }
}

/** Visits everything in the report once per file report (a file named by several manifests is one report). */
export function visitReport(report: InspectReport, v: Visitors): void {
  const seen = new Set<FileReport>();
  for (const f of report.files) file(f, v, seen);
}

export const forEachCertificate = (r: InspectReport, fn: NonNullable<Visitors['certificate']>): void => visitReport(r, {certificate: fn});
export const forEachKey = (r: InspectReport, fn: NonNullable<Visitors['key']>): void => visitReport(r, {key: fn});

export interface TreeContents {
  certificates: {cert: CertificateSummary; at: Location}[];
  keys: {key: KeySummary; at: Location}[];
  kubeconfigs: {kubeconfig: KubeconfigSummary; at: Location}[];
  manifests: {manifest: ManifestSummary; at: Location & {kind: 'manifest' | 'kubelet-config'}}[];
}

/** Everything of a tree as flat lists: what `check` walks. The same file met twice is listed once. */
export function treeContents(report: InspectReport): TreeContents {
  const out: TreeContents = {certificates: [], keys: [], kubeconfigs: [], manifests: []};
  const once = new Set<string>();
  const first = (kind: string, at: Location) => {
    const id = `${kind}\u0000${at.path}\u0000${at.index ?? 0}\u0000${at.field ?? ''}`;
    if (once.has(id)) return false;
    once.add(id);
    return true;
  };
  visitReport(report, {
    certificate: (cert, at) => first('c', at) && out.certificates.push({cert, at}),
    key: (key, at) => first('k', at) && out.keys.push({key, at}),
    kubeconfig: (kubeconfig, at) => first('kc', at) && out.kubeconfigs.push({kubeconfig, at}),
    manifest: (manifest, at) => first('m', at) && out.manifests.push({manifest, at}),
  });
  return out;
}
