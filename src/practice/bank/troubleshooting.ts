// Troubleshooting: reading the error a component prints and going to the certificate, file or flag behind it.

import {choice, typed} from './build.js';
import {judgePath} from '../judge.js';
import {flagPath} from './facts.js';
import type {Question} from '../types.js';

export const TROUBLESHOOTING: Question[] = [
  choice({id: 'ts-unknown-authority', topic: 'troubleshooting', level: 1}, () => ({
    prompt: 'kubectl says "x509: certificate signed by unknown authority". What is wrong?',
    right: 'the kubeconfig’s certificate-authority-data is not the CA that signed the API server’s certificate',
    wrong: ['the user has no RoleBinding', 'the client certificate expired', 'a SAN is missing'],
    explanation: 'kubectl is checking the server here; compare the kubeconfig’s CA with the issuer of apiserver.crt.',
    truth: 'openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -issuer',
  })),
  choice({id: 'ts-401-403', topic: 'troubleshooting', level: 1}, () => ({
    prompt: 'A request answers 401 Unauthorized. What does that tell you, compared with 403 Forbidden?',
    right: '401: the credentials were not accepted (wrong CA, expired); 403: authenticated, but RBAC denies it',
    wrong: ['both mean a missing RoleBinding', '401 is RBAC, 403 is the certificate', '401 means the API server is down'],
    explanation: 'Fix a 401 in the certificate or kubeconfig; fix a 403 with a binding.',
    truth: 'kubectl auth whoami',
  })),
  choice({id: 'ts-valid-for', topic: 'troubleshooting', level: 1}, () => ({
    prompt: '"x509: certificate is valid for kubernetes, kubernetes.default, 10.96.0.1, not 10.0.0.1" — what is the fix?',
    right: 're-issue the API server certificate with IP:10.0.0.1 as a SAN (or dial a name it has)',
    wrong: ['add 10.0.0.1 to the kubeconfig’s CA', 'restart the kubelet', 'use --insecure-skip-tls-verify permanently'],
    explanation: 'The name or IP dialled must be in the SANs. If 10.0.0.1 is a service IP, check that the service subnet and the certificate agree.',
    truth: 'openssl x509 -in apiserver.crt -noout -ext subjectAltName',
  })),
  choice({id: 'ts-key-mismatch', topic: 'troubleshooting', level: 2}, () => ({
    prompt: 'A component fails with "tls: private key does not match public key". How do you confirm it?',
    right: 'compare openssl x509 -noout -pubkey of the certificate with openssl pkey -pubout of the key (e.g. their sha256)',
    wrong: ['openssl verify the key against the CA', 'compare the file dates', 'check the CN of the key'],
    explanation: 'A key and a certificate belong together when the certificate’s public key is the key’s public half.',
    truth: 'openssl x509 -in c.crt -noout -pubkey | openssl sha256; openssl pkey -in c.key -pubout | openssl sha256',
  })),
  typed({id: 'ts-etcd-cafile', topic: 'troubleshooting', level: 2, lab: true}, (lab) => {
    const wrongFile = flagPath(lab, 'kube-apiserver', '--client-ca-file');
    const right = flagPath(lab, 'kube-apiserver', '--etcd-cafile');
    const judge = judgePath(right);
    return {
      prompt: `The API server on ${lab.node.name} logs "x509: certificate signed by unknown authority" when it dials etcd, and its manifest says --etcd-cafile=${wrongFile}. What should the flag name?`,
      form: 'an absolute path on the node',
      answer: right,
      grade: (input) => (input.trim() === wrongFile ? {right: false, feedback: 'that is what it says now: the cluster CA did not sign etcd’s certificate'} : judge(input)),
      explanation: 'etcd’s serving certificate is signed by the etcd CA; the API server must trust that CA for etcd.',
      truth: 'openssl x509 -in /etc/kubernetes/pki/etcd/server.crt -noout -issuer',
    };
  }),
  choice({id: 'ts-renew-restart', topic: 'troubleshooting', level: 2}, () => ({
    prompt: 'You ran kubeadm certs renew all, but the API server still serves the old certificate. Why?',
    right: 'static pods read certificates at start: restart them (move the manifests out of /etc/kubernetes/manifests and back)',
    wrong: ['renew only works after a reboot', 'the CA must be renewed first', 'kubeadm renews only kubeconfigs'],
    explanation: 'Renewal writes files; the running processes keep the old ones in memory. Also copy the new admin.conf to ~/.kube/config.',
    truth: 'crictl ps; ls /etc/kubernetes/manifests',
  })),
  choice({id: 'ts-node-forbidden', topic: 'troubleshooting', level: 2}, () => ({
    prompt: 'A new kubelet logs "nodes \\"node-a\\" is forbidden: User \\"system:node:Node-A\\" cannot get resource nodes". What is wrong?',
    right: 'the certificate’s CN must be system:node: plus the node’s exact registered name (node-a, lowercase)',
    wrong: ['the kubelet needs system:masters', 'the API server certificate lacks a SAN', 'the CA expired'],
    explanation: 'The Node authorizer compares names exactly; a case difference is another node.',
    truth: 'openssl x509 -in /var/lib/kubelet/pki/kubelet-client-current.pem -noout -subject',
  })),
  choice({id: 'ts-etcdctl-flags', topic: 'troubleshooting', level: 3}, () => ({
    prompt: 'Which set of etcdctl flags is right for talking to kubeadm’s etcd?',
    right: '--cacert etcd/ca.crt --cert etcd/healthcheck-client.crt --key etcd/healthcheck-client.key',
    wrong: ['--cacert etcd/server.crt --cert etcd/ca.crt --key etcd/ca.key', '--cacert ca.crt --cert apiserver.crt --key apiserver.key', '--cacert etcd/ca.crt --cert etcd/server.crt --key etcd/ca.key'],
    whyWrong: {'--cacert etcd/server.crt --cert etcd/ca.crt --key etcd/ca.key': 'this may even work by accident, but it pins a leaf as the root and uses the CA key as a client key: never do it'},
    explanation: '--cacert is the CA that signed etcd’s serving certificate; --cert/--key a client pair the etcd CA signed with clientAuth.',
    truth: 'grep -E "trusted-ca-file|cert-file|key-file" /etc/kubernetes/manifests/etcd.yaml',
  })),
  choice({id: 'ts-expired', topic: 'troubleshooting', level: 1}, () => ({
    prompt: 'Which openssl command exits 1 when a certificate has already expired?',
    right: 'openssl x509 -in FILE -noout -checkend 0',
    wrong: ['openssl x509 -in FILE -noout -enddate', 'openssl verify FILE', 'openssl x509 -in FILE -noout -dates -check'],
    explanation: '-checkend N exits 1 when the certificate is expired or expires within N seconds; -enddate only prints the date.',
    truth: 'openssl x509 -help',
  })),
];
