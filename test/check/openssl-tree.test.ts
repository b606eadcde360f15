// The openssl-only fixture itself: the healthy tree verifies with openssl, and each fault is really there.

import {X509Certificate} from 'node:crypto';
import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasOpenssl, openssl} from '../support/openssl.js';
import {CLUSTER, faultyTree, healthyTree, K8S_DIR, PKI_DIR, removeTrees} from '../support/openssl-tree.js';

afterAll(removeTrees);

const verify = (root: string, ca: string, leaf: string) =>
  openssl(['verify', '-CAfile', join(root, PKI_DIR, ca), join(root, PKI_DIR, leaf)], {reject: false});
const cert = async (root: string, path: string) => new X509Certificate(await readFile(join(root, path)));

describe.skipIf(!hasOpenssl())('openssl-only kubeadm tree', () => {
  it('builds a healthy node whose leaves verify against their own CA', async () => {
    const root = await healthyTree();
    for (const [ca, leaf] of [['ca.crt', 'apiserver.crt'], ['etcd/ca.crt', 'etcd/peer.crt'], ['front-proxy-ca.crt', 'front-proxy-client.crt']]) {
      expect((await verify(root, ca!, leaf!)).exitCode, leaf).toBe(0);
    }
    expect((await verify(root, 'ca.crt', 'etcd/server.crt')).exitCode).not.toBe(0);
    const api = await cert(root, `${PKI_DIR}/apiserver.crt`);
    expect(api.subjectAltName).toContain(`IP Address:${CLUSTER.serviceIp}`);
    expect((await stat(join(root, PKI_DIR, 'apiserver.key'))).mode & 0o777).toBe(0o600);
    const kubelet = await readFile(join(root, K8S_DIR, 'kubelet.conf'), 'utf8');
    expect(kubelet).toContain('client-certificate-data');
    expect(await readFile(join(root, K8S_DIR, 'manifests/etcd.yaml'), 'utf8')).toContain('--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt');
  });

  it('breaks exactly what each fault says', async () => {
    const [san, expired, v1, sha1] = await Promise.all([faultyTree('missing-san'), faultyTree('expired'), faultyTree('v1'), faultyTree('sha1')]);
    expect((await cert(san, `${PKI_DIR}/apiserver.crt`)).subjectAltName).not.toContain(CLUSTER.serviceIp);
    expect((await cert(expired, `${PKI_DIR}/apiserver-kubelet-client.crt`)).validTo).toContain('2025');
    const {stdout: text} = await openssl(['x509', '-noout', '-text', '-in', join(v1, PKI_DIR, 'front-proxy-client.crt')]);
    expect(String(text)).toMatch(/Version: 1 \(0x0\)/);
    const {stdout: sig} = await openssl(['x509', '-noout', '-text', '-in', join(sha1, PKI_DIR, 'etcd/healthcheck-client.crt')]);
    expect(String(sig)).toContain('sha1WithRSAEncryption');
  });
});
