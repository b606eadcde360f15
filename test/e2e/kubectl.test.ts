// kubectl (Go's crypto/x509 and TLS) as a consumer, for both backends: with a generated kubeconfig it trusts the
// API server's certificate and presents its client certificate, which a stand-in API server checks and records;
// as the API server would, it calls a kubelet stand-in with the files the manifests and the kubelet config name.
// A second reader, @kubernetes/client-node, loads every kubeconfig and finds the names kubeadm gives them.

import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {basePlan} from '../../src/plan/defaults.js';
import {APISERVER_KUBELET_CLIENT_USER} from '../../src/plan/identities.js';
import {startApiStub, type ApiStub} from '../support/api-stub.js';
import {hasBinary} from '../support/binaries.js';
import {BACKEND_NAMES, GENERATE_TIMEOUT_MS, generateTree, otherPlanTree} from '../support/generated-tree.js';

const kubectl = hasBinary('kubectl');
const plan = basePlan(
  [{name: 'cp', address: '127.0.0.1', role: 'control-plane'}, {name: 'node01', address: '127.0.0.2', role: 'worker'},
    {name: 'node02', address: '127.0.0.3', role: 'worker'}],
  [{name: 'john', groups: ['developers', 'qa']}],
);

/** Both backends with kubeadm's default RSA-2048, and ECDSA-P256 (Go's TLS with EC keys and ecdsa-with-SHA256). */
const RUNS = [...BACKEND_NAMES.map((b) => [b, 'RSA-2048'] as const), ['native', 'ECDSA-P256'] as const];

describe.skipIf(!kubectl).each(RUNS)('kubectl with the generated kubeconfigs (%s backend, %s)', (backend, alg) => {
  let dir: string;
  let other: string;
  let stub: ApiStub;
  const file = (p: string) => readFileSync(join(dir, p), 'utf8');
  const pki = (f: string) => file(`cp/etc/kubernetes/pki/${f}`);
  /** A flag's value in a manifest (or a field of the kubelet config), as a path inside the node's folder. */
  const apiserverFlag = (name: string) => {
    const command = (parse(file('cp/etc/kubernetes/manifests/kube-apiserver.yaml')) as {spec: {containers: {command: string[]}[]}}).spec.containers[0]!.command;
    return join(dir, 'cp', command.find((c) => c.startsWith(`${name}=`))!.slice(name.length + 1));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubepki-kubectl-'));
    other = mkdtempSync(join(tmpdir(), 'kubepki-kubectl-other-'));
    await generateTree(backend, {...plan, certificates: {...plan.certificates, encryptionAlgorithm: alg}}, dir);
    await otherPlanTree(basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}]), other);
    stub = await startApiStub({cert: pki('apiserver.crt'), key: pki('apiserver.key'), clientCa: pki('ca.crt')});
  }, GENERATE_TIMEOUT_MS);
  afterAll(async () => {
    await stub?.close();
    rmSync(dir, {recursive: true, force: true});
    rmSync(other, {recursive: true, force: true});
  });

  const run = (kubeconfig: string, server = stub.url, extra: string[] = []) =>
    execa('kubectl', ['--kubeconfig', kubeconfig, '--server', server, ...extra, 'get', '--raw', '/version'], {reject: false, timeout: 20_000});

  it('presents each identity, CN and every O, to a server that checks them', async () => {
    for (const [path, cn, groups] of [
      ['cp/etc/kubernetes/admin.conf', 'kubernetes-admin', ['kubeadm:cluster-admins']],
      ['cp/etc/kubernetes/super-admin.conf', 'kubernetes-super-admin', ['system:masters']],
      ['cp/etc/kubernetes/kubelet.conf', 'system:node:cp', ['system:nodes']],
      ['node01/etc/kubernetes/kubelet.conf', 'system:node:node01', ['system:nodes']],
      ['users/john/john.kubeconfig', 'john', ['developers', 'qa']],
    ] as const) {
      const before = stub.seen.length;
      const r = await run(join(dir, path));
      expect(r.exitCode, `${path}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).gitVersion).toContain('stub');
      expect(stub.seen.slice(before).at(-1)).toMatchObject({cn, groups: [...groups]});
    }
  });

  it('refuses the server when the kubeconfig carries another plan’s CA', async () => {
    const doc = parse(file('cp/etc/kubernetes/admin.conf')) as {clusters: {cluster: Record<string, string>}[]};
    doc.clusters[0]!.cluster['certificate-authority-data'] = Buffer.from(readFileSync(join(other, 'cp/etc/kubernetes/pki/ca.crt'))).toString('base64');
    const swapped = join(dir, 'admin-other-ca.conf');
    writeFileSync(swapped, JSON.stringify(doc), {mode: 0o600});
    const before = stub.seen.length;
    const r = await run(swapped);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/certificate signed by unknown authority|x509/);
    expect(stub.seen.length).toBe(before);
  });

  it('refuses the server when dialled by a name the certificate does not carry', async () => {
    const r = await run(join(dir, 'cp/etc/kubernetes/admin.conf'), `https://localhost:${stub.port}`);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/certificate is valid for .*not localhost|x509/);
  });

  describe('the API server at a kubelet', () => {
    let kubelet: ApiStub;
    beforeAll(async () => {
      // The kubelet's files as node01's config.yaml names them.
      const config = parse(file('node01/var/lib/kubelet/config.yaml')) as {tlsCertFile: string; tlsPrivateKeyFile: string; authentication: {x509: {clientCAFile: string}}};
      const onNode = (p: string) => readFileSync(join(dir, 'node01', p), 'utf8');
      kubelet = await startApiStub({cert: onNode(config.tlsCertFile), key: onNode(config.tlsPrivateKeyFile),
        clientCa: onNode(config.authentication.x509.clientCAFile), host: '127.0.0.2'});
    });
    afterAll(async () => kubelet?.close());

    /** kubectl with exactly the API server's kubelet flags from its manifest, no kubeconfig. */
    const asApiserver = (serverName?: string) => {
      const empty = join(dir, 'empty.kubeconfig');
      writeFileSync(empty, '');
      return execa('kubectl', ['--kubeconfig', empty, '--server', kubelet.url,
        '--certificate-authority', apiserverFlag('--kubelet-certificate-authority'),
        '--client-certificate', apiserverFlag('--kubelet-client-certificate'), '--client-key', apiserverFlag('--kubelet-client-key'),
        ...(serverName ? ['--tls-server-name', serverName] : []), 'get', '--raw', '/healthz'], {reject: false, timeout: 20_000});
    };

    it('accepts apiserver-kubelet-client on the node’s address and name', async () => {
      for (const name of [undefined, 'node01']) {
        const before = kubelet.seen.length;
        const r = await asApiserver(name);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(kubelet.seen.slice(before).at(-1)).toMatchObject({cn: APISERVER_KUBELET_CLIENT_USER});
      }
    });

    it('is refused by name for another node: the serving certificate is node01’s only', async () => {
      const r = await asApiserver('node02');
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toMatch(/certificate is valid for .*not node02|x509/);
    });
  });

  it('every kubeconfig loads with @kubernetes/client-node and names kubeadm’s user, cluster and context', () => {
    const model = resolve(plan);
    const specs = new Map(model.kubeconfigs.map((k) => [k.id, k]));
    const kubeconfigs = layoutFiles(model).flatMap((e) => (e.source.type === 'kubeconfig' ? [{path: e.path, spec: specs.get(e.source.kubeconfig)!}] : []));
    expect(kubeconfigs.length).toBeGreaterThan(8);
    for (const {path, spec} of kubeconfigs) {
      const kc = new KubeConfig();
      kc.loadFromString(file(path));
      expect(kc.getCurrentContext(), path).toBe(spec.contextName);
      expect(kc.getCurrentUser()?.name, path).toBe(spec.userName);
      expect(kc.getCurrentCluster(), path).toMatchObject({name: spec.clusterName, server: spec.server});
      expect(Buffer.from(kc.getCurrentCluster()!.caData!, 'base64').toString(), path).toBe(pki('ca.crt'));
    }
  });
});
