// The RBAC objects kubeadm init creates and a hand-built cluster must apply itself, and a worked example per
// person. The API server authenticates a certificate (CN = user, O = groups) but RBAC grants nothing until a
// binding names the user or one of the groups: without these, admin.conf and `kubectl logs/exec` are Forbidden.

import {ADMIN_GROUP, APISERVER_KUBELET_CLIENT_USER, NODES_GROUP} from '../../plan/identities.js';
import type {PlanUser} from '../../plan/types.js';
import {userRbacPath, type RbacFile} from '../../pki/config-files.js';

const RBAC_API = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** The API server's identity at kubelets, as Kubernetes the Hard Way binds it. */
export const APISERVER_TO_KUBELET_ROLE = 'system:kube-apiserver-to-kubelet';

export interface RbacDoc {
  comments: string[];
  docs: Record<string, unknown>[];
}

const clusterRoleBinding = (name: string, role: string, subject: {kind: 'User' | 'Group'; name: string}) => ({
  apiVersion: RBAC_API,
  kind: 'ClusterRoleBinding',
  metadata: {name},
  roleRef: {apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role},
  subjects: [{apiGroup: RBAC_GROUP, ...subject}],
});

export const RBAC_DOCS: Readonly<Record<RbacFile, RbacDoc>> = {
  'cluster-admins': {
    comments: [
      `admin.conf's certificate is in group ${ADMIN_GROUP}. kubeadm init binds that group to cluster-admin with this`,
      'ClusterRoleBinding; a cluster built without kubeadm must apply it, or the administrator can do nothing',
      '(every request is Forbidden). Apply it once with super-admin.conf (system:masters bypasses RBAC):',
      '  kubectl --kubeconfig super-admin.conf apply -f rbac/cluster-admins.yaml',
      'Revoking the administrator later is deleting this binding, which system:masters would not allow.',
    ],
    docs: [clusterRoleBinding(ADMIN_GROUP, 'cluster-admin', {kind: 'Group', name: ADMIN_GROUP})],
  },
  'apiserver-to-kubelet': {
    comments: [
      `The API server calls kubelets as ${APISERVER_KUBELET_CLIENT_USER} (its --kubelet-client-certificate) for kubectl`,
      'logs, exec, port-forward and metrics; the kubelet asks the API server (webhook authorization) whether that',
      'user may. kubeadm puts the certificate in a group bound to cluster-admin; a hand-built cluster grants just these',
      'kubelet resources, as Kubernetes the Hard Way does. Without it: "Forbidden (user=kube-apiserver-kubelet-client,',
      'verb=get, resource=nodes, subresource=proxy)".',
    ],
    docs: [
      {
        apiVersion: RBAC_API,
        kind: 'ClusterRole',
        metadata: {
          annotations: {'rbac.authorization.kubernetes.io/autoupdate': 'true'},
          labels: {'kubernetes.io/bootstrapping': 'rbac-defaults'},
          name: APISERVER_TO_KUBELET_ROLE,
        },
        rules: [{apiGroups: [''], resources: ['nodes/proxy', 'nodes/stats', 'nodes/log', 'nodes/spec', 'nodes/metrics'], verbs: ['*']}],
      },
      clusterRoleBinding(APISERVER_TO_KUBELET_ROLE, APISERVER_TO_KUBELET_ROLE, {kind: 'User', name: APISERVER_KUBELET_CLIENT_USER}),
    ],
  },
  'kubelet-certificate-rotation': {
    comments: [
      'Kubelets renew their client certificates through the CertificateSigningRequest API (rotateCertificates: true in',
      `their config). This binding lets the controller-manager approve those renewals for members of ${NODES_GROUP};`,
      'kubeadm creates it as kubeadm:node-autoapprove-certificate-rotation. Without it renewals stay Pending and each',
      'kubelet stops at its certificate\'s expiry.',
    ],
    docs: [clusterRoleBinding('kubeadm:node-autoapprove-certificate-rotation',
      'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', {kind: 'Group', name: NODES_GROUP})],
  },
};

/** Examples for one person: a RoleBinding per group (or for the user when there is none), and how to test it. */
export function userRbac(user: PlanUser): RbacDoc {
  const subjects = user.groups.length > 0
    ? user.groups.map((g) => ({kind: 'Group' as const, name: g, binding: `${g}-view`}))
    : [{kind: 'User' as const, name: user.name, binding: `${user.name}-view`}];
  const asGroups = user.groups.map((g) => ` --as-group ${g}`).join('');
  return {
    comments: [
      `${user.name} logs in with a certificate: CN ${user.name}${user.groups.length ? `, O ${user.groups.join(', ')}` : ''}.`,
      'The API server believes who they are, but RBAC grants nothing until a binding names the user or one of the groups:',
      `before any binding exists, ${user.name} can do nothing (every request is Forbidden) beyond what every signed-in user`,
      'may: API discovery, `kubectl auth whoami` and `kubectl auth can-i`. That holds with kubeadm and without.',
      '',
      'An example to adapt, not applied by anyone: read-only access (ClusterRole view) in namespace default,',
      `${user.groups.length ? 'granted to each group, so every member gets it' : 'granted to the user'}. Change the namespace and the role, then:`,
      `  kubectl apply -f ${userRbacPath(user.name)}`,
      'Check it as that person, without their key:',
      `  kubectl auth can-i list pods --namespace default --as ${user.name}${asGroups}`,
      `  kubectl auth can-i delete pods --namespace default --as ${user.name}${asGroups}   # no: view cannot delete`,
    ],
    docs: subjects.map((s) => ({
      apiVersion: RBAC_API,
      kind: 'RoleBinding',
      metadata: {name: s.binding, namespace: 'default'},
      roleRef: {apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'view'},
      subjects: [{apiGroup: RBAC_GROUP, kind: s.kind, name: s.name}],
    })),
  };
}
