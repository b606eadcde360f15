// kubectl (Go's crypto/x509 and TLS) as a consumer: with a generated kubeconfig it trusts the API server's
// certificate and presents its client certificate, which a stand-in API server checks and records.

import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {startApiStub, type ApiStub} from '../support/api-stub.js';
import {hasBinary} from '../support/binaries.js';
import {poolKeys} from '../support/key-pool.js';

const kubectl = hasBinary('kubectl');

describe.skipIf(!kubectl).each(['RSA-2048', 'ECDSA-P256'] as const)('kubectl with the generated %s kubeconfigs', (alg) => {
  let dir: string;
  let stub: ApiStub;
  const pki = (f: string) => readFileSync(join(dir, 'cp/etc/kubernetes/pki', f), 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubepki-kubectl-'));
    const plan = basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}], [{name: 'john', groups: ['developers', 'qa']}]);
    plan.certificates.encryptionAlgorithm = alg;
    await generateNative({keys: poolKeys, plan, out: dir});
    stub = await startApiStub({cert: pki('apiserver.crt'), key: pki('apiserver.key'), clientCa: pki('ca.crt')});
  });
  afterAll(async () => {
    await stub?.close();
    rmSync(dir, {recursive: true, force: true});
  });

  const run = (kubeconfig: string, server = stub.url) =>
    execa('kubectl', ['--kubeconfig', join(dir, kubeconfig), '--server', server, 'get', '--raw', '/version'], {reject: false, timeout: 20_000});

  it('presents the admin’s and a person’s identity, CN and every O, to a server that checks them', async () => {
    for (const [file, cn, groups] of [
      ['cp/etc/kubernetes/admin.conf', 'kubernetes-admin', ['kubeadm:cluster-admins']],
      ['cp/etc/kubernetes/kubelet.conf', 'system:node:cp', ['system:nodes']],
      ['users/john/john.kubeconfig', 'john', ['developers', 'qa']],
    ] as const) {
      const before = stub.seen.length;
      const r = await run(file);
      expect(r.exitCode, `${file}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).gitVersion).toContain('stub');
      expect(stub.seen.slice(before).at(-1)).toMatchObject({cn, groups: [...groups]});
    }
  });

  it('refuses the server when dialled by a name the certificate does not carry', async () => {
    const r = await run('cp/etc/kubernetes/admin.conf', `https://localhost:${stub.port}`);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/certificate is valid for .*not localhost|x509/);
  });
});
