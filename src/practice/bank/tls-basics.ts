// TLS basics: what a CA, a key pair, a certificate and mutual TLS are, in Kubernetes' terms.

import {choice, typed} from './build.js';
import {judgeDuration} from '../judge.js';
import {labCert, lifetimeHours} from './facts.js';
import type {Question} from '../types.js';

export const TLS_BASICS: Question[] = [
  choice({id: 'tls-ca-flag', topic: 'tls-basics', level: 1}, () => ({
    prompt: 'What in a certificate makes it a certificate authority that may sign others?',
    right: 'basicConstraints with CA:TRUE (and keyUsage keyCertSign)',
    wrong: ['its subject CN ends in "-ca"', 'it is self-signed', 'its file is named ca.crt'],
    whyWrong: {'it is self-signed': 'self-signed is not enough: without CA:TRUE, openssl verify -x509_strict and Go refuse to chain through it'},
    explanation: 'Clients build a chain only through certificates whose basicConstraints say CA:TRUE; the name and the file name mean nothing to them.',
    truth: 'openssl x509 -in ca.crt -noout -ext basicConstraints,keyUsage',
  })),
  choice({id: 'tls-who-signs', topic: 'tls-basics', level: 1}, () => ({
    prompt: 'Which key signs the API server’s certificate?',
    right: 'the cluster CA’s private key (ca.key)',
    wrong: ['the API server’s private key (apiserver.key)', 'the CA’s certificate (ca.crt)', 'the service-account key (sa.key)'],
    whyWrong: {'the API server’s private key (apiserver.key)': 'that would make it self-signed: nobody who trusts ca.crt would accept it'},
    explanation: 'The issuer signs with its private key; anyone holding the issuer’s certificate (its public key) can then check the signature.',
    truth: 'openssl verify -CAfile ca.crt apiserver.crt',
  })),
  choice({id: 'tls-client-trust', topic: 'tls-basics', level: 1}, () => ({
    prompt: 'What does kubectl need to trust the API server it connects to?',
    right: 'the CA certificate that signed the API server’s certificate (certificate-authority-data)',
    wrong: ['the API server’s private key', 'the CA’s private key', 'nothing: TLS trusts every server'],
    whyWrong: {'the CA’s private key': 'never hand out ca.key: whoever has it can mint any identity in the cluster'},
    explanation: 'A client checks the server’s chain against the CA certificates it trusts; the kubeconfig carries that CA as certificate-authority-data.',
    truth: 'kubectl config view --raw (clusters[].cluster.certificate-authority-data)',
  })),
  choice({id: 'tls-mutual', topic: 'tls-basics', level: 1}, () => ({
    prompt: 'kube-apiserver runs with --client-ca-file. What does that turn on?',
    right: 'mutual TLS: clients may present a certificate, and one signed by that CA authenticates them',
    wrong: ['it encrypts etcd’s data', 'it makes the API server’s certificate trusted by browsers', 'it rotates certificates'],
    explanation: 'With a client CA, the server asks for a client certificate; the CN becomes the user name and each O a group.',
    truth: 'kube-apiserver --client-ca-file in /etc/kubernetes/manifests/kube-apiserver.yaml',
  })),
  choice({id: 'tls-secret-file', topic: 'tls-basics', level: 1}, () => ({
    prompt: 'Which file is the most dangerous to leak?',
    right: 'ca.key',
    wrong: ['ca.crt', 'apiserver.crt', 'kubelet.crt'],
    explanation: 'ca.key signs new identities: with it anyone can make a certificate for any user or group, including system:masters. Certificates (.crt) are public.',
    truth: 'ls -l /etc/kubernetes/pki/ca.key (mode 0600, root only)',
  })),
  choice({id: 'tls-eku-client', topic: 'tls-basics', level: 2}, () => ({
    prompt: 'Which extended key usage must a certificate have to log in to the API server?',
    right: 'clientAuth (TLS Web Client Authentication)',
    wrong: ['serverAuth (TLS Web Server Authentication)', 'codeSigning', 'none: only the CN matters'],
    explanation: 'Go’s TLS server checks the client certificate’s EKU; a serverAuth-only certificate is refused as a client.',
    truth: 'openssl x509 -in FILE -noout -ext extendedKeyUsage',
  })),
  choice({id: 'tls-etcd-own-ca', topic: 'tls-basics', level: 2}, () => ({
    prompt: 'Why does kubeadm give etcd its own CA (etcd/ca.crt) instead of the cluster CA?',
    right: 'so that a certificate from the cluster CA (a user, a kubelet) cannot talk to etcd and read every Secret',
    wrong: ['etcd cannot read RSA certificates from the cluster CA', 'to make etcd faster', 'because etcd runs on another port'],
    explanation: 'etcd trusts every certificate its --trusted-ca-file signed. With one CA, any user certificate would open the whole datastore.',
    truth: 'etcd --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
  })),
  typed({id: 'tls-ca-lifetime', topic: 'tls-basics', level: 2, lab: true}, (lab) => {
    const ca = labCert(lab, 'ca');
    const hours = Math.round(lifetimeHours(ca));
    return {
      prompt: `How long is this lab’s cluster CA (${ca.nodePath}) valid, from notBefore to notAfter?`,
      form: 'a duration: 87600h, 3650d or 10y',
      answer: `${hours}h`,
      grade: judgeDuration(hours),
      explanation: `That is about ${Math.round(hours / 8760)} years. kubeadm makes CAs for 10 years and leaves for 1; CAs are hard to replace because every node and kubeconfig trusts them.`,
      truth: `openssl x509 -in ${ca.nodePath} -noout -dates`,
    };
  }),
];
