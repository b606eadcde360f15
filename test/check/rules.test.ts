// check's rules on the openssl-only tree: the healthy node has no error, each fault gives its error on its file.

import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {checkTree} from '../../src/check/check.js';
import {readTree} from '../../src/check/tree.js';
import {hasOpenssl} from '../support/openssl.js';
import {faultyTree, FAULTS, healthyTree, removeTrees, type FaultName} from '../support/openssl-tree.js';

afterAll(removeTrees);

const check = async (root: string) => checkTree(await readTree(root));

describe.skipIf(!hasOpenssl())('check rules on an openssl-made kubeadm node', () => {
  it('finds no error on the healthy tree', async () => {
    const result = await check(await healthyTree());

    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reads a copy of /etc/kubernetes the same way, manifests mapped into it', async () => {
    const copy = join(await faultyTree('manifest-typo'), 'etc/kubernetes');
    const result = await check(copy);
    expect(result.findings.map((f) => `${f.severity} ${f.code} ${f.path}`)).toEqual(['error manifest-missing-file manifests/kube-apiserver.yaml']);
    expect(result.certificates.map((r) => r.name)).toContain('etcd-peer');
  });

  const cases: [FaultName, string, RegExp][] = [
    ['missing-san', 'san-missing', /IP:10\.96\.0\.1 \(the kubernetes Service’s ClusterIP/],
    ['expired', 'cert-expired', /expired on 2025-01-01 00:00 UTC/],
    ['not-yet-valid', 'cert-not-yet-valid', /not valid before 2099-01-01 00:00 UTC/],
    ['wrong-ca', 'chain-wrong-authority', /does not verify against etcd-ca .*signed by CN=kubernetes/],
    ['key-mismatch', 'key-mismatch', /does not belong to CN=kube-apiserver/],
    ['v1', 'cert-v1', /version 1 certificate/],
    ['sha1', 'signature-weak', /sha1WithRSAEncryption/],
    ['manifest-typo', 'manifest-missing-file', /--tls-cert-file names \/etc\/kubernetes\/pki\/apiserve\.crt, which does not exist/],
    ['kubelet-group', 'identity-kubelet', /O=system:node, CN=system:node:cp-1.*needs CN=system:node:cp-1 in O=system:nodes/],
    ['etcd-cafile', 'manifest-wrong-file', /--etcd-cafile names \/etc\/kubernetes\/pki\/ca\.crt, ca's file; it should name etcd-ca's/],
    ['key-mode', 'file-mode', /mode 0644: every user/],
    ['weak-key', 'key-weak', /1024-bit RSA key/],
  ];
  it.each(cases)('%s → %s', async (fault, code, message) => {
    const result = await check(await faultyTree(fault));

    const hits = result.findings.filter((f) => f.code === code);
    expect(hits.map((f) => f.path)).toEqual([FAULTS[fault].path]);
    expect(hits[0]!.severity).toBe('error');
    expect(hits[0]!.message).toMatch(message);
    expect(hits[0]!.hint.length).toBeGreaterThan(10);
  });

  it('warns about a leaf that outlives its CA', async () => {
    const result = await check(await faultyTree('outlives-ca'));
    expect(result.findings.filter((f) => f.code === 'chain-outlives-ca')).toEqual([expect.objectContaining(
      {severity: 'warning', path: FAULTS['outlives-ca'].path, message: expect.stringMatching(/valid until 2090-01-01 .* after its CA expires/)})]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('warns, with why, about system:masters outside super-admin.conf', async () => {
    const result = await check(await faultyTree('masters-admin'));
    const hit = result.findings.find((f) => f.code === 'identity-masters');
    expect(hit).toMatchObject({severity: 'warning', path: FAULTS['masters-admin'].path});
    expect(hit!.message).toMatch(/bypasses RBAC and cannot be revoked/);
  });
});
