// The control plane's static pod manifests as plain objects, as kubeadm writes them (phases/controlplane/
// manifests.go, phases/etcd/local.go, util/staticpod): every certificate, key, CA and kubeconfig flag comes from
// FILE_FLAGS through the layout; the other flags, probes, images and volumes are kubeadm's defaults.

import {DEFAULTS} from '../../plan/defaults.js';
import {ETCD_IMAGE_TAGS, kubernetesMinor} from '../../plan/kubernetes-version.js';
import {httpsUrl} from '../../plan/net.js';
import {controlPlanes, type PlanNode} from '../../plan/types.js';
import {flagsOf} from '../../pki/components.js';
import {FLAT_NODE_DIR, type StaticPodComponent} from '../../pki/config-files.js';
import type {FileEntry} from '../../pki/layout.js';
import type {PkiModel} from '../../pki/model.js';
import {kubernetesServiceFqdn} from '../../pki/sans.js';
import {flagValue} from '../node-paths.js';

export const IMAGE_REPOSITORY = 'registry.k8s.io';
export const ETCD_CLIENT_PORT = 2379;
export const ETCD_PEER_PORT = 2380;
const ETCD_METRICS_PORT = 2381;
const KCM_PORT = 10257;
const SCHEDULER_PORT = 10259;
/** kubeadm's ControlPlaneComponentHealthCheck timeout (4m) over the startup probe's period (10s). */
const STARTUP_FAILURES = 24;
const ETCD_DATA_DIR = '/var/lib/etcd';
const KUBEADM_PKI_DIR = '/etc/kubernetes/pki';

type Args = Record<string, string>;

const loopbackFor = (address: string) => (address.includes(':') ? '::1' : '127.0.0.1');
export const etcdClientUrl = (address: string) => httpsUrl(address, ETCD_CLIENT_PORT);
export const etcdPeerUrl = (address: string) => httpsUrl(address, ETCD_PEER_PORT);

/** The PKI flags of a component on a node, from the table (kubeadm's and the ones kubepki adds, marked apart). */
function pkiArgs(model: PkiModel, entries: readonly FileEntry[], component: StaticPodComponent, node: string): {args: Args; added: string[]} {
  const args: Args = {};
  const added: string[] = [];
  for (const use of flagsOf(component)) {
    args[use.flag.replace(/^--/, '')] = flagValue(model, entries, node, use);
    if (!use.kubeadm) added.push(`${use.flag}: ${use.why ?? ''}`);
  }
  return {args, added};
}

/** kubeadm's non-PKI defaults per component for a node of the plan. */
function otherArgs(model: PkiModel, component: StaticPodComponent, node: PlanNode): Args {
  const {plan} = model;
  const members = controlPlanes(plan);
  switch (component) {
    case 'etcd':
      return {
        name: node.name,
        'feature-gates': 'InitialCorruptCheck=true',
        'listen-client-urls': `${etcdClientUrl(loopbackFor(node.address))},${etcdClientUrl(node.address)}`,
        'advertise-client-urls': etcdClientUrl(node.address),
        'listen-peer-urls': etcdPeerUrl(node.address),
        'initial-advertise-peer-urls': etcdPeerUrl(node.address),
        // Every member at once, as a hand-built cluster starts them; kubeadm lists itself, then joins add theirs.
        'initial-cluster': members.map((m) => `${m.name}=${etcdPeerUrl(m.address)}`).join(','),
        'initial-cluster-state': 'new',
        'data-dir': ETCD_DATA_DIR,
        'client-cert-auth': 'true',
        'peer-client-cert-auth': 'true',
        'snapshot-count': '10000',
        'listen-metrics-urls': `http://${loopbackFor(node.address).includes(':') ? '[::1]' : '127.0.0.1'}:${ETCD_METRICS_PORT}`,
        'watch-progress-notify-interval': '5s',
      };
    case 'kube-apiserver':
      return {
        'advertise-address': node.address,
        'allow-privileged': 'true',
        'authorization-mode': 'Node,RBAC',
        'enable-admission-plugins': 'NodeRestriction',
        'enable-bootstrap-token-auth': 'true',
        // Every etcd member, this node's first: the API server keeps working while one member is down.
        'etcd-servers': [node, ...members.filter((m) => m.name !== node.name)].map((m) => etcdClientUrl(m.address)).join(','),
        'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
        'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
        'requestheader-group-headers': 'X-Remote-Group',
        'requestheader-username-headers': 'X-Remote-User',
        'secure-port': String(DEFAULTS.apiServerPort),
        'service-account-issuer': `https://${kubernetesServiceFqdn(plan.networking.dnsDomain)}`,
        'service-cluster-ip-range': plan.networking.serviceSubnet,
      };
    case 'kube-controller-manager':
      return {
        'bind-address': '127.0.0.1',
        'cluster-name': plan.clusterName,
        controllers: '*,bootstrapsigner,tokencleaner',
        'leader-elect': 'true',
        'use-service-account-credentials': 'true',
      };
    case 'kube-scheduler':
      return {'bind-address': '127.0.0.1', 'leader-elect': 'true'};
  }
}

/** `--name=value`, sorted by name as kubeadm's ArgumentsToCommand writes them. */
export function commandOf(component: string, args: Args): string[] {
  return [component, ...Object.keys(args).sort().map((k) => `--${k}=${args[k]}`)];
}

const probe = (host: string, path: string, port: number, scheme: 'HTTP' | 'HTTPS', extra: object) =>
  ({httpGet: {host, path, port, scheme}, initialDelaySeconds: 10, timeoutSeconds: 15, ...extra});

interface Volume {
  name: string;
  hostPath: string;
  type: 'DirectoryOrCreate' | 'FileOrCreate';
  readOnly: boolean;
}

/** kubeadm's host paths: the PKI folder, the host's CA bundles, and each component's own files. */
function volumesOf(model: PkiModel, entries: readonly FileEntry[], component: StaticPodComponent, node: string): Volume[] {
  const flat = model.plan.certificates.layout === 'flat';
  const dir = (name: string, hostPath: string, readOnly = true): Volume => ({name, hostPath, type: 'DirectoryOrCreate', readOnly});
  if (component === 'etcd') {
    return [dir('etcd-data', ETCD_DATA_DIR, false), dir('etcd-certs', flat ? FLAT_NODE_DIR : `${KUBEADM_PKI_DIR}/etcd`, false)];
  }
  const certs = [dir('ca-certs', '/etc/ssl/certs'), dir('etc-ca-certificates', '/etc/ca-certificates'),
    dir('k8s-certs', flat ? FLAT_NODE_DIR : KUBEADM_PKI_DIR), dir('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates'),
    dir('usr-share-ca-certificates', '/usr/share/ca-certificates')];
  const kubeconfig = (): Volume[] => {
    if (flat) return []; // inside FLAT_NODE_DIR, mounted as k8s-certs
    const use = flagsOf(component).find((u) => u.part === 'kubeconfig')!;
    return [{name: 'kubeconfig', hostPath: flagValue(model, entries, node, use), type: 'FileOrCreate', readOnly: true}];
  };
  switch (component) {
    case 'kube-apiserver':
      return certs;
    case 'kube-controller-manager':
      return [...certs, dir('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', false), ...kubeconfig()];
    case 'kube-scheduler':
      return kubeconfig();
  }
}

export interface StaticPod {
  /** Flags kubepki sets that kubeadm does not, each with why: the manifest's header says so. */
  added: string[];
  pod: Record<string, unknown>;
}

/** One static pod of one control-plane node. */
export function staticPod(model: PkiModel, entries: readonly FileEntry[], component: StaticPodComponent, node: PlanNode): StaticPod {
  const {plan} = model;
  const {args, added} = pkiArgs(model, entries, component, node.name);
  const command = commandOf(component, {...otherArgs(model, component, node), ...args});
  const image = component === 'etcd'
    ? `${IMAGE_REPOSITORY}/etcd:${ETCD_IMAGE_TAGS[kubernetesMinor(plan.kubernetesVersion)]}`
    : `${IMAGE_REPOSITORY}/${component}:${plan.kubernetesVersion}`;
  const loopback = loopbackFor(node.address);
  const probes: Record<StaticPodComponent, [host: string, port: number, scheme: 'HTTP' | 'HTTPS', live: string, ready?: string]> = {
    etcd: [loopback, ETCD_METRICS_PORT, 'HTTP', '/livez', '/readyz'],
    'kube-apiserver': [node.address, DEFAULTS.apiServerPort, 'HTTPS', '/livez', '/readyz'],
    'kube-controller-manager': [loopback, KCM_PORT, 'HTTPS', '/healthz'],
    'kube-scheduler': [loopback, SCHEDULER_PORT, 'HTTPS', '/healthz'],
  };
  const [host, port, scheme, live, ready] = probes[component];
  const volumes = volumesOf(model, entries, component, node.name);
  const annotations: Record<StaticPodComponent, Record<string, string> | undefined> = {
    etcd: {'kubeadm.kubernetes.io/etcd.advertise-client-urls': etcdClientUrl(node.address)},
    'kube-apiserver': {'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': httpsUrl(node.address, DEFAULTS.apiServerPort).slice('https://'.length)},
    'kube-controller-manager': undefined,
    'kube-scheduler': undefined,
  };
  const cpu: Record<StaticPodComponent, string> = {etcd: '100m', 'kube-apiserver': '250m', 'kube-controller-manager': '200m', 'kube-scheduler': '100m'};
  const container = {
    command,
    image,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: probe(host, live, port, scheme, {failureThreshold: 8, periodSeconds: 10}),
    name: component,
    ...(ready ? {readinessProbe: probe(host, ready, port, scheme, {failureThreshold: 3, periodSeconds: 1})} : {}),
    resources: {requests: {cpu: cpu[component], ...(component === 'etcd' ? {memory: '100Mi'} : {})}},
    startupProbe: probe(host, ready && component === 'etcd' ? ready : live, port, scheme, {failureThreshold: STARTUP_FAILURES, periodSeconds: 10}),
    volumeMounts: volumes.map((v) => ({mountPath: v.hostPath, name: v.name, ...(v.readOnly ? {readOnly: true} : {})})),
  };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(annotations[component] ? {annotations: annotations[component]} : {}),
      labels: {component, tier: 'control-plane'},
      name: component,
      namespace: 'kube-system',
    },
    spec: {
      containers: [container],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: {seccompProfile: {type: 'RuntimeDefault'}},
      volumes: volumes.map((v) => ({hostPath: {path: v.hostPath, type: v.type}, name: v.name})),
    },
  };
  return {added, pod};
}
