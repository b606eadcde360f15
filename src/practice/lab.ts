// The lab cluster of a practice run: a random plan generated natively into a folder, then read back from its
// files. Cluster questions take their answers from what is on disk here, never from the plan or a constant.

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse as parseYaml} from 'yaml';
import {generateNative} from '../generate/native.js';
import {kindById, type KindId} from '../pki/catalog.js';
import {layoutFiles} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {resolve} from '../pki/resolve.js';
import {basePlan} from '../plan/defaults.js';
import type {Plan, PlanNode, PlanUser} from '../plan/types.js';
import {validatePlan, formatProblem} from '../plan/validate.js';
import {readProfile, type ReadProfile} from '../x509/profile.js';
import type {KeySource} from '../x509/keys.js';
import {makeRng, type Rng} from './random.js';

/** One certificate of the lab as read from its file: where it is on the node and in the lab folder. */
export interface LabCert {
  kind: KindId;
  /** The absolute path on the node (`/etc/kubernetes/pki/apiserver.crt`), or the kubeconfig that embeds it. */
  nodePath: string;
  /** The same file inside the lab folder. */
  file: string;
  /** Whether the certificate sits embedded in a kubeconfig rather than in its own file. */
  embedded: boolean;
  profile: ReadProfile;
}

export interface LabCluster {
  dir: string;
  plan: Plan;
  model: PkiModel;
  /** The control-plane node the questions are about, and the folder that mirrors its filesystem. */
  node: PlanNode;
  nodeRoot: string;
  worker?: PlanNode;
  /** Certificates of the control-plane node by catalog kind (its own, and those in its kubeconfigs). */
  certs: Map<KindId, LabCert>;
  /** The lab's people, as their certificates say (CN, each O). */
  users: {name: string; groups: string[]; file: string}[];
  rng: Rng;
}

const CP_NAMES = ['controlplane', 'cp-1', 'master-1', 'k8s-control', 'cluster1-controlplane'];
const WORKER_NAMES = ['node01', 'worker-1', 'node-a', 'k8s-worker1', 'cluster1-node01'];
const PEOPLE = ['john', 'jane', 'maria', 'ahmed', 'li', 'olga', 'sam'];
const GROUPS = ['developers', 'qa', 'ops', 'auditors', 'platform'];
const SERVICE_SUBNETS = ['10.96.0.0/12', '10.32.0.0/24', '172.20.0.0/16', '10.100.0.0/16'];
const DNS_DOMAINS = ['cluster.local', 'k8s.local', 'corp.internal'];
const ENDPOINTS = ['', 'api.lab.internal:6443', 'k8s-lb.example.org:6443'];

/** A plan nobody wrote: one control plane and one worker with random names, addresses and networks. */
export function randomLabPlan(rng: Rng): Plan {
  const net = rng.pick([`10.${1 + rng.int(250)}.${rng.int(250)}`, `192.168.${1 + rng.int(250)}`]);
  const host = () => 10 + rng.int(200);
  const cpHost = host();
  const workerHost = cpHost + 1 + rng.int(40);
  const address = (h: number) => (net.split('.').length === 3 ? `${net}.${h}` : `${net}.${rng.int(250)}`);
  const nodes: PlanNode[] = [
    {name: rng.pick(CP_NAMES), address: address(cpHost), role: 'control-plane'},
    {name: rng.pick(WORKER_NAMES), address: address(workerHost), role: 'worker'},
  ];
  const users: PlanUser[] = rng.sample(PEOPLE, 2).map((name) => ({name, groups: rng.sample(GROUPS, 1 + rng.int(2))}));
  const plan = basePlan(nodes, users);
  plan.networking = {serviceSubnet: rng.pick(SERVICE_SUBNETS), dnsDomain: rng.pick(DNS_DOMAINS)};
  plan.controlPlaneEndpoint = rng.pick(ENDPOINTS);
  if (rng.int(2)) plan.apiServer.certSANs = [`${net.split('.').slice(0, 2).join('.')}.${rng.int(250)}.${host()}`];
  return plan;
}

export interface CreateLabOptions {
  seed?: number;
  /** Where the keys come from (tests hand in pre-made ones). */
  keys?: KeySource;
  now?: Date;
}

/** Generates a random lab into `dir` (which must not hold a PKI yet) and reads it back. */
export async function createLab(dir: string, opts: CreateLabOptions = {}): Promise<LabCluster> {
  const rng = makeRng(opts.seed);
  const checked = validatePlan(randomLabPlan(rng));
  // The generator above only picks valid values; a failure here is a bug in it, said plainly.
  if (!checked.ok) throw new Error(`practice lab plan is invalid: ${checked.problems.map(formatProblem).join('; ')}`);
  await generateNative({plan: checked.plan, out: dir, ...(opts.keys ? {keys: opts.keys} : {}), ...(opts.now ? {now: opts.now} : {})});
  return readLab(dir, checked.plan, rng);
}

/** Reads a generated lab's certificates from disk (the answers come from here). */
export async function readLab(dir: string, plan: Plan, rng: Rng = makeRng()): Promise<LabCluster> {
  const model = resolve(plan);
  const node = plan.nodes.find((n) => n.role === 'control-plane')!;
  const worker = plan.nodes.find((n) => n.role === 'worker');
  const entries = layoutFiles(model);
  const specs = new Map(model.certs.map((c) => [c.id, c]));
  const certs = new Map<KindId, LabCert>();
  const prefix = `${node.name}/`;
  for (const e of entries) {
    if (!e.path.startsWith(prefix)) continue;
    const nodePath = `/${e.path.slice(prefix.length)}`;
    if (e.source.type === 'cert') {
      const kind = specs.get(e.source.spec)!.kind as KindId;
      if (certs.has(kind)) continue;
      const file = join(dir, e.path);
      certs.set(kind, {kind, nodePath, file, embedded: false, profile: readProfile(await readFile(file, 'utf8'))});
    } else if (e.source.type === 'kubeconfig') {
      const file = join(dir, e.path);
      const pem = embeddedCert(await readFile(file, 'utf8'));
      const kind = kindOfKubeconfig(model, e.source.kubeconfig);
      if (pem && kind && !certs.has(kind)) certs.set(kind, {kind, nodePath, file, embedded: true, profile: readProfile(pem)});
    }
  }
  const users: LabCluster['users'] = [];
  for (const e of entries) {
    if (e.source.type !== 'cert' || !e.user) continue;
    const profile = readProfile(await readFile(join(dir, e.path), 'utf8'));
    users.push({name: cnOf(profile), groups: orgsOf(profile), file: e.path});
  }
  return {dir, plan, model, node, nodeRoot: join(dir, node.name), ...(worker ? {worker} : {}), certs, users, rng};
}

function kindOfKubeconfig(model: PkiModel, id: string): KindId | undefined {
  const kc = model.kubeconfigs.find((k) => k.id === id);
  const spec = kc && model.certs.find((c) => c.id === kc.cert);
  return spec ? kindById(spec.kind).id : undefined;
}

/** The client certificate a kubeconfig embeds, as PEM. */
export function embeddedCert(text: string): string | undefined {
  const doc = parseYaml(text) as {users?: {user?: Record<string, string>}[]} | null;
  const data = doc?.users?.[0]?.user?.['client-certificate-data'];
  return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
}

export const cnOf = (p: Pick<ReadProfile, 'subject'>): string => p.subject.find((e) => e.type === 'CN')?.value ?? '';
export const orgsOf = (p: Pick<ReadProfile, 'subject'>): string[] => p.subject.filter((e) => e.type === 'O').map((e) => e.value);
export const issuerCnOf = (p: Pick<ReadProfile, 'issuer'>): string => p.issuer.find((e) => e.type === 'CN')?.value ?? '';

/** The lab certificate of `kind`; every lab has the control-plane kinds, so a missing one is a bug. */
export function labCert(lab: LabCluster, kind: KindId): LabCert {
  const cert = lab.certs.get(kind);
  if (!cert) throw new Error(`practice lab has no ${kind} certificate`);
  return cert;
}
