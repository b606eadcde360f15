// The embedded default plan (one control-plane node named after this machine, as kubeadm does) and the
// `kubepki example` plans. Defaults are kubeadm's, as the plan file reference in the README lists them.

import {hostname, networkInterfaces} from 'node:os';
import {DEFAULT_KUBERNETES_VERSION} from './kubernetes-version.js';
import type {Plan, PlanNode, PlanUser} from './types.js';

export const DEFAULTS = {
  clusterName: 'kubernetes',
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  controlPlaneEndpoint: '',
  serviceSubnet: '10.96.0.0/12',
  dnsDomain: 'cluster.local',
  layout: 'kubeadm',
  authorities: 'separate',
  encryptionAlgorithm: 'RSA-2048',
  certificateValidityPeriod: '8760h',
  caCertificateValidityPeriod: '87600h',
  apiServerPort: 6443,
} as const;

export function basePlan(nodes: PlanNode[], users: PlanUser[] = []): Plan {
  return {
    apiVersion: 'kubepki/v1',
    kind: 'ClusterPKI',
    clusterName: DEFAULTS.clusterName,
    kubernetesVersion: DEFAULTS.kubernetesVersion,
    controlPlaneEndpoint: DEFAULTS.controlPlaneEndpoint,
    networking: {serviceSubnet: DEFAULTS.serviceSubnet, dnsDomain: DEFAULTS.dnsDomain},
    nodes,
    users,
    apiServer: {certSANs: []},
    certificates: {
      layout: DEFAULTS.layout,
      authorities: DEFAULTS.authorities,
      encryptionAlgorithm: DEFAULTS.encryptionAlgorithm,
      certificateValidityPeriod: DEFAULTS.certificateValidityPeriod,
      caCertificateValidityPeriod: DEFAULTS.caCertificateValidityPeriod,
    },
  };
}

export interface HostFacts {
  hostname: string;
  address: string;
}

/** This machine's lowercased hostname and primary non-loopback IPv4 address (127.0.0.1 if none). */
export function hostFacts(): HostFacts {
  const address =
    Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
  return {hostname: hostname().toLowerCase(), address};
}

export function defaultPlan(host: HostFacts = hostFacts()): Plan {
  return basePlan([{name: host.hostname, address: host.address, role: 'control-plane'}]);
}

export type ExampleName = 'single' | 'ha';
export const EXAMPLE_NAMES: readonly ExampleName[] = ['single', 'ha'];

export function examplePlan(name: ExampleName): Plan {
  if (name === 'single') {
    return basePlan(
      [
        {name: 'controlplane', address: '192.168.56.11', role: 'control-plane'},
        {name: 'node01', address: '192.168.56.21', role: 'worker'},
      ],
      [{name: 'john', groups: ['developers']}],
    );
  }
  const plan = basePlan(
    [
      {name: 'cp-1', address: '192.168.56.11', role: 'control-plane'},
      {name: 'cp-2', address: '192.168.56.12', role: 'control-plane'},
      {name: 'cp-3', address: '192.168.56.13', role: 'control-plane'},
      {name: 'node01', address: '192.168.56.21', role: 'worker'},
      {name: 'node02', address: '192.168.56.22', role: 'worker'},
      {name: 'node03', address: '192.168.56.23', role: 'worker'},
    ],
    [
      {name: 'john', groups: ['developers']},
      {name: 'jane', groups: ['developers', 'ops']},
    ],
  );
  plan.controlPlaneEndpoint = 'k8s-api.example.internal:6443';
  plan.apiServer.certSANs = ['192.168.56.10'];
  return plan;
}
