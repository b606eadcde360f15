// The Kubernetes identities kubeadm's components use (CA names, users, groups), named once: the catalog
// builds its subjects from them, and the plan refuses them as people's names.

/** The three CAs' common names. */
export const CLUSTER_CA_CN = 'kubernetes';
export const ETCD_CA_CN = 'etcd-ca';
export const FRONT_PROXY_CA_CN = 'front-proxy-ca';

/** admin.conf: a group RBAC binds to cluster-admin, so the grant can be revoked. */
export const ADMIN_USER = 'kubernetes-admin';
export const ADMIN_GROUP = 'kubeadm:cluster-admins';
/** super-admin.conf: system:masters bypasses RBAC and cannot be revoked. */
export const SUPER_ADMIN_USER = 'kubernetes-super-admin';
export const MASTERS_GROUP = 'system:masters';

export const CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';
export const SCHEDULER_USER = 'system:kube-scheduler';
export const KUBE_PROXY_USER = 'system:kube-proxy';
/** The Node authorizer recognises a kubelet by both: `system:node:<name>` in `system:nodes`. */
export const NODE_USER_PREFIX = 'system:node:';
export const NODES_GROUP = 'system:nodes';

export const APISERVER_KUBELET_CLIENT_USER = 'kube-apiserver-kubelet-client';
export const APISERVER_ETCD_CLIENT_USER = 'kube-apiserver-etcd-client';
export const ETCD_HEALTHCHECK_CLIENT_USER = 'kube-etcd-healthcheck-client';
export const FRONT_PROXY_CLIENT_USER = 'front-proxy-client';
export const APISERVER_CN = 'kube-apiserver';

export const nodeUser = (nodeName: string): string => `${NODE_USER_PREFIX}${nodeName}`;

const LOOKS_SELF_SIGNED = 'a certificate carrying its issuer’s name looks self-signed to TLS tools';

/** Names a person must not get, each with what the name would let them pass as (all lowercase). */
export const RESERVED_USER_NAMES: Readonly<Record<string, string>> = {
  [CLUSTER_CA_CN]: `the cluster CA’s name: ${LOOKS_SELF_SIGNED}`,
  [ETCD_CA_CN]: `the etcd CA’s name: ${LOOKS_SELF_SIGNED}`,
  [FRONT_PROXY_CA_CN]: `the front-proxy CA’s name: ${LOOKS_SELF_SIGNED}`,
  [ADMIN_USER]: 'kubeadm’s cluster administrator (admin.conf): every RBAC binding and audit entry for it would cover this person',
  [SUPER_ADMIN_USER]: 'the break-glass superuser (super-admin.conf): audit logs could not tell this person from it',
  [CONTROLLER_MANAGER_USER]: 'RBAC grants it the controller manager’s powers, such as minting tokens for any service account',
  [SCHEDULER_USER]: 'RBAC grants it the scheduler’s powers: reading every pod and binding pods to nodes',
  [KUBE_PROXY_USER]: 'RBAC binds it to system:node-proxier: it reads every Service and endpoint in the cluster',
  [APISERVER_KUBELET_CLIENT_USER]: 'the API server at every kubelet: it may exec into, read logs of and port-forward to any pod',
  [APISERVER_ETCD_CLIENT_USER]: 'the API server at etcd, which holds all cluster state, Secrets included',
  [ETCD_HEALTHCHECK_CLIENT_USER]: 'etcd’s liveness probe: etcd’s own access control knows clients by this name',
  [FRONT_PROXY_CLIENT_USER]: 'the front proxy: the API server lets it assert any user and group in request headers, system:masters included',
  [APISERVER_CN]: 'the API server’s serving certificate: logs and people would take this person for the API server',
};

/** Prefixes of names that belong to Kubernetes, with the same kind of reason. */
export const RESERVED_USER_PREFIXES: Readonly<Record<string, string>> = {
  [NODE_USER_PREFIX]: 'a node’s kubelet: the Node authorizer lets it read the Secrets of that node’s pods and update the node',
};
