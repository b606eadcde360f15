// inspect on trees: an openssl-made node folder (manifest with a missing file and a wrong one, kubeconfigs with
// embedded and referenced certificates, the kubelet's combined cert+key file), node paths mapped into a mirror,
// a copy of /etc/kubernetes and --root; and a tree kubepki generated, read back against its own catalog.

import {cp, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inspectPaths} from '../../src/inspect/inspect.js';
import type {FileReport, FlagUse, KubeconfigContext} from '../../src/inspect/report.js';
import {treeContents} from '../../src/inspect/walk-report.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve as resolveModel} from '../../src/pki/resolve.js';
import {loadPlanFile} from '../../src/plan/load.js';
import {kubepki} from '../support/cli.js';
import {hasOpenssl, tmpDir, type TmpDir} from '../support/openssl.js';
import {kubeconfigText, manifestText, opensslFixture} from './fixtures.js';

const run = hasOpenssl() ? describe : describe.skip;
const PKI = '/etc/kubernetes/pki';

function flag(f: FileReport, name: string): FlagUse {
  if (f.kind !== 'manifest' && f.kind !== 'kubelet-config') throw new Error(`expected a manifest, got ${f.kind}`);
  const use = f.manifest.flags.find((u) => u.flag === name);
  if (!use) throw new Error(`no ${name}`);
  return use;
}

function context(f: FileReport): KubeconfigContext {
  if (f.kind !== 'kubeconfig') throw new Error(`expected a kubeconfig, got ${f.kind}`);
  return f.kubeconfig.contexts[0]!;
}

run('inspect on an openssl-made node folder', () => {
  let tmp: TmpDir;
  let node: string;
  const manifestFlags = {
    '--client-ca-file': `${PKI}/ca.crt`,
    '--tls-cert-file': `${PKI}/apiserver.crt`,
    '--tls-private-key-file': `${PKI}/apiserver.crt`, // wrong: a certificate where the key belongs
    '--etcd-cafile': `${PKI}/etcd/ca.crt`,
    '--etcd-certfile': `${PKI}/apiserver-etcd-client.crt`,
    '--etcd-keyfile': `${PKI}/apiserver-etcd-client.key`,
    '--kubelet-client-certificate': `${PKI}/apiserver-kubelet-client.crt`, // missing
  };

  beforeAll(async () => {
    tmp = await tmpDir('kubepki-inspect-tree-');
    node = join(tmp.path, 'cp-1');
    const fx = await opensslFixture(join(node, 'etc/kubernetes/pki'));
    await fx.key('apiserver.key');
    await fx.leaf('apiserver.crt', 'apiserver.key', {subj: '/CN=kube-apiserver', eku: 'serverAuth', sans: 'DNS:kubernetes, IP:10.96.0.1'});
    await fx.key('apiserver-etcd-client.key');
    await fx.leaf('apiserver-etcd-client.crt', 'apiserver-etcd-client.key', {subj: '/CN=kube-apiserver-etcd-client', eku: 'clientAuth', issuer: 'etcd-ca'});
    await fx.key('etcd/peer.key');
    await fx.leaf('etcd/peer.crt', 'etcd/peer.key', {subj: '/CN=cp-2', eku: 'serverAuth, clientAuth', issuer: 'etcd-ca', sans: 'DNS:cp-2, DNS:localhost, IP:127.0.0.1'});
    await fx.key('admin.key');
    await fx.leaf('admin.crt', 'admin.key', {subj: '/O=kubeadm:cluster-admins/CN=kubernetes-admin', eku: 'clientAuth'});
    await fx.key('kubelet.key');
    await fx.leaf('kubelet.crt', 'kubelet.key', {subj: '/O=system:nodes/CN=system:node:cp-1', eku: 'clientAuth'});
    const pki = join(node, 'etc/kubernetes/pki');
    const read = (rel: string) => readFile(join(pki, rel), 'utf8');
    const etc = (rel: string, text: string, mode?: number) => fx.write(`../${rel}`, text, mode);
    await etc('manifests/kube-apiserver.yaml', manifestText('kube-apiserver', manifestFlags));
    await etc('admin.conf', kubeconfigText({server: 'https://192.168.56.11:6443', user: 'kubernetes-admin',
      ca: {data: await read('ca.crt')}, cert: {data: await read('admin.crt')}, key: {data: await read('admin.key')}}), 0o600);
    // The kubelet after TLS bootstrap: its certificate and key in one rotated file under /var/lib/kubelet.
    await fx.write('../../../var/lib/kubelet/pki/kubelet-client-current.pem', (await read('kubelet.crt')) + (await read('kubelet.key')), 0o600);
    const current = '/var/lib/kubelet/pki/kubelet-client-current.pem';
    await etc('kubelet.conf', kubeconfigText({server: 'https://192.168.56.11:6443', user: 'system:node:cp-1',
      ca: {file: `${PKI}/ca.crt`}, cert: {file: current}, key: {file: current}}), 0o600);
    // A user's kubeconfig beside its files, named relative to it, with the wrong key.
    await etc('users/jo.conf', kubeconfigText({server: 'https://192.168.56.11:6443', user: 'jo',
      ca: {file: '../pki/ca.crt'}, cert: {file: '../pki/admin.crt'}, key: {file: '../pki/kubelet.key'}}), 0o600);
  });
  afterAll(() => tmp.cleanup());

  it('follows every TLS flag of a manifest into a folder that mirrors a node', async () => {
    const [m] = (await inspectPaths([join(node, 'etc/kubernetes/manifests/kube-apiserver.yaml')])).files;
    expect(m).toMatchObject({kind: 'manifest', manifest: {components: ['kube-apiserver']}});
    const ca = flag(m!, '--etcd-cafile');
    expect(ca.ref).toMatchObject({found: true, resolvedBy: 'node-mirror', resolvedPath: join(node, 'etc/kubernetes/pki/etcd/ca.crt')});
    expect(ca.ref?.file?.kind === 'certificate' && ca.ref.file.certificates[0]!.role.text).toBe('etcd CA');
    const client = flag(m!, '--etcd-certfile').ref?.file;
    expect(client?.kind === 'certificate' && client.certificates[0]!.role.kind).toBe('apiserver-etcd-client');
    expect(m!.kind === 'manifest' && m!.manifest.groups.map((g) => g.text)).toContain(
      'kube-apiserver logs in with apiserver-etcd-client.crt (apiserver client to etcd), key apiserver-etcd-client.key, trusting etcd/ca.crt (etcd CA)');
  });

  it('flags a missing file and a file of the wrong kind', async () => {
    const [m] = (await inspectPaths([join(node, 'etc/kubernetes/manifests/kube-apiserver.yaml')])).files;
    expect(flag(m!, '--kubelet-client-certificate').ref).toMatchObject({found: false, problem: 'missing',
      resolvedPath: join(node, 'etc/kubernetes/pki/apiserver-kubelet-client.crt')});
    expect(flag(m!, '--tls-private-key-file').ref?.problem).toBe('expected a private key, found a certificate');
    expect(flag(m!, '--etcd-keyfile').ref?.problem).toBeUndefined();
  });

  it('reads a copy of /etc/kubernetes, and a lone manifest with --root', async () => {
    const copy = join(tmp.path, 'copy');
    await cp(join(node, 'etc/kubernetes'), copy, {recursive: true});
    const [m] = (await inspectPaths([join(copy, 'manifests/kube-apiserver.yaml')])).files;
    expect(flag(m!, '--client-ca-file').ref).toMatchObject({found: true, resolvedBy: 'etc-kubernetes-copy', resolvedPath: join(copy, 'pki/ca.crt')});
    const lone = join(tmp.path, 'kube-apiserver.yaml');
    await cp(join(copy, 'manifests/kube-apiserver.yaml'), lone);
    const [r] = (await inspectPaths([lone], {root: node})).files;
    expect(flag(r!, '--client-ca-file').ref).toMatchObject({found: true, resolvedBy: 'root', resolvedPath: join(node, 'etc/kubernetes/pki/ca.crt')});
  });

  it('reads a kubeconfig with embedded certificates: server, trusted CA, user and groups, key match', async () => {
    const c = context((await inspectPaths([join(node, 'etc/kubernetes/admin.conf')])).files[0]!);
    expect(c.cluster.server).toBe('https://192.168.56.11:6443');
    expect(c.cluster.ca?.source).toBe('embedded');
    expect(c.cluster.ca?.certificates?.[0]?.role.text).toBe('cluster CA');
    const cert = c.user.cert?.certificates?.[0];
    expect(cert?.subject).toMatchObject({cn: 'kubernetes-admin', o: ['kubeadm:cluster-admins']});
    expect(cert?.role.kind).toBe('admin');
    expect(c.user.keyMatchesCert).toBe(true);
    expect(c.user.key?.key).toMatchObject({algorithm: 'RSA', bits: 2048});
  });

  it('reads a kubeconfig that names its files: the kubelet’s combined certificate and key', async () => {
    const c = context((await inspectPaths([join(node, 'etc/kubernetes/kubelet.conf')])).files[0]!);
    expect(c.cluster.ca?.ref).toMatchObject({found: true, resolvedBy: 'node-mirror'});
    expect(c.user.cert?.ref).toMatchObject({found: true, resolvedPath: join(node, 'var/lib/kubelet/pki/kubelet-client-current.pem')});
    expect(c.user.cert?.certificates?.[0]?.role.text).toBe('kubelet client for cp-1');
    expect(c.user.key?.ref?.problem).toBeUndefined();
    expect(c.user.keyMatchesCert).toBe(true);
  });

  it('follows relative paths from the kubeconfig’s folder and says when the key is not the certificate’s', async () => {
    const c = context((await inspectPaths([join(node, 'etc/kubernetes/users/jo.conf')])).files[0]!);
    expect(c.user.cert?.ref).toMatchObject({resolvedBy: 'relative', found: true});
    expect(c.user.keyMatchesCert).toBe(false);
  });

  it('tells an etcd peer from a server by its file name, and pairs every key in the folder', async () => {
    const report = await inspectPaths([node]);
    const {certificates, keys} = treeContents(report);
    const peer = certificates.find((c) => c.at.path.endsWith('etcd/peer.crt'))!;
    expect(peer.cert.role).toMatchObject({kind: 'etcd-peer', text: 'etcd peer for cp-2', node: 'cp-2'});
    for (const {key, at} of keys) expect(key.matches.length, at.path).toBeGreaterThan(0);
  });
});

run('inspect on a tree kubepki generated', () => {
  let tmp: TmpDir;
  beforeAll(async () => {
    tmp = await tmpDir('kubepki-inspect-gen-');
    const plan = join(tmp.path, 'plan.yaml');
    const example = await kubepki(['example', 'single']);
    await import('node:fs/promises').then((fs) => fs.writeFile(plan, example.stdout));
    const r = await kubepki(['generate', '--plan', plan, '--out', join(tmp.path, 'pki')]);
    expect(r.exitCode, r.stderr).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('gives every certificate the role its catalog kind has, and every key its certificate', async () => {
    const loaded = await loadPlanFile(join(tmp.path, 'plan.yaml'));
    if (!loaded.ok) throw new Error('plan');
    const model = resolveModel(loaded.plan);
    const kindOf = new Map(model.certs.map((c) => [c.id, c.kind]));
    const kubeconfigCert = new Map(model.kubeconfigs.map((k) => [k.id, k.cert]));
    const expected = new Map<string, string>();
    for (const e of layoutFiles(model)) {
      if (e.source.type === 'cert') expected.set(e.path, kindOf.get(e.source.spec)!);
      if (e.source.type === 'kubeconfig') expected.set(`${e.path}#users`, kindOf.get(kubeconfigCert.get(e.source.kubeconfig)!)!);
    }
    const root = join(tmp.path, 'pki');
    const {certificates, keys} = treeContents(await inspectPaths([root]));
    let checked = 0;
    for (const {cert, at} of certificates) {
      const rel = at.path.slice(root.length + 1);
      const want = expected.get(at.field?.startsWith('users') ? `${rel}#users` : rel);
      if (want === undefined) continue; // a kubeconfig's embedded CA
      expect(cert.role.kind, rel).toBe(want);
      checked++;
    }
    expect(checked).toBe(expected.size);
    for (const {key, at} of keys) expect(key.matches.length, at.path).toBeGreaterThan(0);
  });
});
