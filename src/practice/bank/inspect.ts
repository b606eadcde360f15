// Inspecting certificates: reading issuer, dates and usages from the lab's files, and the openssl commands that
// print them (run in the lab and judged by their output).

import {choice, command, printsAll, typed} from './build.js';
import {judgeDate, judgeExact, judgeNumber} from '../judge.js';
import {allSans, cnOf, issuerCnOf, labCert, opensslDate} from './facts.js';
import type {Question} from '../types.js';

const DAY_MS = 86_400_000;

export const INSPECT: Question[] = [
  typed({id: 'insp-issuer', topic: 'inspect', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    const issuer = issuerCnOf(cert.profile);
    return {
      prompt: `What is the issuer’s CN of ${cert.nodePath}?`,
      form: 'a CN',
      answer: issuer,
      grade: judgeExact(issuer, {'kubernetes-ca': 'the docs’ table says kubernetes-ca, but kubeadm’s CA is called kubernetes: read the file'}),
      explanation: 'The issuer is the CA that signed it; kubeadm’s cluster CA has CN kubernetes.',
      truth: `openssl x509 -in ${cert.nodePath} -noout -issuer`,
    };
  }),
  typed({id: 'insp-etcd-enddate', topic: 'inspect', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'etcd-server');
    return {
      prompt: `When does ${cert.nodePath} expire?`,
      form: 'a date (Nov 29 05:56:40 2027 GMT or 2027-11-29)',
      answer: opensslDate(cert.profile.notAfter),
      grade: judgeDate(cert.profile.notAfter),
      explanation: 'notAfter is the last moment the certificate is valid; kubeadm leaves are valid for one year.',
      truth: `openssl x509 -in ${cert.nodePath} -noout -enddate (or kubeadm certs check-expiration)`,
    };
  }),
  typed({id: 'insp-days-left', topic: 'inspect', level: 2, lab: true}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    const days = Math.floor((cert.profile.notAfter.getTime() - Date.now()) / DAY_MS);
    return {
      prompt: `How many whole days are left until ${cert.nodePath} expires?`,
      form: 'a number of days',
      answer: String(days),
      grade: judgeNumber(days, 1),
      explanation: 'kubeadm certs check-expiration shows this as RESIDUAL TIME; openssl x509 -checkend SECONDS answers "will it expire within…".',
      truth: `openssl x509 -in ${cert.nodePath} -noout -enddate`,
    };
  }),
  typed({id: 'insp-etcd-cn', topic: 'inspect', level: 2, lab: true}, (lab) => {
    const cert = labCert(lab, 'etcd-server');
    const cn = cnOf(cert.profile);
    return {
      prompt: `What is the CN of ${cert.nodePath}?`,
      form: 'a CN',
      answer: cn,
      grade: judgeExact(cn, {'kube-etcd': 'that is the old documentation’s name; kubeadm uses the node’s name'}),
      explanation: 'kubeadm names etcd’s server and peer certificates after the node.',
      truth: `openssl x509 -in ${cert.nodePath} -noout -subject`,
    };
  }),
  choice({id: 'insp-peer-eku', topic: 'inspect', level: 2, lab: true}, (lab) => {
    const cert = labCert(lab, 'etcd-peer');
    const usages = cert.profile.extKeyUsage?.usages ?? [];
    const both = usages.length === 2 ? 'both serverAuth and clientAuth' : usages.join(', ');
    return {
      prompt: `Which extended key usages does ${cert.nodePath} have?`,
      right: both,
      wrong: ['serverAuth only', 'clientAuth only', 'none'].filter((x) => x !== both),
      explanation: 'A peer is a server to the members that dial it and a client when it dials them, so it needs both.',
      truth: `openssl x509 -in ${cert.nodePath} -noout -ext extendedKeyUsage`,
    };
  }),
  choice({id: 'insp-check-expiration', topic: 'inspect', level: 1}, () => ({
    prompt: 'On a kubeadm node, which command lists every certificate with its expiry and residual time?',
    right: 'kubeadm certs check-expiration',
    wrong: ['kubectl get certificates', 'openssl verify -all', 'kubeadm token list'],
    explanation: 'It reads /etc/kubernetes/pki and the kubeconfigs and prints EXPIRES, RESIDUAL TIME and the CA of each.',
    truth: 'kubeadm certs check-expiration',
  })),
  command({id: 'cmd-sans', topic: 'inspect', level: 1}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    return {
      prompt: `Type the openssl command that prints the SANs of ${cert.nodePath}.`,
      answer: `openssl x509 -in ${cert.nodePath} -noout -ext subjectAltName`,
      check: (r) => printsAll(r, allSans(cert), 'every SAN'),
      explanation: '-ext subjectAltName prints only that extension; -text prints everything, SANs under "X509v3 Subject Alternative Name".',
      truth: 'openssl x509 -help',
    };
  }),
  command({id: 'cmd-enddate', topic: 'inspect', level: 1}, (lab) => {
    const cert = labCert(lab, 'etcd-peer');
    return {
      prompt: `Type the openssl command that prints when ${cert.nodePath} expires.`,
      answer: `openssl x509 -in ${cert.nodePath} -noout -enddate`,
      check: (r) => printsAll(r, [opensslDate(cert.profile.notAfter)], 'the expiry date'),
      explanation: '-enddate prints notAfter; -dates prints notBefore too.',
      truth: 'openssl x509 -help',
    };
  }),
  command({id: 'cmd-text', topic: 'inspect', level: 1}, (lab) => {
    const cert = labCert(lab, 'front-proxy-client');
    return {
      prompt: `Type the openssl command that prints everything in ${cert.nodePath} as text, without the PEM block.`,
      answer: `openssl x509 -in ${cert.nodePath} -text -noout`,
      check: (r) => {
        const v = printsAll(r, ['Issuer:', 'Subject:', 'Not After', 'X509v3 Extended Key Usage'], 'the decoded fields');
        return v.right && r.output.includes('BEGIN CERTIFICATE') ? {right: false, feedback: 'add -noout so the PEM block is not printed'} : v;
      },
      explanation: '-text decodes every field; -noout drops the encoded certificate. This is the one command to remember.',
      truth: 'openssl x509 -help',
    };
  }),
  command({id: 'cmd-subject-issuer', topic: 'inspect', level: 1}, (lab) => {
    const cert = labCert(lab, 'apiserver-kubelet-client');
    return {
      prompt: `Type one openssl command that prints both the subject and the issuer of ${cert.nodePath}.`,
      answer: `openssl x509 -in ${cert.nodePath} -noout -subject -issuer`,
      check: (r) => printsAll(r, [cnOf(cert.profile), issuerCnOf(cert.profile), 'subject', 'issuer'], 'subject and issuer'),
      explanation: 'Options print in the order given; -nameopt RFC2253 prints the RFC form.',
      truth: 'openssl x509 -help',
    };
  }),
  command({id: 'cmd-checkend', topic: 'inspect', level: 2}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    return {
      prompt: `Type the openssl command that tells whether ${cert.nodePath} expires within the next 30 days (2592000 seconds).`,
      answer: `openssl x509 -in ${cert.nodePath} -noout -checkend 2592000`,
      check: (r) => (/Certificate will (not )?expire/.test(r.output) && r.output.includes('not expire')
        ? {right: true} : {right: false, feedback: '-checkend SECONDS prints "Certificate will not expire" and exits 0 when it is good for that long'}),
      explanation: '-checkend exits 1 if the certificate expires within the given seconds: handy in scripts and monitoring.',
      truth: 'openssl x509 -help',
    };
  }),
  command({id: 'cmd-verify-etcd', topic: 'inspect', level: 2}, (lab) => {
    const cert = labCert(lab, 'etcd-server');
    const ca = labCert(lab, 'etcd-ca');
    return {
      prompt: `Type the openssl command that verifies ${cert.nodePath} against the CA that signed it.`,
      answer: `openssl verify -CAfile ${ca.nodePath} ${cert.nodePath}`,
      check: (r) => (r.exitCode === 0 && /: OK/.test(r.output) ? {right: true}
        : {right: false, feedback: /unable to get local issuer/.test(r.output) ? `wrong CA: etcd’s certificates are signed by ${ca.nodePath}` : `openssl verify said: ${r.output.trim().split('\n').pop()}`}),
      explanation: 'openssl verify -CAfile CA CERT prints "CERT: OK" when the CA signed it; with the cluster CA it fails, which is the point of a separate etcd CA.',
      truth: 'openssl verify -help',
    };
  }),
];
