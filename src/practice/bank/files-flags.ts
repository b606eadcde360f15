// Files and flags: which component reads which file through which flag, asked about the lab's own files.

import type {Component} from '../../pki/components.js';
import {choice, typed} from './build.js';
import {judgePath} from '../judge.js';
import {flagPath} from './facts.js';
import type {LabCluster} from '../lab.js';
import type {Level, Question} from '../types.js';

interface FlagQuestion {
  id: string;
  level: Level;
  component: Component;
  flag: string;
  /** What the flag is for, as the question puts it. */
  purpose: string;
  explanation: string;
  /** Typical wrong files and what to say about them (node paths, computed from the lab). */
  traps?: (lab: LabCluster) => Record<string, string>;
}

const FLAG_QUESTIONS: FlagQuestion[] = [
  {id: 'flag-tls-cert', level: 1, component: 'kube-apiserver', flag: '--tls-cert-file', purpose: 'the API server’s serving certificate',
    explanation: 'The API server presents this certificate to every client; its SANs must cover every name clients dial.'},
  {id: 'flag-client-ca', level: 1, component: 'kube-apiserver', flag: '--client-ca-file', purpose: 'the CA whose client certificates the API server accepts',
    explanation: 'Users, kubelets and controllers authenticate with certificates this CA signed.',
    traps: (lab) => ({[flagPath(lab, 'kube-apiserver', '--etcd-cafile')]: 'that is the etcd CA; clients of the API server are signed by the cluster CA'})},
  {id: 'flag-etcd-certfile', level: 1, component: 'kube-apiserver', flag: '--etcd-certfile', purpose: 'the client certificate the API server presents to etcd',
    explanation: 'etcd accepts it because the etcd CA signed it with clientAuth.'},
  {id: 'flag-etcd-cafile', level: 2, component: 'kube-apiserver', flag: '--etcd-cafile', purpose: 'the CA the API server trusts for etcd’s serving certificate',
    explanation: 'etcd’s certificates come from the etcd CA, not the cluster CA; with ca.crt here the API server fails with "x509: certificate signed by unknown authority".',
    traps: (lab) => ({[flagPath(lab, 'kube-apiserver', '--client-ca-file')]: 'that is the cluster CA; etcd’s certificate is signed by the etcd CA'})},
  {id: 'flag-kubelet-client-key', level: 2, component: 'kube-apiserver', flag: '--kubelet-client-key', purpose: 'the key the API server uses when it calls kubelets (logs, exec)',
    explanation: 'The API server is a client of every kubelet; its certificate for that is apiserver-kubelet-client.'},
  {id: 'flag-sa-pub', level: 2, component: 'kube-apiserver', flag: '--service-account-key-file', purpose: 'the public key the API server checks ServiceAccount tokens with',
    explanation: 'sa.key signs tokens (controller-manager and API server), sa.pub verifies them. It is a bare key pair, no certificate.'},
  {id: 'flag-etcd-cert', level: 1, component: 'etcd', flag: '--cert-file', purpose: 'etcd’s serving certificate for clients',
    explanation: 'etcd presents it on :2379; --peer-cert-file is a different certificate for :2380.'},
  {id: 'flag-etcd-trusted-ca', level: 2, component: 'etcd', flag: '--trusted-ca-file', purpose: 'the CA whose client certificates etcd accepts',
    explanation: 'Only certificates from the etcd CA can talk to etcd: that is why the API server has its own apiserver-etcd-client certificate.'},
  {id: 'flag-cm-signing-key', level: 3, component: 'kube-controller-manager', flag: '--cluster-signing-key-file', purpose: 'the key the controller-manager signs approved CSRs with',
    explanation: 'Approved CertificateSigningRequests are signed by the controller-manager with the cluster CA’s key: that is why ca.key lives on control planes.'},
];

const flagQuestion = (q: FlagQuestion): Question =>
  typed({id: q.id, topic: 'files-flags', level: q.level, lab: true}, (lab) => {
    const path = flagPath(lab, q.component, q.flag);
    const judge = judgePath(path);
    const traps = q.traps?.(lab) ?? {};
    return {
      prompt: `On ${lab.node.name}, which file does ${q.component} ${q.flag} name (${q.purpose})?`,
      form: 'an absolute path on the node',
      answer: path,
      grade: (input) => {
        const trap = traps[input.trim()];
        return trap ? {right: false, feedback: trap} : judge(input);
      },
      explanation: q.explanation,
      truth: `grep -- ${q.flag} /etc/kubernetes/manifests/${q.component}.yaml`,
    };
  });

export const FILES_FLAGS: Question[] = [
  ...FLAG_QUESTIONS.map(flagQuestion),
  choice({id: 'flag-same-ca', topic: 'files-flags', level: 2, lab: true}, (lab) => ({
    prompt: `Do etcd --trusted-ca-file and kube-apiserver --client-ca-file name the same file on ${lab.node.name}?`,
    right: `no: ${flagPath(lab, 'etcd', '--trusted-ca-file')} and ${flagPath(lab, 'kube-apiserver', '--client-ca-file')}`,
    wrong: ['yes: both are the cluster CA', 'yes: both are the etcd CA', 'etcd has no such flag'],
    explanation: 'Two CAs keep the two trust domains apart: a cluster certificate cannot read etcd.',
    truth: 'grep -E "trusted-ca-file|client-ca-file" /etc/kubernetes/manifests/*.yaml',
  })),
  choice({id: 'flag-requestheader', topic: 'files-flags', level: 3}, () => ({
    prompt: 'What is --requestheader-client-ca-file (front-proxy-ca.crt) for?',
    right: 'extension API servers (metrics-server…) trust requests the API server proxies to them, signed by the front-proxy CA',
    wrong: ['kubectl proxy', 'the kube-proxy component', 'the kubelet’s serving certificate'],
    explanation: 'The aggregation layer: the API server presents front-proxy-client.crt, and the extension server checks it against front-proxy-ca.',
    truth: 'kube-apiserver --proxy-client-cert-file / --requestheader-client-ca-file',
  })),
  choice({id: 'flag-kubelet-kubeconfig', topic: 'files-flags', level: 1}, () => ({
    prompt: 'Where does a kubeadm kubelet find the client certificate it logs in to the API with?',
    right: 'in /etc/kubernetes/kubelet.conf, which points to /var/lib/kubelet/pki/kubelet-client-current.pem after rotation',
    wrong: ['in /etc/kubernetes/pki/apiserver-kubelet-client.crt', 'in /var/lib/kubelet/pki/kubelet.crt', 'in /etc/kubernetes/admin.conf'],
    whyWrong: {'in /etc/kubernetes/pki/apiserver-kubelet-client.crt': 'that is the API server’s certificate for calling kubelets, the other direction',
      'in /var/lib/kubelet/pki/kubelet.crt': 'that is the kubelet’s serving certificate on :10250'},
    explanation: 'kubelet --kubeconfig names kubelet.conf; with rotation its user points to the rotating PEM file.',
    truth: 'grep client- /etc/kubernetes/kubelet.conf',
  })),
];
