// Subject Alternative Names as kubeadm computes them (GetAPIServerAltNames, GetEtcdAltNames), each with the
// reason it is there, so the wizard and lessons can explain every entry.

import {firstServiceIp, splitHostPort} from '../plan/net.js';
import type {KindContext} from './catalog.js';

export interface ReasonedSans {
  dns: string[];
  ips: string[];
  reasons: Record<string, string>;
}

class SanBuilder {
  readonly dns: string[] = [];
  readonly ips: string[] = [];
  readonly reasons: Record<string, string> = {};
  add(kind: 'dns' | 'ip', value: string, reason: string): this {
    const list = kind === 'dns' ? this.dns : this.ips;
    if (!list.includes(value)) {
      list.push(value);
      this.reasons[value] = reason;
    }
    return this;
  }
  addAny(value: string, reason: string): this {
    return this.add(splitHostPort(value)?.isIp ? 'ip' : 'dns', value, reason);
  }
  done(sortDns: boolean): ReasonedSans {
    // kubeadm's RemoveDuplicateAltNames sorts DNS names and keeps the IP order.
    return {dns: sortDns ? [...this.dns].sort() : this.dns, ips: this.ips, reasons: this.reasons};
  }
}

/** The `kubernetes` Service's fully qualified name, which every apiserver certificate must carry. */
export const kubernetesServiceFqdn = (dnsDomain: string): string => `kubernetes.default.svc.${dnsDomain}`;

export function apiserverSans({plan, node}: KindContext): ReasonedSans {
  const domain = plan.networking.dnsDomain;
  const b = new SanBuilder()
    .add('dns', node!.name, 'the control-plane node’s own name')
    .add('dns', 'kubernetes', 'pods reach the API as the `kubernetes` Service')
    .add('dns', 'kubernetes.default', 'the Service name qualified with its namespace')
    .add('dns', 'kubernetes.default.svc', 'the Service’s in-cluster name')
    .add('dns', kubernetesServiceFqdn(domain), `the Service’s fully qualified name in ${domain}`);
  const serviceIp = firstServiceIp(plan.networking.serviceSubnet);
  if (serviceIp) b.add('ip', serviceIp, `the kubernetes Service’s ClusterIP: the first address of ${plan.networking.serviceSubnet}`);
  b.add('ip', node!.address, 'the node’s advertise address');
  const endpoint = plan.controlPlaneEndpoint ? splitHostPort(plan.controlPlaneEndpoint) : undefined;
  if (endpoint) b.add(endpoint.isIp ? 'ip' : 'dns', endpoint.host, 'controlPlaneEndpoint: the load balancer in front of the API servers');
  for (const san of plan.apiServer.certSANs) b.addAny(san, 'listed in apiServer.certSANs');
  return b.done(true);
}

export function etcdSans({node}: KindContext): ReasonedSans {
  return new SanBuilder()
    .add('dns', node!.name, 'the node’s own name')
    .add('dns', 'localhost', 'the API server and etcdctl dial etcd on localhost')
    .add('ip', node!.address, 'the node’s address: other members and remote clients dial it')
    .add('ip', '127.0.0.1', 'the API server dials https://127.0.0.1:2379')
    .add('ip', '::1', 'the IPv6 loopback, for IPv6 clusters')
    .done(false);
}

export function kubeletServingSans({node}: KindContext): ReasonedSans {
  return new SanBuilder()
    .add('dns', node!.name, 'the node name the API server uses when it prefers Hostname')
    .add('ip', node!.address, 'the node’s InternalIP, which the API server dials first')
    .done(false);
}
