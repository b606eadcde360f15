// RBAC for certificate users: authentication gives a name and groups; only bindings give permissions.

import * as ids from '../../plan/identities.js';
import {choice, typed} from './build.js';
import {splitCommand} from '../sandbox.js';
import type {Question, Verdict} from '../types.js';

/** Judges a `kubectl auth can-i VERB RESOURCE --as USER --as-group G...` line by its parsed flags. */
function judgeCanI(user: string, groups: readonly string[]): (input: string) => Verdict {
  return (input) => {
    const split = splitCommand(input);
    if (!split.ok) return {right: false, feedback: split.reason};
    const argv = split.argv;
    if (argv[0] !== 'kubectl' || argv[1] !== 'auth' || argv[2] !== 'can-i') return {right: false, feedback: 'start with kubectl auth can-i'};
    const values = (flag: string) => argv.flatMap((a, i) => (a === flag ? [argv[i + 1] ?? ''] : a.startsWith(`${flag}=`) ? [a.slice(flag.length + 1)] : []));
    const as = values('--as');
    if (as.length !== 1 || as[0] !== user) return {right: false, feedback: `--as must name the user: --as ${user}`};
    const got = values('--as-group');
    const missing = groups.filter((g) => !got.includes(g));
    if (missing.length) return {right: false, feedback: `add --as-group for ${missing.join(', ')}: --as alone tests the user without the groups the certificate gives`};
    const positional = argv.slice(3).filter((a, i, all) => !a.startsWith('-') && !['--as', '--as-group', '-n', '--namespace'].includes(all[i - 1] ?? ''));
    return positional.length >= 2 ? {right: true} : {right: false, feedback: 'say what to test: a verb and a resource, like list pods'};
  };
}

export const RBAC: Question[] = [
  choice({id: 'rbac-new-user', topic: 'rbac', level: 1}, () => ({
    prompt: 'A new user logs in with a valid certificate (CN=alice, O=dev) and no RoleBinding exists for alice or dev. What can alice do?',
    right: 'nothing: every request is Forbidden (403), though she is authenticated',
    wrong: ['read everything in the default namespace', 'everything: a valid certificate is enough', 'nothing: every request is Unauthorized (401)'],
    whyWrong: {'nothing: every request is Unauthorized (401)': '401 means the certificate was not accepted; here it was, so RBAC answers 403'},
    explanation: 'Authentication (the certificate) says who; authorization (RBAC) says what. Without a binding, only discovery endpoints answer.',
    truth: 'kubectl auth can-i --list --as alice --as-group dev',
  })),
  choice({id: 'rbac-bind-group', topic: 'rbac', level: 1}, () => ({
    prompt: 'How do you give everyone in the certificate group developers read access to pods in namespace dev?',
    right: 'a Role that can get/list/watch pods in dev, and a RoleBinding in dev with subject kind: Group, name: developers',
    wrong: ['create a Group object named developers', 'add developers to the CA', 'a ClusterRoleBinding to system:masters'],
    explanation: 'Groups exist only in certificates (O) and tokens; RBAC refers to them by name. kubectl create rolebinding NAME --role=R --group=developers -n dev.',
    truth: 'kubectl create rolebinding --help',
  })),
  choice({id: 'rbac-as-group', topic: 'rbac', level: 2}, () => ({
    prompt: 'Why does `kubectl auth can-i list pods --as john` answer no when john’s certificate is in developers, which has a binding?',
    right: '--as impersonates the user without groups: add --as-group developers',
    wrong: ['can-i ignores group bindings', 'the binding needs the user too', 'impersonation needs system:masters'],
    explanation: 'Impersonation sends only what you give it; the certificate’s O fields are not looked up.',
    truth: 'kubectl auth can-i --help',
  })),
  typed({id: 'rbac-can-i', topic: 'rbac', level: 2, lab: true}, (lab) => {
    const user = lab.users[0]!;
    return {
      prompt: `Write the kubectl command that checks whether ${user.name} (with the groups in their lab certificate) may list pods in namespace dev.`,
      form: 'one kubectl auth can-i command',
      answer: `kubectl auth can-i list pods -n dev --as ${user.name} ${user.groups.map((g) => `--as-group ${g}`).join(' ')}`,
      grade: judgeCanI(user.name, user.groups),
      explanation: 'can-i with --as and one --as-group per O tests exactly what the certificate will be allowed.',
      truth: `openssl x509 -in ${user.file} -noout -subject (the groups), kubectl auth can-i --help`,
    };
  }),
  choice({id: 'rbac-admin-binding', topic: 'rbac', level: 2}, () => ({
    prompt: `admin.conf’s certificate is in ${ids.ADMIN_GROUP}. On a cluster you built by hand (no kubeadm init), what must you apply before it works?`,
    right: `a ClusterRoleBinding from the group ${ids.ADMIN_GROUP} to the ClusterRole cluster-admin`,
    wrong: ['nothing: the group is built in', 'a Role in kube-system', 'a CertificateSigningRequest'],
    explanation: `kubeadm init creates that binding; only ${ids.MASTERS_GROUP} works without one (and it should not be used day to day).`,
    truth: 'kubectl get clusterrolebinding kubeadm:cluster-admins -o yaml',
  })),
  choice({id: 'rbac-kubelet-api', topic: 'rbac', level: 3}, () => ({
    prompt: 'kubectl logs fails with "Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource=proxy)". What is missing?',
    right: 'RBAC letting the API server’s kubelet-client identity use nodes/proxy (and stats, log, metrics)',
    wrong: ['a SAN on the kubelet certificate', 'the etcd CA', 'a new admin.conf'],
    explanation: 'The kubelet asks the API server to authorize the API server’s own calls (webhook authorization); a hand-built cluster needs a ClusterRole and binding for it.',
    truth: 'kubelet config: authorization.mode Webhook; kubectl auth can-i get nodes/proxy --as kube-apiserver-kubelet-client',
  })),
  choice({id: 'rbac-revoke', topic: 'rbac', level: 2}, () => ({
    prompt: 'A developer leaves. Their certificate is valid for another 300 days. What takes their access away now?',
    right: 'removing the RoleBindings for their user (and groups they alone used); the certificate itself cannot be revoked',
    wrong: ['deleting their CSR object', 'kubectl certificate deny', 'removing the certificate file from the cluster'],
    explanation: 'Kubernetes does not check revocation lists for client certificates; access is removed through RBAC. Short lifetimes limit the damage.',
    truth: 'kubectl get rolebindings,clusterrolebindings -A -o wide | grep NAME',
  })),
];
