// The PKI graph of a plan, through the catalog: every certificate resolve() implies, placed where the layout puts
// it, and one edge per FILE_FLAGS row for each program instance that reads a file (per node, per person).

import {kindById, kubeconfigId, specId, type KindId} from '../pki/catalog.js';
import {COMPONENTS, FILE_FLAGS, type Component, type FileFlag} from '../pki/components.js';
import {layoutFiles, primaryPaths, type FileEntry} from '../pki/layout.js';
import type {CertSpec, PkiModel} from '../pki/model.js';
import {resolve, signerOf} from '../pki/resolve.js';
import {controlPlanes, type Plan} from '../plan/types.js';
import {roleOf, type MapCert, type MapComponent, type MapEdge, type PkiGraph} from './graph.js';

const HOUR = 3_600_000;

/** Where each program runs: on every control plane, on every node, or with each person (kubectl). */
const RUNS_ON: Record<Component, 'control-plane' | 'every-node' | 'control-plane-and-people'> = {
  'kube-apiserver': 'control-plane',
  'kube-controller-manager': 'control-plane',
  'kube-scheduler': 'control-plane',
  etcd: 'control-plane',
  etcdctl: 'control-plane',
  kubelet: 'every-node',
  'kube-proxy': 'every-node',
  kubectl: 'control-plane-and-people',
};

/** The program instances of a plan, in COMPONENTS order, then node order. */
export function componentsOf(plan: Plan): MapComponent[] {
  const cps = controlPlanes(plan);
  return COMPONENTS.flatMap((program) => {
    const where = RUNS_ON[program];
    const nodes = where === 'every-node' ? plan.nodes : cps;
    const onNodes = nodes.map((n) => ({id: `${program}@${n.name}`, program, node: n.name}));
    const people = where === 'control-plane-and-people' ? plan.users.map((u) => ({id: `${program}@${u.name}`, program, user: u.name})) : [];
    return [...onNodes, ...people];
  });
}

function toCert(spec: CertSpec, now: Date, file: string | undefined): MapCert {
  return {
    id: spec.id,
    kind: spec.kind,
    role: roleOf(spec.isCA, spec.usages),
    issuer: spec.signer,
    cn: spec.subject.cn,
    groups: spec.subject.o,
    sans: [...spec.sans.dns, ...spec.sans.ips],
    usages: spec.usages,
    ...(spec.node ? {node: spec.node} : {}),
    ...(spec.user ? {user: spec.user} : {}),
    notBefore: now,
    notAfter: new Date(now.getTime() + spec.validityHours * HOUR),
    ...(file ? {file} : {}),
    about: spec.about,
    status: 'planned',
    notes: [],
  };
}

/** The certificate a flag of `instance` names: its node's own for per-node kinds, the signing CA for an
 *  authority (the cluster CA with `authorities: single`), the person's for kubectl with a person. */
function certFor(model: PkiModel, use: FileFlag, instance: MapComponent): string | undefined {
  if (use.source === 'sa') return instance.node ? 'sa' : undefined;
  const kind = kindById(use.source);
  if (kind.isCA) return signerOf(model.plan, kind);
  if (kind.scope === 'user') return instance.user !== undefined ? specId('user', {user: instance.user}) : undefined;
  if (instance.user !== undefined) return undefined;
  const perNode = kind.scope === 'control-plane' || kind.scope === 'every-node';
  return specId(kind.id, perNode ? {node: instance.node} : {});
}

/** The file entry a flag reads on the instance's node (or in the person's folder). */
function fileFor(entries: FileEntry[], model: PkiModel, use: FileFlag, instance: MapComponent, cert: string): FileEntry | undefined {
  const here = (e: FileEntry) => (instance.user !== undefined ? e.user === instance.user : e.node === undefined || e.node === instance.node);
  const matches: Record<string, (e: FileEntry) => boolean> = {
    cert: (e) => e.source.type === 'cert' && e.source.spec === cert,
    key: (e) => (cert === 'sa' ? e.source.type === 'sa-key' : e.source.type === 'key' && e.source.spec === cert),
    pub: (e) => e.source.type === 'sa-pub',
    kubeconfig: (e) => e.source.type === 'kubeconfig' && e.source.kubeconfig === kubeconfigIdOf(model, cert),
  };
  const match = matches[use.part];
  // kubeadm's layout copies the signing CA under each role's name (etcd/ca.crt with one authority): prefer the
  // file at the role's own path, the one the flag really names.
  const rolePath = use.part === 'cert' && use.source !== 'sa' && kindById(use.source).isCA ? kindById(use.source).kubeadmPath : undefined;
  const candidates = match ? entries.filter((e) => match(e) && here(e)) : [];
  return candidates.find((e) => rolePath !== undefined && e.path.endsWith(`${rolePath}.crt`)) ?? candidates[0];
}

function kubeconfigIdOf(model: PkiModel, cert: string): string | undefined {
  const spec = model.certs.find((c) => c.id === cert);
  if (!spec) return undefined;
  return kubeconfigId(kindById(spec.kind as KindId), {...(spec.node ? {node: spec.node} : {}), ...(spec.user ? {user: spec.user} : {})});
}

/** A file as the flag names it: relative to the node's root in the kubeadm layout, or to the output folder. */
export function flagPath(entry: FileEntry): string {
  return entry.node !== undefined && entry.path.startsWith(`${entry.node}/`) ? `/${entry.path.slice(entry.node.length + 1)}` : entry.path;
}

/** The graph of a validated plan, as if generated at `now`. */
export function graphFromPlan(plan: Plan, now = new Date()): PkiGraph {
  const model = resolve(plan);
  const entries = layoutFiles(model);
  const primary = primaryPaths(model, entries);
  const certs = model.certs.map((spec) => toCert(spec, now, primary.get(spec.id)));
  const components = componentsOf(plan);
  const edges: MapEdge[] = [];
  for (const instance of components) {
    for (const use of FILE_FLAGS) {
      if (use.component !== instance.program || use.part === 'cn') continue;
      const cert = certFor(model, use, instance);
      if (cert === undefined || (cert !== 'sa' && !certs.some((c) => c.id === cert))) continue;
      const entry = fileFor(entries, model, use, instance, cert);
      if (!entry) continue; // e.g. super-admin.conf lives on the first control plane only
      edges.push({component: instance.id, flag: use.flag, part: use.part, cert, file: flagPath(entry), status: 'planned', notes: []});
    }
  }
  // Instances that read nothing here (kubectl on a control plane without admin.conf, say) are not drawn.
  const used = new Set(edges.map((e) => e.component));
  return {
    title: plan.clusterName,
    source: 'plan',
    now,
    authorities: certs.filter((c) => c.role === 'authority'),
    leaves: certs.filter((c) => c.role !== 'authority'),
    components: components.filter((c) => used.has(c.id)),
    edges,
    findings: [],
  };
}
