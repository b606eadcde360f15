import {describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';

describe('kubeadm layout', () => {
  const entries = layoutFiles(resolve(examplePlan('ha')));
  const paths = entries.map((e) => e.path);

  it('mirrors each control-plane node’s /etc/kubernetes', () => {
    for (const f of ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'apiserver-kubelet-client.crt', 'apiserver-etcd-client.key',
      'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'etcd/ca.crt', 'etcd/ca.key', 'etcd/server.crt',
      'etcd/peer.key', 'etcd/healthcheck-client.crt', 'sa.key', 'sa.pub']) {
      expect(paths).toContain(`cp-2/etc/kubernetes/pki/${f}`);
    }
    for (const f of ['admin.conf', 'controller-manager.conf', 'scheduler.conf', 'kubelet.conf']) expect(paths).toContain(`cp-3/etc/kubernetes/${f}`);
    expect(paths).toContain('cp-1/etc/kubernetes/super-admin.conf');
    expect(paths).not.toContain('cp-2/etc/kubernetes/super-admin.conf');
  });

  it('gives workers only what a worker needs', () => {
    expect(paths.filter((p) => p.startsWith('node01/')).sort()).toEqual([
      'node01/etc/kubernetes/kubelet.conf', 'node01/etc/kubernetes/pki/ca.crt', 'node01/install.sh', 'node01/var/lib/kube-proxy/kubeconfig',
      'node01/var/lib/kubelet/config.yaml', 'node01/var/lib/kubelet/pki/kubelet.crt', 'node01/var/lib/kubelet/pki/kubelet.key']);
  });

  it('puts users in their own folders and ends with the README', () => {
    expect(paths).toEqual(expect.arrayContaining(['users/jane/jane.key', 'users/jane/jane.crt', 'users/jane/jane.kubeconfig']));
    expect(paths.at(-1)).toBe('README.md');
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('makes secrets, sa.pub and static pod manifests 0600 (as kubeadm), install.sh 0755 and the rest 0644', () => {
    for (const e of entries) {
      const secret = e.path.endsWith('.key') || e.path.endsWith('.conf') || e.path.endsWith('kubeconfig') || e.path.endsWith('sa.pub')
        || e.path.includes('/etc/kubernetes/manifests/');
      expect(e.mode, e.path).toBe(e.path.endsWith('/install.sh') ? 0o755 : secret ? 0o600 : 0o644);
    }
  });

  it('copies ca.crt as etcd/ca.crt and front-proxy-ca.crt when authorities are single', () => {
    const plan = examplePlan('single');
    plan.certificates.authorities = 'single';
    const single = layoutFiles(resolve(plan));
    const src = (p: string) => single.find((e) => e.path === p)?.source;
    expect(src('controlplane/etc/kubernetes/pki/etcd/ca.crt')).toEqual({type: 'cert', spec: 'ca'});
    expect(src('controlplane/etc/kubernetes/pki/front-proxy-ca.crt')).toEqual({type: 'cert', spec: 'ca'});
    expect(src('controlplane/etc/kubernetes/pki/etcd/ca.key')).toBeUndefined();
  });
});

describe('flat layout', () => {
  it('uses the course names, without node suffixes for a single control plane', () => {
    const plan = examplePlan('single');
    plan.certificates.layout = 'flat';
    const paths = layoutFiles(resolve(plan)).map((e) => e.path);
    for (const n of ['ca', 'etcd-ca', 'front-proxy-ca', 'kube-apiserver', 'etcd-server', 'etcd-peer', 'admin', 'super-admin',
      'kube-scheduler', 'kube-controller-manager', 'kube-proxy', 'kubelet-node01', 'kubelet-client-node01', 'kubelet-controlplane']) {
      expect(paths).toContain(`${n}.crt`);
      expect(paths).toContain(`${n}.key`);
    }
    expect(paths).toEqual(expect.arrayContaining(['sa.key', 'sa.pub', 'admin.kubeconfig', 'kube-proxy.kubeconfig', 'kubelet-client-node01.kubeconfig', 'users/john/john.kubeconfig']));
  });

  it('suffixes per-control-plane names when there are several', () => {
    const plan = examplePlan('ha');
    plan.certificates.layout = 'flat';
    const paths = layoutFiles(resolve(plan)).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['kube-apiserver-cp-1.crt', 'kube-apiserver-cp-3.key', 'etcd-peer-cp-2.crt', 'kube-proxy.crt', 'super-admin.crt']));
    expect(new Set(paths).size).toBe(paths.length);
  });
});
