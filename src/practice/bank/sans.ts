// Subject alternative names: every name and IP a client dials must be a SAN; where each SAN comes from.

import {firstServiceIp} from '../../plan/net.js';
import {choice, typed} from './build.js';
import {judgeExact, judgeSet} from '../judge.js';
import {labCert, sansOf} from './facts.js';
import type {Question} from '../types.js';

export const SANS: Question[] = [
  choice({id: 'san-not-in', topic: 'sans', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    const {dns, ips} = sansOf(cert);
    const decoys = [`kubernetes.default.svc.${lab.rng.pick(['cluster', 'svc.local', 'example.com'])}`, lab.worker?.name ?? 'node99', '10.0.0.1', 'api']
      .filter((d) => !dns.includes(d) && !ips.includes(d));
    return {
      prompt: `Which of these is NOT a SAN of ${cert.nodePath}?`,
      right: lab.rng.pick(decoys),
      wrong: lab.rng.sample([...dns, ...ips], 3),
      explanation: 'Read the certificate’s SAN list: a client dialling a name that is not in it fails with "x509: certificate is valid for …, not …".',
      truth: `openssl x509 -in ${cert.nodePath} -noout -ext subjectAltName`,
    };
  }),
  typed({id: 'san-service-ip', topic: 'sans', level: 2, lab: true}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    const ip = firstServiceIp(lab.plan.networking.serviceSubnet)!;
    const inCert = sansOf(cert).ips.find((x) => x === ip) ?? '(missing)';
    return {
      prompt: `The lab’s service subnet is ${lab.plan.networking.serviceSubnet}. Which IP must ${cert.nodePath} carry for pods that use the kubernetes Service?`,
      form: 'an IP address',
      answer: inCert,
      grade: judgeExact(inCert, {[lab.plan.networking.serviceSubnet.split('/')[0]!]: 'that is the network address; the Service gets the first usable address after it'}),
      explanation: 'The kubernetes Service gets the first address of the service subnet; pods dial it, so it must be an IP SAN.',
      truth: `kube-apiserver --service-cluster-ip-range, and openssl x509 -in ${cert.nodePath} -noout -ext subjectAltName`,
    };
  }),
  typed({id: 'san-dns-list', topic: 'sans', level: 2, lab: true}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    const {dns} = sansOf(cert);
    return {
      prompt: `List the DNS names in ${cert.nodePath}.`,
      form: 'names separated by commas (order does not matter)',
      answer: dns.join(', '),
      grade: judgeSet(dns, 'DNS names', true),
      explanation: 'The API server carries its node name, the load balancer name if any, and the four names of the kubernetes Service.',
      truth: `openssl x509 -in ${cert.nodePath} -noout -ext subjectAltName`,
    };
  }),
  typed({id: 'san-etcd-ips', topic: 'sans', level: 2, lab: true}, (lab) => {
    const cert = labCert(lab, 'etcd-server');
    const {ips} = sansOf(cert);
    return {
      prompt: `List the IP addresses in the SANs of ${cert.nodePath}.`,
      form: 'IP addresses separated by commas',
      answer: ips.join(', '),
      grade: judgeSet(ips, 'IP addresses'),
      explanation: 'The API server dials etcd on 127.0.0.1; other members and remote clients dial the node’s address; ::1 covers IPv6 loopback.',
      truth: `openssl x509 -in ${cert.nodePath} -noout -ext subjectAltName`,
    };
  }),
  typed({id: 'san-fqdn', topic: 'sans', level: 1, lab: true}, (lab) => {
    const cert = labCert(lab, 'apiserver');
    const fqdn = sansOf(cert).dns.find((d) => d.startsWith('kubernetes.default.svc.')) ?? '(missing)';
    return {
      prompt: `The lab’s DNS domain is ${lab.plan.networking.dnsDomain}. Which fully qualified Service name must the API server certificate carry?`,
      form: 'a DNS name',
      answer: fqdn,
      grade: judgeExact(fqdn, {'kubernetes.default.svc.cluster.local': `this cluster’s domain is ${lab.plan.networking.dnsDomain}, not cluster.local`}, true),
      explanation: 'Pods resolve kubernetes.default.svc.DOMAIN with the cluster’s own domain (kubelet --cluster-domain).',
      truth: `openssl x509 -in ${cert.nodePath} -noout -ext subjectAltName`,
    };
  }),
  choice({id: 'san-etcd-loopback', topic: 'sans', level: 1}, () => ({
    prompt: 'Why do etcd’s certificates carry localhost and 127.0.0.1?',
    right: 'the API server on the same node dials etcd at https://127.0.0.1:2379',
    wrong: ['etcd refuses to start without them', 'the CA requires them', 'for the liveness probe on :2381'],
    whyWrong: {'for the liveness probe on :2381': 'kubeadm’s probe uses plain HTTP on 127.0.0.1:2381, no certificate'},
    explanation: 'Every address a client dials must be a SAN; kubeadm’s API server manifest uses --etcd-servers=https://127.0.0.1:2379.',
    truth: 'kube-apiserver --etcd-servers in kube-apiserver.yaml',
  })),
  choice({id: 'san-cn-ignored', topic: 'sans', level: 2}, () => ({
    prompt: 'A server certificate has CN=my-api and no SANs. What does a Go client (kubectl, kubelet) say?',
    right: 'x509: certificate relies on legacy Common Name field, use SANs instead',
    wrong: ['it connects: the CN is the hostname', 'x509: certificate signed by unknown authority', 'tls: bad certificate'],
    explanation: 'Since Go 1.15 the CN is ignored for host names; only SANs count.',
    truth: 'openssl x509 -noout -ext subjectAltName',
  })),
  choice({id: 'san-load-balancer', topic: 'sans', level: 2}, () => ({
    prompt: 'You put a load balancer with a new DNS name in front of the API servers. Which certificate must be re-issued with that name?',
    right: 'apiserver.crt on every control-plane node',
    wrong: ['ca.crt', 'the kubelet client certificates', 'etcd/server.crt'],
    explanation: 'Clients dial the load balancer name and check it against the API server certificate; kubeadm puts it in apiServer.certSANs.',
    truth: 'openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -ext subjectAltName',
  })),
  choice({id: 'san-x509-req', topic: 'sans', level: 3}, () => ({
    prompt: 'A CSR asks for SANs, and you sign it with `openssl x509 -req -in a.csr -CA ca.crt -CAkey ca.key -days 365 -out a.crt`. What SANs does a.crt have?',
    right: 'none: without -extfile/-extensions (or -copy_extensions) openssl x509 copies no extensions',
    wrong: ['the ones the CSR asked for', 'only the CN as a DNS name', 'the CA’s SANs'],
    explanation: 'The signer decides the extensions. The result is even a v1 certificate with no extensions at all.',
    truth: 'openssl x509 -in a.crt -noout -text (look for X509v3 extensions)',
  })),
];
