// The PKI graph of a folder, through `check`'s reader and findings: each distinct certificate once (copies of a CA
// on every node are one authority), hung under the authority whose key really signed it, and the programs' edges
// taken from the static pod manifests where the folder has them, else from where kubeadm puts each file.
// Check's findings land on the certificate or the flag they are about; the rest are listed on their own.

import {checkTree, type CheckResult} from '../check/check.js';
import {isAuthority, signedBy} from '../check/context.js';
import {expectations} from '../check/expect.js';
import type {Finding, NodeRoot, Tree, TreeCert} from '../check/model.js';
import {readTree, treePath} from '../check/tree.js';
import type {ExtUsage} from '../pki/model.js';
import type {Plan} from '../plan/types.js';
import {graphFromPlan} from './from-plan.js';
import {roleOf, type MapCert, type MapEdge, type MapFinding, type PkiGraph, type Status} from './graph.js';

/** What a finding's code makes of the certificate it names (others leave it `ok` with a note). */
const STATUS_OF_CODE: Record<string, Status> = {'cert-expired': 'expired', 'cert-expiring': 'expiring'};
const EDGE_CODES = new Set(['manifest-missing-file', 'manifest-wrong-file']);

const valuesOf = (c: TreeCert, type: string) => c.profile.subject.filter((e) => e.type === type).map((e) => e.value);
const usagesOf = (c: TreeCert): ExtUsage[] => (c.profile.extKeyUsage?.usages ?? []).filter((u): u is ExtUsage => u === 'serverAuth' || u === 'clientAuth');
const findingText = (f: Finding) => `${f.code}: ${f.message}`;

interface Group {
  id: string;
  members: TreeCert[];
  cert: MapCert;
}

function toMapCert(id: string, c: TreeCert, about: string): MapCert {
  const ca = isAuthority(c);
  const usages = usagesOf(c);
  return {
    id, kind: c.kind ?? 'unknown', role: roleOf(ca, usages), issuer: id,
    cn: valuesOf(c, 'CN')[0] ?? '', groups: valuesOf(c, 'O'),
    sans: [...(c.profile.san?.dns ?? []), ...(c.profile.san?.ips ?? [])], usages,
    ...(c.node?.name ? {node: c.node.name} : {}),
    notBefore: c.profile.notBefore, notAfter: c.profile.notAfter, file: c.path, about, status: 'ok', notes: [],
  };
}

/** One group per distinct certificate (by fingerprint), named by the spec its place gives it, else by its path. */
function groupCerts(tree: Tree, specId: (c: TreeCert) => string | undefined, about: (c: TreeCert) => string): Group[] {
  const groups = new Map<string, Group>();
  const used = new Set<string>();
  for (const c of tree.certs) {
    const print = c.x509.fingerprint256;
    const known = groups.get(print);
    if (known) {
      known.members.push(c);
      continue;
    }
    let id = specId(c) ?? c.path;
    if (used.has(id)) id = `${id} (${c.path})`; // another certificate where this one should be: both stay visible
    used.add(id);
    groups.set(print, {id, members: [c], cert: toMapCert(id, c, about(c))});
  }
  return [...groups.values()];
}

/** The edges of one program on one node: the manifest's own flags when there is one, else kubeadm's paths that exist. */
function edgesOn(tree: Tree, root: NodeRoot | undefined, planned: MapEdge[], groups: Group[], program: string): MapEdge[] {
  const manifest = root ? tree.manifests.find((m) => m.node === root && m.component === program) : undefined;
  const out: MapEdge[] = [];
  for (const e of planned) {
    const value = manifest ? manifest.flags.get(e.flag) : e.file;
    if (value === undefined || value === '') continue;
    const rel = root ? treePath(root, value) : e.file;
    if (rel === undefined) continue; // outside the folder that was read
    if (!tree.modes.has(rel)) {
      if (manifest) out.push({...e, file: value, cert: '', status: 'missing', notes: []}); // names no certificate at all
      continue; // no manifest: no evidence the program reads kubeadm's default path here
    }
    const holds = (g: Group) => g.members.some((m) => (e.part === 'key' ? m.key?.path === rel : m.path === rel));
    const cert = e.cert === 'sa' ? 'sa' : groups.find(holds)?.id ?? rel;
    out.push({...e, file: value, cert, status: 'ok', notes: []});
  }
  return out;
}

/** The graph of a tree `check` read, with its findings. */
export function graphFromTree(tree: Tree, result: CheckResult, opts: {plan?: Plan; now: Date; title?: string}): PkiGraph {
  const exp = expectations(tree, opts.plan);
  const specs = new Map([...exp.specOf].map(([c, s]) => [c, s]));
  const groups = groupCerts(tree, (c) => specs.get(c)?.id, (c) => specs.get(c)?.about ?? 'a certificate no catalog entry describes at this place');
  const authorities = groups.filter((g) => g.cert.role === 'authority');
  const placeholders = new Map<string, MapCert>();
  for (const g of groups.filter((x) => x.cert.role !== 'authority')) {
    const signer = authorities.find((a) => signedBy(g.members[0]!, a.members[0]!));
    if (signer) {
      g.cert.issuer = signer.id;
      continue;
    }
    // An issuer the folder does not hold: a stand-in authority, so the leaf still hangs somewhere and says why.
    const issuerCn = g.members[0]!.profile.issuer.find((e) => e.type === 'CN')?.value ?? '?';
    const id = `issuer not found: CN=${issuerCn}`;
    if (!placeholders.has(id)) {
      placeholders.set(id, {...g.cert, id, kind: 'unknown', role: 'authority', issuer: id, cn: issuerCn, groups: [], sans: [], usages: [],
        notBefore: new Date(NaN), notAfter: new Date(NaN), about: 'the authority that signed the certificates below is not among the files read', status: 'missing', notes: []});
    }
    g.cert.issuer = id;
  }

  // Programs and edges: the plan's instances (given, or guessed from the folder) checked against the files.
  const model = exp.model;
  const planned = model.plan.nodes.length > 0 ? graphFromPlan(model.plan, opts.now) : undefined;
  const rootOf = new Map(model.plan.nodes.map((n, i) => [n.name, tree.nodes.find((r) => r.name === n.name || r.dir === n.name) ?? tree.nodes[i]]));
  const edges: MapEdge[] = [];
  // The flat layout has no node folders: its files sit where the plan's layout puts them, relative to the folder.
  const flat = model.plan.certificates.layout === 'flat';
  for (const c of planned?.components ?? []) {
    const root = c.node && !flat ? rootOf.get(c.node) : undefined;
    if (c.node && !root && !flat) continue;
    edges.push(...edgesOn(tree, root, planned!.edges.filter((e) => e.component === c.id), groups, c.program));
  }

  // Findings: on the certificate whose file (or key) they name, on the flag they quote, else in the list.
  const findings: MapFinding[] = [];
  for (const f of result.findings) {
    const g = groups.find((x) => x.members.some((m) => m.path === f.path || m.key?.path === f.path));
    const edge = EDGE_CODES.has(f.code) ? edges.find((e) => f.message.includes(` ${e.flag} names ${e.file}`) && e.component.startsWith(`${f.message.split(' ')[0]}@`)) : undefined;
    if (edge) {
      edge.notes.push(f.message);
      if (edge.status === 'ok') edge.status = 'faulty';
    } else if (g) {
      g.cert.notes.push(findingText(f));
      const status = STATUS_OF_CODE[f.code] ?? (f.severity === 'error' ? 'faulty' : undefined);
      if (status && g.cert.status !== 'expired') g.cert.status = status;
    } else findings.push({severity: f.severity, code: f.code, path: f.path, message: f.message});
  }
  const used = new Set(edges.map((e) => e.component));
  const certs = groups.map((g) => g.cert);
  return {
    title: opts.title ?? tree.root,
    source: 'files',
    now: opts.now,
    authorities: [...certs.filter((c) => c.role === 'authority'), ...placeholders.values()],
    leaves: certs.filter((c) => c.role !== 'authority'),
    components: (planned?.components ?? []).filter((c) => used.has(c.id)),
    edges,
    findings,
  };
}

/** Reads `dir` with check's reader, runs check, and draws the result. */
export async function graphFromFiles(dir: string, opts: {plan?: Plan; now?: Date; warnDays?: number} = {}): Promise<PkiGraph> {
  const now = opts.now ?? new Date();
  const tree = await readTree(dir);
  const result = checkTree(tree, {...(opts.plan ? {plan: opts.plan} : {}), now, ...(opts.warnDays !== undefined ? {warnDays: opts.warnDays} : {})});
  return graphFromTree(tree, result, {...(opts.plan ? {plan: opts.plan} : {}), now, title: dir});
}
