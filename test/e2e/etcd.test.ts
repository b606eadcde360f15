// Go's crypto/x509 as the judge: a real three-member etcd cluster on loopback addresses, started with the
// generated server and peer certificates, and etcdctl logging in with the generated client certificates.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa, type ResultPromise} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {hasBinary} from '../support/binaries.js';
import {poolKeys} from '../support/key-pool.js';

const haveEtcd = hasBinary('etcd') && hasBinary('etcdctl');
const members = ['etcd-a', 'etcd-b', 'etcd-c'].map((name, i) => ({name, ip: `127.0.0.${i + 1}`}));
const BASE_PORT = 23790 + Math.floor(Math.random() * 100);

// RSA as kubeadm's default, and ECDSA-P256: Go must accept EC keys, ecdsa-with-SHA256 and digitalSignature-only leaves.
describe.skipIf(!haveEtcd).each([['RSA-2048', 0], ['ECDSA-P256', 1]] as const)('etcd with generated %s certificates', (alg, n) => {
  const CLIENT = BASE_PORT + n * 400;
  const PEER = CLIENT + 200;
  let dir: string;
  const procs: ResultPromise[] = [];
  const pki = (node: string, file: string) => join(dir, 'pki', node, 'etc/kubernetes/pki', file);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubepki-etcd-'));
    const plan = basePlan(members.map((m) => ({name: m.name, address: m.ip, role: 'control-plane' as const})));
    plan.certificates.encryptionAlgorithm = alg;
    await generateNative({keys: poolKeys, plan, out: join(dir, 'pki')});
    const cluster = members.map((m) => `${m.name}=https://${m.ip}:${PEER}`).join(',');
    for (const m of members) {
      procs.push(execa('etcd', [
        '--name', m.name, '--data-dir', join(dir, `data-${m.name}`),
        '--listen-client-urls', `https://${m.ip}:${CLIENT}`, '--advertise-client-urls', `https://${m.ip}:${CLIENT}`,
        '--listen-peer-urls', `https://${m.ip}:${PEER}`, '--initial-advertise-peer-urls', `https://${m.ip}:${PEER}`,
        '--initial-cluster', cluster, '--initial-cluster-state', 'new',
        '--cert-file', pki(m.name, 'etcd/server.crt'), '--key-file', pki(m.name, 'etcd/server.key'),
        '--trusted-ca-file', pki(m.name, 'etcd/ca.crt'), '--client-cert-auth',
        '--peer-cert-file', pki(m.name, 'etcd/peer.crt'), '--peer-key-file', pki(m.name, 'etcd/peer.key'),
        '--peer-trusted-ca-file', pki(m.name, 'etcd/ca.crt'), '--peer-client-cert-auth',
      ], {reject: false, stdin: 'ignore', all: true}));
    }
  });

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs);
    rmSync(dir, {recursive: true, force: true});
  });

  const etcdctl = (node: string, cert: string, args: string[], endpoint = `https://${members[0]!.ip}:${CLIENT}`) =>
    execa('etcdctl', ['--endpoints', endpoint, '--cacert', pki(node, 'etcd/ca.crt'), '--cert', pki(node, `${cert}.crt`),
      '--key', pki(node, `${cert}.key`), '--dial-timeout', '3s', '--command-timeout', '5s', ...args], {reject: false, env: {ETCDCTL_API: '3'}});

  it('forms a cluster over TLS peer links and answers the healthcheck client', async () => {
    // A member lists its client URL only once it has joined, so `--cluster` may see two healthy members first.
    const healthy = (r: {stdout: string; stderr: string}) => (r.stdout + r.stderr).match(/is healthy/g)?.length ?? 0;
    let health = await etcdctl('etcd-a', 'etcd/healthcheck-client', ['endpoint', 'health', '--cluster']);
    for (let i = 0; i < 60 && (health.exitCode !== 0 || healthy(health) < 3); i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await etcdctl('etcd-a', 'etcd/healthcheck-client', ['endpoint', 'health', '--cluster']);
    }
    expect(health.exitCode, `${health.stdout}${health.stderr}`).toBe(0);
    expect((health.stdout + health.stderr).match(/is healthy/g)).toHaveLength(3);
  });

  it('lets the API server’s etcd client write and read, through another member', async () => {
    expect((await etcdctl('etcd-b', 'apiserver-etcd-client', ['put', '/registry/kubepki', 'ok'])).exitCode).toBe(0);
    const get = await etcdctl('etcd-c', 'apiserver-etcd-client', ['get', '/registry/kubepki', '--print-value-only'], `https://${members[2]!.ip}:${CLIENT}`);
    expect(get.stdout.trim()).toBe('ok');
  });

  it('dials etcd by name: localhost is a SAN of the server certificate', async () => {
    const r = await etcdctl('etcd-a', 'etcd/healthcheck-client', ['endpoint', 'health'], `https://localhost:${CLIENT}`);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('refuses a client certificate from the cluster CA (etcd trusts only its own CA)', async () => {
    const r = await execa('etcdctl', ['--endpoints', `https://${members[0]!.ip}:${CLIENT}`, '--cacert', pki('etcd-a', 'etcd/ca.crt'),
      '--cert', pki('etcd-a', 'apiserver-kubelet-client.crt'), '--key', pki('etcd-a', 'apiserver-kubelet-client.key'),
      '--dial-timeout', '2s', '--command-timeout', '3s', 'get', 'x'], {reject: false, env: {ETCDCTL_API: '3'}});
    expect(r.exitCode).not.toBe(0);
  });
});
