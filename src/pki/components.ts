// Which program reads which PKI file, through which flag or config field: one table, modelled on the static pod
// manifests kubeadm writes (cmd/kubeadm/app/phases/controlplane and etcd). The manifests kubepki writes, the
// inspector and `check` (reading manifests back), the map and every "read by" text come from it.

import type {KindId} from './catalog.js';

/** The programs that read the PKI. */
export type Component =
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'etcd'
  | 'kubelet'
  | 'kube-proxy'
  | 'kubectl'
  | 'etcdctl';

export const COMPONENTS: readonly Component[] = [
  'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet', 'kube-proxy', 'kubectl', 'etcdctl',
];

/** What of a certificate kind (or of the service-account key pair) a flag names: a file, or the CN as a value. */
export type FilePart = 'cert' | 'key' | 'kubeconfig' | 'pub' | 'cn';

export interface FileFlag {
  component: Component;
  /** A command-line flag (`--client-ca-file`) or, for the kubelet, a KubeletConfiguration field (`tlsCertFile`). */
  flag: string;
  /** The certificate kind (a catalog id) or `sa`, the service-account key pair. */
  source: KindId | 'sa';
  part: FilePart;
  /** Where kubeadm sets it: in the manifest it writes, or not at all (then `why` says why kubepki uses it). */
  kubeadm: boolean;
  why?: string;
}

const f = (component: Component, flag: string, source: KindId | 'sa', part: FilePart, extra: Partial<FileFlag> = {}): FileFlag =>
  ({component, flag, source, part, kubeadm: true, ...extra});

const SIGNED_KUBELETS = 'kubepki signs kubelet serving certificates with the cluster CA (kubeadm leaves them self-signed), so the API server can verify the kubelets it calls';
const HAND_BUILT = 'kubeadm runs kube-proxy with a ServiceAccount token; a hand-built cluster gives it this kubeconfig';
const BY_HAND = 'not run by kubeadm: the command a person types';

export const FILE_FLAGS: readonly FileFlag[] = [
  f('kube-apiserver', '--client-ca-file', 'ca', 'cert'),
  f('kube-apiserver', '--tls-cert-file', 'apiserver', 'cert'),
  f('kube-apiserver', '--tls-private-key-file', 'apiserver', 'key'),
  f('kube-apiserver', '--kubelet-client-certificate', 'apiserver-kubelet-client', 'cert'),
  f('kube-apiserver', '--kubelet-client-key', 'apiserver-kubelet-client', 'key'),
  f('kube-apiserver', '--kubelet-certificate-authority', 'ca', 'cert', {kubeadm: false, why: SIGNED_KUBELETS}),
  f('kube-apiserver', '--etcd-cafile', 'etcd-ca', 'cert'),
  f('kube-apiserver', '--etcd-certfile', 'apiserver-etcd-client', 'cert'),
  f('kube-apiserver', '--etcd-keyfile', 'apiserver-etcd-client', 'key'),
  f('kube-apiserver', '--proxy-client-cert-file', 'front-proxy-client', 'cert'),
  f('kube-apiserver', '--proxy-client-key-file', 'front-proxy-client', 'key'),
  f('kube-apiserver', '--requestheader-client-ca-file', 'front-proxy-ca', 'cert'),
  f('kube-apiserver', '--requestheader-allowed-names', 'front-proxy-client', 'cn'),
  f('kube-apiserver', '--service-account-key-file', 'sa', 'pub'),
  f('kube-apiserver', '--service-account-signing-key-file', 'sa', 'key'),

  f('kube-controller-manager', '--kubeconfig', 'controller-manager', 'kubeconfig'),
  f('kube-controller-manager', '--authentication-kubeconfig', 'controller-manager', 'kubeconfig'),
  f('kube-controller-manager', '--authorization-kubeconfig', 'controller-manager', 'kubeconfig'),
  f('kube-controller-manager', '--client-ca-file', 'ca', 'cert'),
  f('kube-controller-manager', '--requestheader-client-ca-file', 'front-proxy-ca', 'cert'),
  f('kube-controller-manager', '--root-ca-file', 'ca', 'cert'),
  f('kube-controller-manager', '--cluster-signing-cert-file', 'ca', 'cert'),
  f('kube-controller-manager', '--cluster-signing-key-file', 'ca', 'key'),
  f('kube-controller-manager', '--service-account-private-key-file', 'sa', 'key'),

  f('kube-scheduler', '--kubeconfig', 'scheduler', 'kubeconfig'),
  f('kube-scheduler', '--authentication-kubeconfig', 'scheduler', 'kubeconfig'),
  f('kube-scheduler', '--authorization-kubeconfig', 'scheduler', 'kubeconfig'),

  f('etcd', '--cert-file', 'etcd-server', 'cert'),
  f('etcd', '--key-file', 'etcd-server', 'key'),
  f('etcd', '--trusted-ca-file', 'etcd-ca', 'cert'),
  f('etcd', '--peer-cert-file', 'etcd-peer', 'cert'),
  f('etcd', '--peer-key-file', 'etcd-peer', 'key'),
  f('etcd', '--peer-trusted-ca-file', 'etcd-ca', 'cert'),

  f('kubelet', '--kubeconfig', 'kubelet-client', 'kubeconfig'),
  f('kubelet', 'authentication.x509.clientCAFile', 'ca', 'cert'),
  f('kubelet', 'tlsCertFile', 'kubelet-serving', 'cert', {kubeadm: false, why: SIGNED_KUBELETS}),
  f('kubelet', 'tlsPrivateKeyFile', 'kubelet-serving', 'key', {kubeadm: false, why: SIGNED_KUBELETS}),

  f('kube-proxy', '--kubeconfig', 'kube-proxy', 'kubeconfig', {kubeadm: false, why: HAND_BUILT}),

  f('kubectl', '--kubeconfig', 'admin', 'kubeconfig', {kubeadm: false, why: BY_HAND}),
  f('kubectl', '--kubeconfig', 'super-admin', 'kubeconfig', {kubeadm: false, why: 'break-glass only: keep it offline'}),
  f('kubectl', '--kubeconfig', 'user', 'kubeconfig', {kubeadm: false, why: BY_HAND}),

  f('etcdctl', '--cacert', 'etcd-ca', 'cert', {kubeadm: false, why: BY_HAND}),
  f('etcdctl', '--cert', 'etcd-healthcheck-client', 'cert', {kubeadm: false, why: BY_HAND}),
  f('etcdctl', '--key', 'etcd-healthcheck-client', 'key', {kubeadm: false, why: BY_HAND}),
];

/** The flags that read `source`'s files, in table order. */
export function flagsReading(source: KindId | 'sa'): FileFlag[] {
  return FILE_FLAGS.filter((x) => x.source === source);
}

/** The flags of one component, in table order. */
export function flagsOf(component: Component): FileFlag[] {
  return FILE_FLAGS.filter((x) => x.component === component);
}

const SA_FILES: Partial<Record<FilePart, string>> = {key: 'sa.key', pub: 'sa.pub'};

/**
 * "Read by" lines for people: one per component, its flags joined with `/`
 * (`kube-apiserver --etcd-certfile/--etcd-keyfile`); a value flag shows its value, an sa flag its file.
 */
export function readByText(source: KindId | 'sa', cnOf: (kind: KindId) => string = () => '', parts?: readonly FilePart[]): string[] {
  const byComponent = new Map<Component, string[]>();
  for (const use of flagsReading(source).filter((x) => !parts || parts.includes(x.part))) {
    const shown = use.part === 'cn' && source !== 'sa' ? `${use.flag}=${cnOf(source)}`
      : source === 'sa' ? `${use.flag} (${SA_FILES[use.part]})` : use.flag;
    byComponent.set(use.component, [...(byComponent.get(use.component) ?? []), shown]);
  }
  return [...byComponent].map(([component, flags]) => `${component} ${flags.join('/')}`);
}
