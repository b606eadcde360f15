// The Kubernetes PKI as a table, modelled on kubeadm's certlist.go: every kind of certificate declared once —
// what it is for, who signs it, subject, usages, where it lands in each layout and which kubeconfig carries it —
// with small functions for the parts that depend on the plan. Nothing else names an identity or a placement.

import * as ids from '../plan/identities.js';
import type {Plan, PlanNode, PlanUser} from '../plan/types.js';
import type {AuthorityId, ExtUsage, Subject, SubjectAltNames} from './model.js';
import {readByText} from './components.js';
import {apiserverSans, etcdSans, kubeletServingSans, type ReasonedSans} from './sans.js';

/** Which instances a kind expands to. */
export type Scope = 'cluster' | 'control-plane' | 'first-control-plane' | 'every-node' | 'user';

export type KindId =
  | AuthorityId
  | 'admin'
  | 'super-admin'
  | 'controller-manager'
  | 'scheduler'
  | 'kube-proxy'
  | 'kubelet-client'
  | 'apiserver-kubelet-client'
  | 'apiserver-etcd-client'
  | 'etcd-healthcheck-client'
  | 'front-proxy-client'
  | 'user'
  | 'apiserver'
  | 'etcd-server'
  | 'etcd-peer'
  | 'kubelet-serving';

/** Which API server a kubeconfig talks to: the load balancer (else the first control plane), this node's own,
 *  or its own on a control-plane node and the load balancer elsewhere (kubeadm's ControlPlaneKubeletLocalMode). */
export type KubeconfigServer = 'endpoint' | 'local' | 'local-on-control-plane';

export interface KubeconfigPlacement {
  /** kubeadm's name for it: the id (`admin.conf@cp-1`) and, with `.conf`, the file name in /etc/kubernetes. */
  name: string;
  /** Where it goes in the kubeadm layout, relative to the node's root; undefined for people (users/NAME/). */
  kubeadmPath?: string;
  /** Kind-wide kubeconfigs (kube-proxy's) go on every node; the others on their own node. */
  everyNode?: boolean;
  server: KubeconfigServer;
  about: (ctx: KindContext) => string;
}

export interface CertKind {
  id: KindId;
  about: string;
  scope: Scope;
  /** Where the certificate and key go in the kubeadm layout, relative to the node's root (`.crt`/`.key` added);
   *  undefined for client certificates that live only inside a kubeconfig. */
  kubeadmPath?: string;
  /** The course's component name, used by the flat layout. */
  flatName: string;
  /** The cluster CA's certificate also goes to workers, which trust it for the API server. */
  onWorkers?: boolean;
  /** The kubeconfig that embeds the certificate, for clients of the API server. */
  kubeconfig?: KubeconfigPlacement;
  issuer: AuthorityId;
  isCA?: boolean;
  subject: (ctx: KindContext) => Subject;
  usages: ExtUsage[];
  sans?: (ctx: KindContext) => ReasonedSans;
  /** For client identities: why the API server lets this CN/O do what it does (a few words). */
  identity?: string;
}

export interface KindContext {
  plan: Plan;
  node?: PlanNode;
  user?: PlanUser;
}

const PKI = 'etc/kubernetes/pki';
const cn = (name: string, ...o: string[]): Subject => ({cn: name, o});
const selfDns = (name: string) => (): ReasonedSans => ({
  dns: [name],
  ips: [],
  reasons: {[name]: 'kubeadm copies a CA’s common name into its DNS names'},
});
const nodeName = (ctx: KindContext): string => ctx.node!.name;

export const AUTHORITY_KINDS: CertKind[] = [
  {
    id: 'ca',
    about: 'the cluster CA: signs the API server, the kubelets and every client that logs in to the API',
    scope: 'cluster',
    kubeadmPath: `${PKI}/ca`,
    flatName: 'ca',
    onWorkers: true,
    issuer: 'ca',
    isCA: true,
    subject: () => cn(ids.CLUSTER_CA_CN),
    usages: [],
    sans: selfDns(ids.CLUSTER_CA_CN),
  },
  {
    id: 'etcd-ca',
    about: 'the etcd CA: etcd trusts only certificates it signed, so API clients cannot talk to etcd',
    scope: 'cluster',
    kubeadmPath: `${PKI}/etcd/ca`,
    flatName: 'etcd-ca',
    issuer: 'etcd-ca',
    isCA: true,
    subject: () => cn(ids.ETCD_CA_CN),
    usages: [],
    sans: selfDns(ids.ETCD_CA_CN),
  },
  {
    id: 'front-proxy-ca',
    about: 'the front-proxy CA: vouches for the API server when it proxies requests to extension API servers',
    scope: 'cluster',
    kubeadmPath: `${PKI}/front-proxy-ca`,
    flatName: 'front-proxy-ca',
    issuer: 'front-proxy-ca',
    isCA: true,
    subject: () => cn(ids.FRONT_PROXY_CA_CN),
    usages: [],
    sans: selfDns(ids.FRONT_PROXY_CA_CN),
  },
];

export const LEAF_KINDS: CertKind[] = [
  // Client certificates: CN is the user name, each O a group (the order people learn them in).
  {
    id: 'admin',
    about: 'kubectl as the cluster administrator (admin.conf); the group is bound to cluster-admin by RBAC, so it can be revoked',
    scope: 'control-plane',
    flatName: 'admin',
    kubeconfig: {name: 'admin.conf', kubeadmPath: 'etc/kubernetes/admin.conf', server: 'endpoint', about: () => `kubectl as ${ids.ADMIN_USER}`},
    issuer: 'ca',
    subject: () => cn(ids.ADMIN_USER, ids.ADMIN_GROUP),
    usages: ['clientAuth'],
    identity: 'RBAC grants it: revocable',
  },
  {
    id: 'super-admin',
    about: `break-glass superuser (super-admin.conf): ${ids.MASTERS_GROUP} bypasses RBAC and cannot be revoked; keep it offline`,
    scope: 'first-control-plane',
    flatName: 'super-admin',
    kubeconfig: {name: 'super-admin.conf', kubeadmPath: 'etc/kubernetes/super-admin.conf', server: 'endpoint',
      about: () => `break-glass kubectl as ${ids.SUPER_ADMIN_USER} (${ids.MASTERS_GROUP})`},
    issuer: 'ca',
    subject: () => cn(ids.SUPER_ADMIN_USER, ids.MASTERS_GROUP),
    usages: ['clientAuth'],
    identity: 'bypasses RBAC: irrevocable',
  },
  {
    id: 'controller-manager',
    about: `kube-controller-manager logs in to the API as ${ids.CONTROLLER_MANAGER_USER}`,
    scope: 'control-plane',
    flatName: 'kube-controller-manager',
    // kubeadm always points the controller-manager and the scheduler at their local API server.
    kubeconfig: {name: 'controller-manager.conf', kubeadmPath: 'etc/kubernetes/controller-manager.conf', server: 'local',
      about: () => 'kube-controller-manager’s identity'},
    issuer: 'ca',
    subject: () => cn(ids.CONTROLLER_MANAGER_USER),
    usages: ['clientAuth'],
    identity: 'RBAC binds the user name',
  },
  {
    id: 'scheduler',
    about: `kube-scheduler logs in to the API as ${ids.SCHEDULER_USER}`,
    scope: 'control-plane',
    flatName: 'kube-scheduler',
    kubeconfig: {name: 'scheduler.conf', kubeadmPath: 'etc/kubernetes/scheduler.conf', server: 'local', about: () => 'kube-scheduler’s identity'},
    issuer: 'ca',
    subject: () => cn(ids.SCHEDULER_USER),
    usages: ['clientAuth'],
    identity: 'RBAC binds the user name',
  },
  {
    id: 'kube-proxy',
    about: `kube-proxy logs in to the API as ${ids.KUBE_PROXY_USER} (bound to the system:node-proxier role)`,
    scope: 'cluster',
    flatName: 'kube-proxy',
    kubeconfig: {name: 'kube-proxy', kubeadmPath: 'var/lib/kube-proxy/kubeconfig', everyNode: true, server: 'endpoint',
      about: () => 'kube-proxy’s identity, the same on every node'},
    issuer: 'ca',
    subject: () => cn(ids.KUBE_PROXY_USER),
    usages: ['clientAuth'],
    identity: 'the user is bound to system:node-proxier',
  },
  {
    id: 'kubelet-client',
    about: `the kubelet logs in to the API as its node: the Node authorizer needs CN ${ids.nodeUser('NAME')} and O ${ids.NODES_GROUP}`,
    scope: 'every-node',
    flatName: 'kubelet-client',
    // Control-plane kubelets talk to their local API server (ControlPlaneKubeletLocalMode, default since v1.33).
    kubeconfig: {name: 'kubelet.conf', kubeadmPath: 'etc/kubernetes/kubelet.conf', server: 'local-on-control-plane',
      about: (ctx) => `the kubelet on ${nodeName(ctx)} as ${ids.nodeUser(nodeName(ctx))}`},
    issuer: 'ca',
    subject: (ctx) => cn(ids.nodeUser(nodeName(ctx)), ids.NODES_GROUP),
    usages: ['clientAuth'],
    identity: 'the Node authorizer needs both',
  },
  {
    id: 'apiserver-kubelet-client',
    about: 'the API server logs in to kubelets (logs, exec, port-forward)',
    scope: 'control-plane',
    kubeadmPath: `${PKI}/apiserver-kubelet-client`,
    flatName: 'apiserver-kubelet-client',
    issuer: 'ca',
    subject: () => cn(ids.APISERVER_KUBELET_CLIENT_USER, ids.ADMIN_GROUP),
    usages: ['clientAuth'],
  },
  {
    id: 'apiserver-etcd-client',
    about: 'the API server logs in to etcd',
    scope: 'control-plane',
    kubeadmPath: `${PKI}/apiserver-etcd-client`,
    flatName: 'apiserver-etcd-client',
    issuer: 'etcd-ca',
    subject: () => cn(ids.APISERVER_ETCD_CLIENT_USER),
    usages: ['clientAuth'],
  },
  {
    id: 'etcd-healthcheck-client',
    about: 'etcdctl logs in to etcd with it to check health by hand (kubeadm’s liveness probe uses plain HTTP on 127.0.0.1:2381, no certificate)',
    scope: 'control-plane',
    kubeadmPath: `${PKI}/etcd/healthcheck-client`,
    flatName: 'etcd-healthcheck-client',
    issuer: 'etcd-ca',
    subject: () => cn(ids.ETCD_HEALTHCHECK_CLIENT_USER),
    usages: ['clientAuth'],
  },
  {
    id: 'front-proxy-client',
    about: 'the API server proves itself to extension API servers when it proxies requests',
    scope: 'control-plane',
    kubeadmPath: `${PKI}/front-proxy-client`,
    flatName: 'front-proxy-client',
    issuer: 'front-proxy-ca',
    subject: () => cn(ids.FRONT_PROXY_CLIENT_USER),
    usages: ['clientAuth'],
  },
  {
    id: 'user',
    about: 'a person logging in with kubectl: CN is the user name, each O a group RBAC can bind',
    scope: 'user',
    flatName: 'user',
    kubeconfig: {name: 'user', server: 'endpoint',
      about: (ctx) => `kubectl as ${ctx.user!.name}${ctx.user!.groups.length ? ` in ${ctx.user!.groups.join(', ')}` : ''}`},
    issuer: 'ca',
    subject: (ctx) => cn(ctx.user!.name, ...ctx.user!.groups),
    usages: ['clientAuth'],
  },
  // Server certificates: every name clients dial must be a SAN (Go ignores the CN).
  {
    id: 'apiserver',
    about: 'the API server’s serving certificate: every name and IP clients use to reach it is a SAN',
    scope: 'control-plane',
    kubeadmPath: `${PKI}/apiserver`,
    flatName: 'kube-apiserver',
    issuer: 'ca',
    subject: () => cn(ids.APISERVER_CN),
    usages: ['serverAuth'],
    sans: apiserverSans,
  },
  {
    id: 'etcd-server',
    about: 'etcd’s serving certificate for clients on :2379 (also clientAuth, which etcd ≥ 3.2 requires)',
    scope: 'control-plane',
    kubeadmPath: `${PKI}/etcd/server`,
    flatName: 'etcd-server',
    issuer: 'etcd-ca',
    subject: (ctx) => cn(nodeName(ctx)),
    usages: ['serverAuth', 'clientAuth'],
    sans: etcdSans,
  },
  {
    id: 'etcd-peer',
    about: 'etcd members talk to each other on :2380 with it, as server and as client',
    scope: 'control-plane',
    kubeadmPath: `${PKI}/etcd/peer`,
    flatName: 'etcd-peer',
    issuer: 'etcd-ca',
    subject: (ctx) => cn(nodeName(ctx)),
    usages: ['serverAuth', 'clientAuth'],
    sans: etcdSans,
  },
  {
    id: 'kubelet-serving',
    about: 'the kubelet’s serving certificate on :10250, signed by the cluster CA (kubeadm leaves it self-signed)',
    scope: 'every-node',
    kubeadmPath: 'var/lib/kubelet/pki/kubelet',
    flatName: 'kubelet',
    issuer: 'ca',
    subject: (ctx) => cn(ids.nodeUser(nodeName(ctx)), ids.NODES_GROUP),
    usages: ['serverAuth'],
    sans: kubeletServingSans,
  },
];

export const ALL_KINDS: CertKind[] = [...AUTHORITY_KINDS, ...LEAF_KINDS];
const BY_ID = new Map<string, CertKind>(ALL_KINDS.map((k) => [k.id, k]));

export function kindById(id: string): CertKind {
  const kind = BY_ID.get(id);
  if (!kind) throw new Error(`unknown certificate kind ${id}`);
  return kind;
}

/** A certificate's id: the kind, `@node` for per-node kinds, `user@NAME` for people. The only place ids are made. */
export function specId(kind: KindId, owner: {node?: string; user?: string} = {}): string {
  if (owner.user !== undefined) return `user@${owner.user}`;
  const scope = kindById(kind).scope;
  if (scope === 'control-plane' || scope === 'every-node') {
    if (owner.node === undefined) throw new Error(`internal: ${kind} needs a node`);
    return `${kind}@${owner.node}`;
  }
  return kind;
}

/** A kubeconfig's id: kubeadm's name, `@node` when there is one per node (`admin.conf@cp-1`, `kube-proxy`). */
export function kubeconfigId(kind: CertKind, owner: {node?: string; user?: string} = {}): string {
  const placement = kind.kubeconfig;
  if (!placement) throw new Error(`internal: ${kind.id} has no kubeconfig`);
  if (owner.user !== undefined) return `${placement.name}@${owner.user}`;
  return kind.scope === 'control-plane' || kind.scope === 'every-node' ? `${placement.name}@${owner.node}` : placement.name;
}

export const SA_KEY_PAIR = {
  id: 'sa' as const,
  /** sa.key / sa.pub: where they go on a control-plane node (kubeadm layout) and in the flat layout. */
  kubeadmPath: `${PKI}/sa`,
  flatName: 'sa',
  about: 'the service-account key pair: the API server signs ServiceAccount tokens with sa.key and checks them with sa.pub',
  flags: readByText('sa'),
};

export type {SubjectAltNames};
