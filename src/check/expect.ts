// What each certificate of a tree should be: the spec the catalog gives its kind on its node. With a plan, the plan's
// specs placed by its layout; without one, the specs of a plan guessed from the tree (nodes from the folders and
// manifests, the service range and DNS domain from kube-apiserver's flags), so the rules state nothing of their own.

import {basePlan, DEFAULTS} from '../plan/defaults.js';
import type {Plan, PlanNode} from '../plan/types.js';
import {layoutFiles} from '../pki/layout.js';
import type {CertSpec, PkiModel} from '../pki/model.js';
import {resolve} from '../pki/resolve.js';
import {specId} from '../pki/catalog.js';
import {serviceCidrs} from '../plan/net.js';
import type {Tree, TreeCert} from './model.js';

/** Stand-ins for a node's name or address its files do not say; expectations naming them are not checked. */
const UNKNOWN_NAME = 'unknown-node';
const UNKNOWN_ADDRESS = '192.0.2.0';

export interface Expectations {
  model: PkiModel;
  /** The spec each certificate should realise, when its place or the plan says. */
  specOf: Map<TreeCert, CertSpec>;
  /** Values the guessed plan had to invent: a SAN or name equal to one of them is not expected. */
  guessed: Set<string>;
  /** Whether the plan was given (--plan) rather than guessed. */
  fromPlan: boolean;
}

const ISSUER_DOMAIN = /^https:\/\/kubernetes\.default\.svc\.(.+)$/;

/** A plan that describes the tree as far as its files say. */
export function guessPlan(tree: Tree): {plan: Plan; guessed: Set<string>} {
  const guessed = new Set<string>();
  const apiserver = tree.manifests.find((m) => m.component === 'kube-apiserver');
  const nodes: PlanNode[] = tree.nodes.map((root, i) => {
    const name = root.name ?? (i === 0 ? UNKNOWN_NAME : `${UNKNOWN_NAME}-${i}`);
    if (!root.name) guessed.add(name);
    if (!root.address) guessed.add(UNKNOWN_ADDRESS);
    const cp = tree.certs.some((c) => c.node === root && c.kind === 'apiserver') || tree.manifests.some((m) => m.node === root);
    return {name, address: root.address ?? UNKNOWN_ADDRESS, role: cp ? 'control-plane' : 'worker'};
  });
  if (!nodes.some((n) => n.role === 'control-plane') && nodes[0]) nodes[0].role = 'control-plane';
  const plan = basePlan(nodes);
  const range = apiserver?.flags.get('--service-cluster-ip-range');
  if (range) plan.networking.serviceSubnet = serviceCidrs(range)[0] ?? DEFAULTS.serviceSubnet;
  const domain = ISSUER_DOMAIN.exec(apiserver?.flags.get('--service-account-issuer') ?? '')?.[1];
  if (domain) plan.networking.dnsDomain = domain;
  return {plan, guessed};
}

export function expectations(tree: Tree, plan?: Plan): Expectations {
  if (plan) {
    const model = resolve(plan);
    const byId = new Map(model.certs.map((c) => [c.id, c]));
    const kubeconfigCert = new Map(model.kubeconfigs.map((k) => [k.id, k.cert]));
    const specAt = new Map<string, CertSpec>();
    for (const e of layoutFiles(model)) {
      const id = e.source.type === 'cert' ? e.source.spec : e.source.type === 'kubeconfig' ? kubeconfigCert.get(e.source.kubeconfig) : undefined;
      const spec = id === undefined ? undefined : byId.get(id);
      if (spec) specAt.set(e.path, spec);
    }
    return {model, specOf: new Map(tree.certs.flatMap((c) => (specAt.has(c.path) ? [[c, specAt.get(c.path)!]] : []))), guessed: new Set(), fromPlan: true};
  }
  const {plan: guessedPlan, guessed} = guessPlan(tree);
  const model = resolve(guessedPlan);
  const byId = new Map(model.certs.map((c) => [c.id, c]));
  const names = new Map(tree.nodes.map((n, i) => [n, guessedPlan.nodes[i]!.name]));
  const specOf = new Map<TreeCert, CertSpec>();
  for (const cert of tree.certs) {
    if (!cert.kind) continue;
    const node = cert.node ? names.get(cert.node) : undefined;
    let id: string;
    try {
      id = specId(cert.kind, node === undefined ? {} : {node});
    } catch {
      continue;
    }
    const spec = byId.get(id);
    if (spec) specOf.set(cert, spec);
  }
  return {model, specOf, guessed, fromPlan: false};
}
