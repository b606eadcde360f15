// Go's crypto/x509 as the judge of a renewed tree: etcd started with the renewed (new-key) server and peer
// certificates answers etcdctl logging in with the renewed healthcheck client certificate.

import {cp, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {poolKeys} from '../support/key-pool.js';

const CLIENT = 24790 + Math.floor(Math.random() * 100);
const PEER = CLIENT + 200;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kubepki-renew-etcd-'));
  const plan = basePlan([{name: 'e1', address: '127.0.0.1', role: 'control-plane'}]);
  await generateNative({keys: poolKeys, plan, out: join(base, 'old'), now: new Date(Date.now() - 350 * 86_400_000)});
  await cp(join(base, 'old'), join(base, 'pki'), {recursive: true});
});
afterAll(async () => {
  await rm(base, {recursive: true, force: true});
});

describe.skipIf(!hasBinary('etcd') || !hasBinary('etcdctl'))('etcd after renew all --new-key', () => {
  it('serves and answers the healthcheck client with the renewed certificates', async () => {
    const r = await kubepki(['renew', 'all', '--dir', join(base, 'pki'), '--new-key']);
    expect(r.exitCode, r.stderr).toBe(0);
    const etcdLine = /^ {2}etcd \((.*)\)$/m.exec(r.stdout)?.[1]?.split(', ').sort();
    expect(etcdLine).toEqual(['e1/etc/kubernetes/pki/etcd/peer.crt', 'e1/etc/kubernetes/pki/etcd/server.crt']);
    const pki = (f: string) => join(base, 'pki', 'e1/etc/kubernetes/pki/etcd', f);
    const etcd = execa('etcd', ['--name', 'e1', '--data-dir', join(base, 'data'),
      '--listen-client-urls', `https://127.0.0.1:${CLIENT}`, '--advertise-client-urls', `https://127.0.0.1:${CLIENT}`,
      '--listen-peer-urls', `https://127.0.0.1:${PEER}`, '--initial-advertise-peer-urls', `https://127.0.0.1:${PEER}`,
      '--initial-cluster', `e1=https://127.0.0.1:${PEER}`, '--initial-cluster-state', 'new',
      '--cert-file', pki('server.crt'), '--key-file', pki('server.key'), '--trusted-ca-file', pki('ca.crt'), '--client-cert-auth',
      '--peer-cert-file', pki('peer.crt'), '--peer-key-file', pki('peer.key'), '--peer-trusted-ca-file', pki('ca.crt'), '--peer-client-cert-auth',
    ], {reject: false, stdin: 'ignore', all: true});
    try {
      const health = () => execa('etcdctl', ['--endpoints', `https://127.0.0.1:${CLIENT}`, '--cacert', pki('ca.crt'), '--cert', pki('healthcheck-client.crt'),
        '--key', pki('healthcheck-client.key'), '--dial-timeout', '3s', '--command-timeout', '5s', 'endpoint', 'health'], {reject: false, env: {ETCDCTL_API: '3'}});
      let h = await health();
      for (let i = 0; i < 40 && h.exitCode !== 0; i++) {
        await new Promise((res) => setTimeout(res, 500));
        h = await health();
      }
      expect(h.exitCode, h.stderr).toBe(0);
      expect(h.stdout + h.stderr).toMatch(/is healthy/);
    } finally {
      etcd.kill('SIGTERM');
      await etcd;
    }
  });
});
