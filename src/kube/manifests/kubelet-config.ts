// A node's KubeletConfiguration (/var/lib/kubelet/config.yaml), as kubeadm's componentconfigs/kubelet.go defaults
// it, with the PKI fields from FILE_FLAGS: the client CA for callers, and the CA-signed serving certificate.

import {indexedIp, parseCidr, serviceCidrs} from '../../plan/net.js';
import {flagsOf} from '../../pki/components.js';
import {MANIFESTS_PATH} from '../../pki/config-files.js';
import type {FileEntry} from '../../pki/layout.js';
import type {PkiModel} from '../../pki/model.js';
import {flagValue} from '../node-paths.js';

/** kubeadm's cluster DNS: the tenth address of the (first) service subnet. */
const clusterDns = (serviceSubnet: string): string[] => [indexedIp(parseCidr(serviceCidrs(serviceSubnet)[0]!)!, 10)];

export interface KubeletConfig {
  comments: string[];
  config: Record<string, unknown>;
}

export function kubeletConfig(model: PkiModel, entries: readonly FileEntry[], node: string): KubeletConfig {
  const field = (name: string) => {
    const use = flagsOf('kubelet').find((u) => u.flag === name);
    if (!use) throw new Error(`internal: no kubelet field ${name} in FILE_FLAGS`);
    return flagValue(model, entries, node, use);
  };
  const kubeconfig = flagValue(model, entries, node, flagsOf('kubelet').find((u) => u.part === 'kubeconfig')!);
  return {
    comments: [
      `KubeletConfiguration of node ${node}, as kubeadm writes /var/lib/kubelet/config.yaml.`,
      `The kubelet reads it with --config=THIS-FILE and logs in to the API server with --kubeconfig=${kubeconfig}.`,
      '',
      'tlsCertFile/tlsPrivateKeyFile: the serving certificate on :10250, signed by the cluster CA (kubeadm leaves it',
      'self-signed), so the API server can check kubelets with --kubelet-certificate-authority.',
      'serverTLSBootstrap: false keeps these files. true would make the kubelet ask the CertificateSigningRequest API',
      'for its serving certificate instead (signer kubernetes.io/kubelet-serving), which nobody approves automatically:',
      'kubectl certificate approve each one.',
      'rotateCertificates: true lets the kubelet renew its client certificate (the one in its kubeconfig) through the',
      'CSR API before it expires; the renewals are approved automatically once rbac/kubelet-certificate-rotation.yaml',
      'is applied (kubeadm creates that binding itself).',
    ],
    config: {
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      authentication: {
        anonymous: {enabled: false},
        webhook: {cacheTTL: '0s', enabled: true},
        x509: {clientCAFile: field('authentication.x509.clientCAFile')},
      },
      authorization: {mode: 'Webhook', webhook: {cacheAuthorizedTTL: '0s', cacheUnauthorizedTTL: '0s'}},
      cgroupDriver: 'systemd',
      clusterDNS: clusterDns(model.plan.networking.serviceSubnet),
      clusterDomain: model.plan.networking.dnsDomain,
      healthzBindAddress: '127.0.0.1',
      healthzPort: 10248,
      rotateCertificates: true,
      serverTLSBootstrap: false,
      staticPodPath: `/${MANIFESTS_PATH}`,
      tlsCertFile: field('tlsCertFile'),
      tlsPrivateKeyFile: field('tlsPrivateKeyFile'),
    },
  };
}
