// Identities and groups: the CN is the user, each O a group; the names kubeadm gives each component.

import * as ids from '../../plan/identities.js';
import {choice, typed} from './build.js';
import {judgeExact, judgeSet} from '../judge.js';
import {cnOf, labCert, orgsOf} from './facts.js';
import type {Question} from '../types.js';

export const IDENTITIES: Question[] = [
  typed({id: 'id-kubelet-cn', topic: 'identities', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'kubelet-client');
    const cn = cnOf(cert.profile);
    return {
      prompt: `What CN must the kubelet on node ${lab.node.name} have in its client certificate?`,
      form: 'a CN',
      answer: cn,
      grade: judgeExact(cn, {[lab.node.name]: `the Node authorizer needs the prefix: ${cn}`, [`system:nodes:${lab.node.name}`]: `it is system:node: (singular), then the node name: ${cn}`}),
      explanation: `The Node authorizer only lets a kubelet touch its own Node object and pods, and it knows which node by the CN ${ids.NODE_USER_PREFIX}NAME, with the name exactly as the node registers.`,
      truth: `the certificate in ${cert.nodePath}: openssl x509 -noout -subject`,
    };
  }),
  typed({id: 'id-kubelet-group', topic: 'identities', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'kubelet-client');
    const [group] = orgsOf(cert.profile);
    return {
      prompt: 'Which group (O) must a kubelet’s client certificate carry?',
      form: 'a group',
      answer: group!,
      grade: judgeExact(group!, {'system:node': `O must be ${group} (plural)`, 'system:masters': 'that would make every kubelet a superuser; the Node authorizer wants system:nodes'}),
      explanation: 'The Node authorizer and the NodeRestriction admission plugin apply to members of system:nodes; a kubelet without it gets Forbidden.',
      truth: `the certificate in ${cert.nodePath}: openssl x509 -noout -subject`,
    };
  }),
  typed({id: 'id-admin-group', topic: 'identities', level: 2, lab: true}, (lab) => {
    const cert = labCert(lab, 'admin');
    const groups = orgsOf(cert.profile);
    return {
      prompt: `Which group does the certificate in ${cert.nodePath} put its user in (kubeadm 1.29 and later)?`,
      form: 'a group',
      answer: groups.join(', '),
      grade: judgeSet(groups, 'groups'),
      explanation: `Since 1.29 admin.conf is in ${ids.ADMIN_GROUP}, which kubeadm binds to cluster-admin with RBAC (so it can be revoked); only super-admin.conf is in ${ids.MASTERS_GROUP}.`,
      truth: `kubectl config view --kubeconfig ${cert.nodePath} --raw, then decode client-certificate-data and read its subject`,
    };
  }),
  typed({id: 'id-super-admin-group', topic: 'identities', level: 2}, () => ({
    prompt: 'Which group does super-admin.conf’s certificate carry?',
    form: 'a group',
    answer: ids.MASTERS_GROUP,
    grade: judgeExact(ids.MASTERS_GROUP, {[ids.ADMIN_GROUP]: `that is admin.conf’s group; super-admin.conf is in ${ids.MASTERS_GROUP}`}),
    explanation: `${ids.MASTERS_GROUP} bypasses RBAC entirely and cannot be revoked; kubeadm writes it only on the first control plane, for break-glass use.`,
    truth: '/etc/kubernetes/super-admin.conf (first control-plane node only)',
  })),
  typed({id: 'id-controller-manager', topic: 'identities', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'controller-manager');
    const cn = cnOf(cert.profile);
    return {
      prompt: `As which user does kube-controller-manager log in (the CN in ${cert.nodePath})?`,
      form: 'a user name',
      answer: cn,
      grade: judgeExact(cn, {'kube-controller-manager': `the system: prefix is part of the name: ${cn}`}),
      explanation: 'Kubernetes ships RBAC bindings for system:kube-controller-manager; any other name gets no permissions.',
      truth: `${cert.nodePath} (client-certificate-data)`,
    };
  }),
  typed({id: 'id-scheduler', topic: 'identities', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'scheduler');
    const cn = cnOf(cert.profile);
    return {
      prompt: `As which user does kube-scheduler log in (the CN in ${cert.nodePath})?`,
      form: 'a user name',
      answer: cn,
      grade: judgeExact(cn, {'kube-scheduler': `the system: prefix is part of the name: ${cn}`, 'system:system:kube-scheduler': 'one system: prefix, not two'}),
      explanation: 'The built-in ClusterRoleBinding system:kube-scheduler names this user exactly.',
      truth: `${cert.nodePath} (client-certificate-data)`,
    };
  }),
  typed({id: 'id-user-groups', topic: 'identities', level: 2, lab: true}, (lab) => {
    const user = lab.users[0]!;
    return {
      prompt: `Which groups is ${user.name} in, according to the certificate ${user.file} in the lab?`,
      form: 'the groups, separated by commas',
      answer: user.groups.join(', '),
      grade: judgeSet(user.groups, 'groups'),
      explanation: 'Each O in the subject is one group. Groups live only in the certificate: to change them, issue a new certificate.',
      truth: `openssl x509 -in ${user.file} -noout -subject`,
    };
  }),
  choice({id: 'id-groups-from', topic: 'identities', level: 1}, () => ({
    prompt: 'Where does the API server get a certificate user’s groups from?',
    right: 'the O (organization) fields of the certificate’s subject',
    wrong: ['the OU fields', 'a Group object in the cluster', 'the SANs'],
    explanation: 'Kubernetes has no User or Group objects: the x509 authenticator maps CN to the user and each O to a group.',
    truth: 'openssl x509 -noout -subject',
  })),
  typed({id: 'id-etcd-client', topic: 'identities', level: 3, lab: true}, (lab) => {
    const cert = labCert(lab, 'apiserver-etcd-client');
    const cn = cnOf(cert.profile);
    return {
      prompt: `What CN does the API server present to etcd (${cert.nodePath})?`,
      form: 'a CN',
      answer: cn,
      grade: judgeExact(cn),
      explanation: 'etcd does not look at the CN for access unless its own auth is on; what matters is that the etcd CA signed it with clientAuth. kubeadm still names it.',
      truth: `openssl x509 -in ${cert.nodePath} -noout -subject -issuer`,
    };
  }),
  choice({id: 'id-masters-why-not', topic: 'identities', level: 2}, () => ({
    prompt: `Why should a person’s certificate not be in ${ids.MASTERS_GROUP}?`,
    right: 'it bypasses RBAC and a certificate cannot be revoked: the access lasts until it expires',
    wrong: ['the CSR API would make it expire after an hour', 'kubectl refuses such certificates', 'it only works on the first control plane'],
    explanation: 'Bind a normal group to a role instead: removing the binding takes the access away at once.',
    truth: 'kubectl get clusterrolebindings -o wide',
  })),
];
