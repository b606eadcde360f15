import {describe, expect, it} from 'vitest';
import {basePlan, examplePlan} from '../../src/plan/defaults.js';
import {resolve} from '../../src/pki/resolve.js';
import {specById} from '../../src/pki/model.js';
import type {Plan} from '../../src/plan/types.js';

const ha = () => resolve(examplePlan('ha'));

describe('resolve', () => {
  it('expands the ha example into kubeadm identities', () => {
    const model = ha();
    const byKind = (k: string) => model.certs.filter((c) => c.kind === k).map((c) => c.id);
    expect(byKind('ca')).toEqual(['ca']);
    expect(byKind('etcd-ca')).toEqual(['etcd-ca']);
    expect(byKind('front-proxy-ca')).toEqual(['front-proxy-ca']);
    expect(byKind('apiserver')).toEqual(['apiserver@cp-1', 'apiserver@cp-2', 'apiserver@cp-3']);
    expect(byKind('super-admin')).toEqual(['super-admin']);
    expect(byKind('kubelet-client')).toHaveLength(6);
    expect(byKind('kubelet-serving')).toHaveLength(6);
    expect(byKind('user')).toEqual(['user@john', 'user@jane']);
    // authorities come first so that signers exist before what they sign
    const firstLeaf = model.certs.findIndex((c) => !c.isCA);
    expect(model.certs.slice(firstLeaf).every((c) => !c.isCA)).toBe(true);
  });

  it('gives each identity the CN and O kubeadm ≥1.29 uses', () => {
    const m = ha();
    const subj = (id: string) => specById(m, id).subject;
    expect(subj('admin@cp-1')).toEqual({cn: 'kubernetes-admin', o: ['kubeadm:cluster-admins']});
    expect(subj('super-admin')).toEqual({cn: 'kubernetes-super-admin', o: ['system:masters']});
    expect(subj('apiserver-kubelet-client@cp-2')).toEqual({cn: 'kube-apiserver-kubelet-client', o: ['kubeadm:cluster-admins']});
    expect(subj('apiserver-etcd-client@cp-1')).toEqual({cn: 'kube-apiserver-etcd-client', o: []});
    expect(subj('etcd-healthcheck-client@cp-1')).toEqual({cn: 'kube-etcd-healthcheck-client', o: []});
    expect(subj('controller-manager@cp-1')).toEqual({cn: 'system:kube-controller-manager', o: []});
    expect(subj('scheduler@cp-1')).toEqual({cn: 'system:kube-scheduler', o: []});
    expect(subj('kube-proxy')).toEqual({cn: 'system:kube-proxy', o: []});
    expect(subj('kubelet-client@node02')).toEqual({cn: 'system:node:node02', o: ['system:nodes']});
    expect(subj('kubelet-serving@node02')).toEqual({cn: 'system:node:node02', o: ['system:nodes']});
    expect(subj('etcd-server@cp-3')).toEqual({cn: 'cp-3', o: []});
    expect(subj('user@jane')).toEqual({cn: 'jane', o: ['developers', 'ops']});
    expect(specById(m, 'super-admin').node).toBe('cp-1');
  });

  it('builds the apiserver SANs as kubeadm does, plus the endpoint host and certSANs', () => {
    const spec = specById(ha(), 'apiserver@cp-2');
    expect(spec.sans.dns).toEqual(['cp-2', 'k8s-api.example.internal', 'kubernetes', 'kubernetes.default',
      'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']);
    expect(spec.sans.ips).toEqual(['10.96.0.1', '192.168.56.12', '192.168.56.10']);
    for (const san of [...spec.sans.dns, ...spec.sans.ips]) expect(spec.sanReasons[san]).toBeTruthy();
    expect(spec.usages).toEqual(['serverAuth']);
  });

  it('follows the service subnet and DNS domain', () => {
    const plan: Plan = basePlan([{name: 'cp', address: 'fd00::10', role: 'control-plane'}]);
    plan.networking = {serviceSubnet: 'fd00:10:96::/112,10.96.0.0/12', dnsDomain: 'corp.internal'};
    plan.controlPlaneEndpoint = '[fd00::100]:443';
    const m = resolve(plan);
    const api = specById(m, 'apiserver@cp');
    expect(api.sans.ips).toEqual(['fd00:10:96::1', 'fd00::10', 'fd00::100']);
    expect(api.sans.dns).toContain('kubernetes.default.svc.corp.internal');
    expect(m.kubeconfigs.find((k) => k.id === 'admin.conf@cp')!.server).toBe('https://[fd00::100]:443');
    expect(m.kubeconfigs.find((k) => k.id === 'scheduler.conf@cp')!.server).toBe('https://[fd00::10]:6443');
  });

  it('gives etcd server and peer both usages and the loopback names', () => {
    const spec = specById(ha(), 'etcd-peer@cp-1');
    expect(spec.usages).toEqual(['serverAuth', 'clientAuth']);
    expect(spec.sans).toEqual({dns: ['cp-1', 'localhost'], ips: ['192.168.56.11', '127.0.0.1', '::1']});
    expect(spec.signer).toBe('etcd-ca');
  });

  it('signs everything with the cluster CA when authorities are single', () => {
    const plan = examplePlan('single');
    plan.certificates.authorities = 'single';
    const m = resolve(plan);
    expect(m.certs.filter((c) => c.isCA).map((c) => c.id)).toEqual(['ca']);
    expect(new Set(m.certs.map((c) => c.signer))).toEqual(new Set(['ca']));
  });

  it('uses the endpoint for admin, kube-proxy, workers and users, local addresses for the rest', () => {
    const m = ha();
    const server = (id: string) => m.kubeconfigs.find((k) => k.id === id)!.server;
    expect(server('admin.conf@cp-2')).toBe('https://k8s-api.example.internal:6443');
    expect(server('controller-manager.conf@cp-2')).toBe('https://192.168.56.12:6443');
    expect(server('kubelet.conf@cp-3')).toBe('https://192.168.56.13:6443');
    expect(server('kubelet.conf@node01')).toBe('https://k8s-api.example.internal:6443');
    expect(server('kube-proxy')).toBe('https://k8s-api.example.internal:6443');
    expect(server('user@jane')).toBe('https://k8s-api.example.internal:6443');
    const admin = m.kubeconfigs.find((k) => k.id === 'admin.conf@cp-1')!;
    expect([admin.userName, admin.contextName, admin.clusterName]).toEqual(['kubernetes-admin', 'kubernetes-admin@kubernetes', 'kubernetes']);
  });

  it('takes validity and key size from the plan', () => {
    const plan = examplePlan('single');
    plan.certificates.certificateValidityPeriod = '720h';
    plan.certificates.encryptionAlgorithm = 'RSA-3072';
    const m = resolve(plan);
    expect(specById(m, 'ca').validityHours).toBe(87600);
    expect(specById(m, 'admin@controlplane').validityHours).toBe(720);
    expect(new Set(m.certs.map((c) => c.keyAlgorithm))).toEqual(new Set(['RSA-3072']));
  });
});
