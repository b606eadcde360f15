// resolve(): a validated Plan becomes the PkiModel, by expanding each catalog kind over the plan's
// nodes and users. Pure: no keys, no files, so every view (backends, wizard, lessons) can call it.

import {DEFAULTS} from '../plan/defaults.js';
import {parseDurationHours} from '../plan/duration.js';
import {ADMIN_USER, CONTROLLER_MANAGER_USER, KUBE_PROXY_USER, MASTERS_GROUP, nodeUser, SCHEDULER_USER, SUPER_ADMIN_USER} from '../plan/identities.js';
import {httpsUrl, splitHostPort} from '../plan/net.js';
import type {Plan, PlanNode} from '../plan/types.js';
import {ALL_KINDS, SA_KEY_PAIR, type CertKind, type KindContext} from './catalog.js';
import type {CertSpec, KubeconfigSpec, PkiModel} from './model.js';

/** The id of the spec that really signs a kind: with `authorities: single` the cluster CA signs everything. */
export function signerOf(plan: Plan, kind: CertKind): string {
  return plan.certificates.authorities === 'single' ? 'ca' : kind.issuer;
}

export const controlPlanes = (plan: Plan): PlanNode[] => plan.nodes.filter((n) => n.role === 'control-plane');

function contexts(plan: Plan, kind: CertKind): KindContext[] {
  const cps = controlPlanes(plan);
  const table: Record<CertKind['scope'], () => KindContext[]> = {
    cluster: () => [{plan}],
    'control-plane': () => cps.map((node) => ({plan, node})),
    'first-control-plane': () => cps.slice(0, 1).map((node) => ({plan, node})),
    'every-node': () => plan.nodes.map((node) => ({plan, node})),
    user: () => plan.users.map((user) => ({plan, user})),
  };
  return table[kind.scope]();
}

export function specId(kind: CertKind, ctx: KindContext): string {
  if (ctx.user) return `user@${ctx.user.name}`;
  return kind.scope === 'control-plane' || kind.scope === 'every-node' ? `${kind.id}@${ctx.node!.name}` : kind.id;
}

function toSpec(plan: Plan, kind: CertKind, ctx: KindContext): CertSpec {
  const sans = kind.sans?.(ctx) ?? {dns: [], ips: [], reasons: {}};
  const period = kind.isCA ? plan.certificates.caCertificateValidityPeriod : plan.certificates.certificateValidityPeriod;
  return {
    id: specId(kind, ctx),
    kind: kind.id,
    about: kind.about,
    ...(ctx.node ? {node: ctx.node.name} : {}),
    ...(ctx.user ? {user: ctx.user.name} : {}),
    isCA: kind.isCA === true,
    signer: kind.isCA ? kind.id : signerOf(plan, kind),
    subject: kind.subject(ctx),
    usages: kind.usages,
    sans: {dns: sans.dns, ips: sans.ips},
    sanReasons: sans.reasons,
    keyAlgorithm: plan.certificates.encryptionAlgorithm,
    validityHours: parseDurationHours(period) ?? NaN,
    flags: kind.flags,
  };
}

/** Where a kubeconfig on `node` sends its requests: the load balancer if there is one, else `fallback`. */
function serverFor(plan: Plan, fallback: PlanNode, local: boolean): string {
  const port = DEFAULTS.apiServerPort;
  if (!local && plan.controlPlaneEndpoint) {
    const ep = splitHostPort(plan.controlPlaneEndpoint)!;
    return httpsUrl(ep.host, ep.port ?? port);
  }
  return httpsUrl(fallback.address, port);
}

function kubeconfigs(plan: Plan): KubeconfigSpec[] {
  const cluster = plan.clusterName;
  const cps = controlPlanes(plan);
  const firstCp = cps[0]!;
  const kc = (id: string, about: string, cert: string, userName: string, server: string, node?: string): KubeconfigSpec => ({
    id, about, cert, authority: 'ca', clusterName: cluster, server, userName, contextName: `${userName}@${cluster}`,
    ...(node ? {node} : {}),
  });
  const out: KubeconfigSpec[] = [];
  for (const node of cps) {
    out.push(kc(`admin.conf@${node.name}`, `kubectl as ${ADMIN_USER}`, `admin@${node.name}`, ADMIN_USER, serverFor(plan, node, false), node.name));
    if (node === firstCp) {
      out.push(kc('super-admin.conf', `break-glass kubectl as ${SUPER_ADMIN_USER} (${MASTERS_GROUP})`, 'super-admin', SUPER_ADMIN_USER, serverFor(plan, node, false), node.name));
    }
    // kubeadm always points these two at the local API server.
    out.push(kc(`controller-manager.conf@${node.name}`, 'kube-controller-manager’s identity', `controller-manager@${node.name}`, CONTROLLER_MANAGER_USER, serverFor(plan, node, true), node.name));
    out.push(kc(`scheduler.conf@${node.name}`, 'kube-scheduler’s identity', `scheduler@${node.name}`, SCHEDULER_USER, serverFor(plan, node, true), node.name));
  }
  for (const node of plan.nodes) {
    // Control-plane kubelets talk to their local API server (ControlPlaneKubeletLocalMode, default since v1.33).
    const local = node.role === 'control-plane';
    out.push(kc(`kubelet.conf@${node.name}`, `the kubelet on ${node.name} as ${nodeUser(node.name)}`, `kubelet-client@${node.name}`, nodeUser(node.name), serverFor(plan, local ? node : firstCp, local), node.name));
  }
  out.push(kc('kube-proxy', 'kube-proxy’s identity, the same on every node', 'kube-proxy', KUBE_PROXY_USER, serverFor(plan, firstCp, false)));
  for (const user of plan.users) {
    out.push(kc(`user@${user.name}`, `kubectl as ${user.name}${user.groups.length ? ` in ${user.groups.join(', ')}` : ''}`, `user@${user.name}`, user.name, serverFor(plan, firstCp, false)));
  }
  return out;
}

/** Expands a validated plan into every certificate, key pair and kubeconfig it implies. */
export function resolve(plan: Plan): PkiModel {
  const kinds = ALL_KINDS.filter((k) => !(k.isCA && k.id !== 'ca' && plan.certificates.authorities === 'single'));
  const certs = kinds.flatMap((kind) => contexts(plan, kind).map((ctx) => toSpec(plan, kind, ctx)));
  return {
    plan,
    certs,
    keyPairs: [{...SA_KEY_PAIR, keyAlgorithm: plan.certificates.encryptionAlgorithm}],
    kubeconfigs: kubeconfigs(plan),
  };
}
