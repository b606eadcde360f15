// Where the component configs go: static pod manifests and the kubelet's config per node, the RBAC a
// hand-built cluster applies, and (flat layout) flags.md. Only places them; src/kube/ renders their text.

import {controlPlanes, isControlPlane, type Plan, type PlanNode} from '../plan/types.js';
import type {Component} from './components.js';

/** The components kubeadm runs as static pods on every control-plane node, in kubeadm's order. */
export const STATIC_POD_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const satisfies readonly Component[];
export type StaticPodComponent = (typeof STATIC_POD_COMPONENTS)[number];

/** The cluster-wide RBAC files: what kubeadm init creates and a hand-built cluster must apply itself. */
export const RBAC_FILES = ['cluster-admins', 'apiserver-to-kubelet', 'kubelet-certificate-rotation'] as const;
export type RbacFile = (typeof RBAC_FILES)[number];

export type ConfigFile =
  | {what: 'static-pod'; component: StaticPodComponent; node: string}
  | {what: 'kubelet-config'; node: string}
  | {what: 'rbac'; name: RbacFile}
  | {what: 'rbac-user'; user: string}
  | {what: 'flags'};

export const RBAC_FOLDER = 'rbac';
/** People's examples sit one folder down, so `kubectl apply -f rbac/` (not recursive) applies only the cluster's files. */
export const userRbacPath = (user: string): string => `${RBAC_FOLDER}/users/${user}.yaml`;
export const FLAGS_FILE = 'flags.md';
/** Where kubeadm's kubelet reads its configuration: the kubeadm layout's path, below the node's root. */
export const KUBELET_CONFIG_PATH = 'var/lib/kubelet/config.yaml';
export const MANIFESTS_PATH = 'etc/kubernetes/manifests';
/** The flat layout's files all go into this one folder on a node: the flags and configs name them there. */
export const FLAT_NODE_DIR = '/etc/kubernetes/pki';

/** A filename-safe token per config file: the openssl script stages each under configs/KEY. */
export function configKey(c: ConfigFile): string {
  switch (c.what) {
    case 'static-pod':
      return `${c.component}@${c.node}`;
    case 'kubelet-config':
      return `kubelet-config@${c.node}`;
    case 'rbac':
      return `rbac-${c.name}`;
    case 'rbac-user':
      return `rbac-user@${c.user}`;
    case 'flags':
      return 'flags';
  }
}

/** kubeadm layout: a node's configs, relative to its folder. */
export function kubeadmNodeConfigs(node: PlanNode): {path: string; config: ConfigFile}[] {
  const name = node.name;
  return [
    ...(isControlPlane(node) ? STATIC_POD_COMPONENTS.map((component) => ({path: `${MANIFESTS_PATH}/${component}.yaml`, config: {what: 'static-pod', component, node: name} as const})) : []),
    {path: KUBELET_CONFIG_PATH, config: {what: 'kubelet-config', node: name}},
  ];
}

/** flat layout: every node's configs named as courses name them (`etcd.yaml`, `kubelet-config.yaml`), with
 *  `-NODE` by the flat layout's rule (per node always, per control plane when there are several), and flags.md. */
export function flatConfigs(plan: Plan): {path: string; config: ConfigFile; node?: string}[] {
  const several = controlPlanes(plan).length > 1;
  return [
    {path: FLAGS_FILE, config: {what: 'flags'}},
    ...controlPlanes(plan).flatMap((n) => STATIC_POD_COMPONENTS.map((component) => ({
      path: `${component}${several ? `-${n.name}` : ''}.yaml`, config: {what: 'static-pod', component, node: n.name} as const, node: n.name,
    }))),
    ...plan.nodes.map((n) => ({path: `kubelet-config-${n.name}.yaml`, config: {what: 'kubelet-config', node: n.name} as const, node: n.name})),
  ];
}

/** Both layouts: DIR/rbac/, the cluster-wide bindings and one example file per person. */
export function rbacConfigs(plan: Plan): {path: string; config: ConfigFile; user?: string}[] {
  return [
    ...RBAC_FILES.map((name) => ({path: `${RBAC_FOLDER}/${name}.yaml`, config: {what: 'rbac', name} as const})),
    ...plan.users.map((u) => ({path: userRbacPath(u.name), config: {what: 'rbac-user', user: u.name} as const, user: u.name})),
  ];
}
