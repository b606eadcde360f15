// The CertificateSigningRequest flow and kubeconfigs: how a person gets a certificate on the exam, and how a
// kubeconfig carries the CA, the certificate and the key.

import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {parse as parseYaml} from 'yaml';
import {KUBE_APISERVER_CLIENT_SIGNER} from '../../people/csr-manifest.js';
import {choice, command, printsAll, typed} from './build.js';
import {judgeExact} from '../judge.js';
import type {LabCluster} from '../lab.js';
import type {Question} from '../types.js';


/** The server URL of a lab user's kubeconfig, read from the file. */
function userKubeconfig(lab: LabCluster): {user: string; file: string; server: string} {
  const user = lab.users[0]!;
  const file = user.file.replace(/\.crt$/, '.kubeconfig');
  const doc = parseYaml(readFileSync(join(lab.dir, file), 'utf8')) as {clusters: {cluster: {server: string}}[]};
  return {user: user.name, file, server: doc.clusters[0]!.cluster.server};
}

export const CSR_KUBECONFIG: Question[] = [
  typed({id: 'csr-signer', topic: 'csr-kubeconfig', level: 1}, () => ({
    prompt: 'Which signerName does a CertificateSigningRequest for a person’s client certificate use?',
    form: 'a signer name',
    answer: KUBE_APISERVER_CLIENT_SIGNER,
    grade: judgeExact(KUBE_APISERVER_CLIENT_SIGNER, {'kubernetes.io/kube-apiserver-client-kubelet': 'that one is only for kubelets’ own client certificates',
      'kubernetes.io/legacy-unknown': 'legacy-unknown is refused by the certificates API in certificates.k8s.io/v1'}),
    explanation: 'kube-apiserver-client issues certificates the API server accepts for authentication; the controller-manager signs them with the cluster CA once approved.',
    truth: 'kubectl explain certificatesigningrequest.spec.signerName',
  })),
  choice({id: 'csr-request-field', topic: 'csr-kubeconfig', level: 1}, () => ({
    prompt: 'What goes into spec.request of a CertificateSigningRequest?',
    right: 'the PEM CSR (from openssl req -new) base64-encoded on one line',
    wrong: ['the private key, base64-encoded', 'the signed certificate', 'the CSR in PEM, pasted as is'],
    whyWrong: {'the private key, base64-encoded': 'the key never leaves the person’s machine; only the request does'},
    explanation: 'base64 < john.csr | tr -d "\\n" gives one line on every system (GNU base64 wraps at 76 characters).',
    truth: 'kubectl explain certificatesigningrequest.spec.request',
  })),
  choice({id: 'csr-approve', topic: 'csr-kubeconfig', level: 1}, () => ({
    prompt: 'You created CSR john. Which command approves it?',
    right: 'kubectl certificate approve john',
    wrong: ['kubectl approve csr john', 'kubectl certificate sign john', 'kubeadm certs approve john'],
    explanation: 'Then the controller-manager signs it and kubectl get csr john -o jsonpath=\'{.status.certificate}\' | base64 -d gives the certificate.',
    truth: 'kubectl certificate --help',
  })),
  typed({id: 'csr-name-vs-user', topic: 'csr-kubeconfig', level: 2}, () => ({
    prompt: 'A CertificateSigningRequest named john-developer carries a request with subject CN=john, O=developers. What user name does the issued certificate log in as?',
    form: 'a user name',
    answer: 'john',
    grade: judgeExact('john', {'john-developer': 'metadata.name is only the object’s name; the identity is the CN of the request'}),
    explanation: 'The certificate is signed from the request, so the user is its CN. Bind RBAC to john, not to the CSR’s name.',
    truth: 'openssl req -in john.csr -noout -subject',
  })),
  choice({id: 'csr-status', topic: 'csr-kubeconfig', level: 2}, () => ({
    prompt: 'After approval, where is the signed certificate?',
    right: '.status.certificate of the CSR object, base64-encoded',
    wrong: ['.spec.request', 'a Secret named after the CSR', '/etc/kubernetes/pki/users/'],
    explanation: 'Fetch it soon: approved CSR objects are garbage-collected after an hour.',
    truth: 'kubectl get csr NAME -o jsonpath=\'{.status.certificate}\'',
  })),
  choice({id: 'csr-masters', topic: 'csr-kubeconfig', level: 3}, () => ({
    prompt: 'You submit a CSR with O=system:masters to the kube-apiserver-client signer. What happens?',
    right: 'admission (CertificateSubjectRestriction) refuses it: that signer never issues system:masters',
    wrong: ['it is approved like any other', 'it is signed but the group is removed', 'kubectl refuses to create it'],
    explanation: 'system:masters cannot be revoked, so the API refuses to hand it out through the CSR API.',
    truth: 'the CertificateSubjectRestriction admission plugin',
  })),
  choice({id: 'kc-embed', topic: 'csr-kubeconfig', level: 2}, () => ({
    prompt: 'What does --embed-certs do in kubectl config set-credentials?',
    right: 'puts the certificate and key into the kubeconfig as base64 data instead of file paths',
    wrong: ['signs the certificate', 'copies the files into ~/.kube/', 'encrypts the kubeconfig'],
    explanation: 'An embedded kubeconfig is one file you can hand over; a referencing one breaks when the files move.',
    truth: 'kubectl config view --raw',
  })),
  typed({id: 'kc-user-server', topic: 'csr-kubeconfig', level: 2, lab: true}, (lab) => {
    const kc = userKubeconfig(lab);
    return {
      prompt: `Which API server URL does ${kc.file} (in the lab folder) point to?`,
      form: 'a URL',
      answer: kc.server,
      grade: judgeExact(kc.server),
      explanation: 'People’s kubeconfigs point at the load balancer (controlPlaneEndpoint) when there is one, else at the first control plane.',
      truth: `kubectl config view --kubeconfig ${kc.file} -o jsonpath='{.clusters[0].cluster.server}'`,
    };
  }),
  command({id: 'cmd-kubeconfig-view', topic: 'csr-kubeconfig', level: 2}, (lab) => {
    const kc = labKubeconfig(lab);
    return {
      prompt: `Type the kubectl command that shows the clusters, users and contexts of ${kc.nodePath} (without printing the keys).`,
      answer: `kubectl config view --kubeconfig ${kc.nodePath}`,
      check: (r) => {
        const v = printsAll(r, ['clusters:', 'contexts:', 'users:', kc.server], 'the kubeconfig');
        return v.right && /client-key-data: [A-Za-z0-9+/]{40,}/.test(r.output) ? {right: false, feedback: 'without --raw: that printed the private key'} : v;
      },
      explanation: 'kubectl config view hides the embedded data (DATA+OMITTED); --raw shows it.',
      truth: 'kubectl config view --help',
    };
  }),
];

function labKubeconfig(lab: LabCluster): {nodePath: string; server: string} {
  const admin = lab.certs.get('admin')!;
  const doc = parseYaml(readFileSync(admin.file, 'utf8')) as {clusters: {cluster: {server: string}}[]};
  return {nodePath: admin.nodePath, server: doc.clusters[0]!.cluster.server};
}
