// The native backend end to end: every certificate of a real plan checked with openssl -x509_strict and
// node:crypto, the tree's files and modes, kubeconfigs, refusal of a contradicting leaf, --force and CA reuse.

import {createPrivateKey, X509Certificate} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, readdirSync, unlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {treeFolders} from '../../src/pki/layout.js';
import {GenerateError, type ProgressEvent} from '../../src/generate/events.js';
import {hasBinary} from '../support/binaries.js';
import {expectedSubject, readTree, sanSet} from '../support/pki-tree.js';
import {opensslVerify} from '../support/openssl.js';
import {poolKeys, poolKeySet} from '../support/key-pool.js';

const openssl = hasBinary('openssl');
const EKU = {serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2'} as const;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kubepki-native-'));
}

describe('generateNative on the ha example', () => {
  const plan = examplePlan('ha');
  let out: string;
  const events: ProgressEvent[] = [];
  let started: Date;

  beforeAll(async () => {
    out = tmp();
    started = new Date();
    await generateNative({keys: poolKeys, plan, out, onProgress: (e) => events.push(e)});
  });
  afterAll(() => rmSync(out, {recursive: true, force: true}));

  it('writes every file of the layout with the right modes, node folders 0755, the root and people 0700', () => {
    const {entries} = readTree(out, plan);
    for (const e of entries) expect(statSync(join(out, e.path)).mode & 0o777, e.path).toBe(e.mode);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const dir of treeFolders(entries)) expect(statSync(join(out, dir)).mode & 0o777, dir).toBe(dir.startsWith('users') ? 0o700 : 0o755);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('realises every spec: subject, SANs exactly, EKU, CA flag, key match, validity', () => {
    const {certs} = readTree(out, plan);
    // every spec appears at least once, from a file or a kubeconfig
    expect(new Set(certs.map((c) => c.spec.id))).toEqual(new Set(readTree(out, plan).model.certs.map((c) => c.id)));
    for (const {cert, spec, path, keyPem} of certs) {
      const at = `${path} (${spec.id})`;
      expect(cert.subject, at).toBe(expectedSubject(spec));
      expect(cert.ca, at).toBe(spec.isCA);
      expect(sanSet(cert), at).toEqual({dns: spec.sans.dns, ips: spec.sans.ips});
      if (spec.isCA) expect(cert.keyUsage, at).toBeUndefined();
      else expect([...(cert.keyUsage ?? [])].sort(), at).toEqual(spec.usages.map((u) => EKU[u]).sort());
      if (keyPem) expect(cert.checkPrivateKey(createPrivateKey(keyPem)), at).toBe(true);
      const from = new Date(cert.validFrom).getTime();
      const to = new Date(cert.validTo).getTime();
      expect(Math.abs(from - (started.getTime() - 5 * 60_000)), `${at} notBefore backdated 5 minutes`).toBeLessThan(60_000);
      expect(Math.abs(to - from - (spec.validityHours * 3600_000 + 5 * 60_000)), `${at} validity`).toBeLessThan(60_000);
    }
  });

  it('writes PKCS#1 RSA keys of the planned size and an SPKI sa.pub', () => {
    const key = readFileSync(join(out, 'cp-1/etc/kubernetes/pki/apiserver.key'), 'utf8');
    expect(key.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect(key).not.toContain('\r');
    expect(createPrivateKey(key).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(readFileSync(join(out, 'cp-2/etc/kubernetes/pki/sa.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(readFileSync(join(out, 'cp-2/etc/kubernetes/pki/sa.key'), 'utf8')).toBe(readFileSync(join(out, 'cp-1/etc/kubernetes/pki/sa.key'), 'utf8'));
  });

  it.skipIf(!openssl)('every certificate verifies with openssl verify -x509_strict against its CA', async () => {
    const {certs} = readTree(out, plan);
    for (const {path, spec, pem, issuerPem} of certs) {
      const purpose = spec.isCA ? undefined : spec.usages.includes('serverAuth') ? 'sslserver' : 'sslclient';
      const r = await opensslVerify(issuerPem, pem, purpose);
      expect(r.ok, `${path} (${spec.id}): ${r.output}`).toBe(true);
    }
  });

  it('issuer DN bytes equal the CA subject and leaves carry AKI = CA SKI', () => {
    const {certs} = readTree(out, plan);
    for (const {cert, issuerPem, path} of certs) {
      const ca = new X509Certificate(issuerPem);
      expect(cert.checkIssued(ca), path).toBe(true);
      expect(cert.verify(ca.publicKey), path).toBe(true);
    }
  });

  it('writes kubeconfigs with kubeadm names and the tree’s own certificates embedded', () => {
    const kc = parse(readFileSync(join(out, 'cp-1/etc/kubernetes/admin.conf'), 'utf8'));
    expect(kc['current-context']).toBe('kubernetes-admin@kubernetes');
    expect(kc.clusters[0].cluster.server).toBe('https://k8s-api.example.internal:6443');
    const caPem = Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
    expect(caPem).toBe(readFileSync(join(out, 'cp-1/etc/kubernetes/pki/ca.crt'), 'utf8'));
    const client = new X509Certificate(Buffer.from(kc.users[0].user['client-certificate-data'], 'base64'));
    expect(client.subject).toBe('O=kubeadm:cluster-admins\nCN=kubernetes-admin');
    const key = createPrivateKey(Buffer.from(kc.users[0].user['client-key-data'], 'base64'));
    expect(client.checkPrivateKey(key)).toBe(true);
    const kubelet = parse(readFileSync(join(out, 'node02/etc/kubernetes/kubelet.conf'), 'utf8'));
    expect(kubelet.users[0].name).toBe('system:node:node02');
    expect(new X509Certificate(Buffer.from(kubelet.users[0].user['client-certificate-data'], 'base64')).subject).toBe('O=system:nodes\nCN=system:node:node02');
  });

  it('reports progress for every certificate', () => {
    const certEvents = events.filter((e) => e.type === 'cert');
    expect(certEvents).toHaveLength(readTree(out, plan).model.certs.length);
    expect(events.at(-1)).toMatchObject({type: 'written'});
  });

  it('writes files while later certificates are still being built, and reports certificates in signing order', async () => {
    const where = tmp();
    const staged: number[] = [];
    const stagedFiles = (dir: string): number => readdirSync(dir, {withFileTypes: true})
      .reduce((n, e) => n + (e.isDirectory() ? stagedFiles(join(dir, e.name)) : 1), 0);
    const order: string[] = [];
    await generateNative({keys: poolKeys, plan, out: where, onProgress: (e) => {
      if (e.type !== 'cert') return;
      order.push(e.id);
      const stage = readdirSync(where).find((n) => n.startsWith('.kubepki-staging-'));
      staged.push(stage ? stagedFiles(join(where, stage)) : 0);
    }});
    rmSync(where, {recursive: true, force: true});
    expect(order).toEqual(readTree(out, plan).model.certs.map((c) => c.id));
    // By the last certificate, the files made from the earlier ones are on their way to disk.
    expect(staged.at(-1)).toBeGreaterThan(10);
  });

  it('writes a README that says what goes where', () => {
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('`node01/etc/kubernetes/kubelet.conf`');
    expect(readme).toContain('ssh root@cp-1 bash kubepki-cp-1/install.sh');
    expect(readme).not.toContain('cp -a NODE');
  });
});

describe('generateNative with keys of its own', () => {
  it('makes a fresh, distinct key of the planned size for every certificate and sa.key (none from the test pool)', async () => {
    const plan = examplePlan('single');
    const out = tmp();
    try {
      const keyEvents: string[] = [];
      await generateNative({plan, out, onProgress: (e) => e.type === 'key' && keyEvents.push(e.id)}); // the one native run that makes its own keys
      const {certs, model} = readTree(out, plan);
      // from key files and kubeconfigs alike; copies of a CA on other nodes are the same key
      const keys = new Set([...certs.flatMap((c) => (c.keyPem ? [c.keyPem] : [])), readFileSync(join(out, 'controlplane/etc/kubernetes/pki/sa.key'), 'utf8')]);
      const pool = poolKeySet();
      expect([...keys].filter((pem) => pool.has(pem))).toEqual([]);
      expect(keys.size).toBe(model.certs.length + 1); // one per certificate, and sa.key
      expect(keyEvents).toHaveLength(model.certs.length + 1);
      for (const pem of keys) expect(createPrivateKey(pem).asymmetricKeyDetails?.modulusLength).toBe(2048);
      for (const {cert, keyPem, path} of certs) if (keyPem) expect(cert.checkPrivateKey(createPrivateKey(keyPem)), path).toBe(true);
    } finally {
      rmSync(out, {recursive: true, force: true});
    }
  });
});

describe('existing files', () => {
  const plan = examplePlan('single');

  it('refuses a leaf that contradicts the plan, lists it with the reason, and changes nothing', async () => {
    const out = tmp();
    await generateNative({keys: poolKeys, plan, out});
    const pki = join(out, 'controlplane/etc/kubernetes/pki');
    writeFileSync(join(pki, 'apiserver.key'), readFileSync(join(pki, 'front-proxy-client.key')));
    const before = readFileSync(join(pki, 'apiserver.crt'), 'utf8');
    const error = await generateNative({keys: poolKeys, plan, out}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).details).toEqual(['controlplane/etc/kubernetes/pki/apiserver.crt: key does not match the certificate']);
    expect(readFileSync(join(pki, 'apiserver.crt'), 'utf8')).toBe(before);
    rmSync(out, {recursive: true});
  });

  it('--force re-issues only that leaf and reuses the CA and the sa key', async () => {
    const out = tmp();
    await generateNative({keys: poolKeys, plan, out});
    const read = (p: string) => readFileSync(join(out, 'controlplane/etc/kubernetes/pki', p), 'utf8');
    writeFileSync(join(out, 'controlplane/etc/kubernetes/pki/apiserver.key'), read('front-proxy-client.key'));
    const [ca, etcdCa, sa, api, peer] = [read('ca.crt'), read('etcd/ca.crt'), read('sa.key'), read('apiserver.crt'), read('etcd/peer.crt')];
    const result = await generateNative({keys: poolKeys, plan, out, force: true});
    expect(result.reused.sort()).toEqual(['ca', 'etcd-ca', 'front-proxy-ca', 'sa']);
    expect(read('ca.crt')).toBe(ca);
    expect(read('etcd/ca.crt')).toBe(etcdCa);
    expect(read('sa.key')).toBe(sa);
    expect(read('etcd/peer.crt')).toBe(peer);
    expect(read('apiserver.crt')).not.toBe(api);
    expect(new X509Certificate(read('apiserver.crt')).checkIssued(new X509Certificate(ca))).toBe(true);
    expect(new X509Certificate(read('apiserver.crt')).checkPrivateKey(createPrivateKey(read('apiserver.key')))).toBe(true);
    rmSync(out, {recursive: true});
  });

  it('reuses a CA left alone and signs new leaves with it', async () => {
    const out = tmp();
    await generateNative({keys: poolKeys, plan, out});
    const pki = join(out, 'controlplane/etc/kubernetes/pki');
    const ca = readFileSync(join(pki, 'ca.crt'), 'utf8');
    rmSync(join(out, 'node01'), {recursive: true});
    rmSync(join(out, 'users'), {recursive: true});
    for (const name of readdirSync(join(out, 'controlplane/etc/kubernetes'))) if (name.endsWith('.conf')) unlinkSync(join(out, 'controlplane/etc/kubernetes', name));
    rmSync(join(out, 'controlplane/var'), {recursive: true});
    for (const name of readdirSync(pki)) if (!name.startsWith('ca.') && !name.startsWith('front-proxy-ca.') && name !== 'etcd' && !name.startsWith('sa.')) unlinkSync(join(pki, name));
    for (const name of readdirSync(join(pki, 'etcd'))) if (!name.startsWith('ca.')) unlinkSync(join(pki, 'etcd', name));
    const result = await generateNative({keys: poolKeys, plan, out});
    expect(result.reused).toContain('ca');
    expect(readFileSync(join(pki, 'ca.crt'), 'utf8')).toBe(ca);
    expect(new X509Certificate(readFileSync(join(out, 'node01/var/lib/kubelet/pki/kubelet.crt'))).checkIssued(new X509Certificate(ca))).toBe(true);
    rmSync(out, {recursive: true});
  });

  it('never overwrites a CA it cannot reuse, even with --force', async () => {
    const out = tmp();
    await generateNative({keys: poolKeys, plan, out});
    const pki = join(out, 'controlplane/etc/kubernetes/pki');
    // A leaf certificate sitting where the CA should be.
    writeFileSync(join(pki, 'ca.crt'), readFileSync(join(pki, 'apiserver.crt')));
    const error = await generateNative({keys: poolKeys, plan, out, force: true}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).details.join('\n')).toContain('controlplane/etc/kubernetes/pki/ca.crt cannot be reused: it is not a CA (basicConstraints CA:TRUE is missing)');
    rmSync(out, {recursive: true});
  });

  it('refuses leaves that would outlive a reused CA', async () => {
    const out = tmp();
    const short = examplePlan('single');
    short.certificates.caCertificateValidityPeriod = '9000h';
    await generateNative({keys: poolKeys, plan: short, out});
    const longer = {...short, certificates: {...short.certificates, caCertificateValidityPeriod: '87600h', certificateValidityPeriod: '9500h'}};
    const error = await generateNative({keys: poolKeys, plan: longer, out, force: true}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).message).toBe('files already in the output folder stop this run');
    expect((error as GenerateError).details.join('\n')).toMatch(/ca\.crt cannot be reused: it expires on \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ, before the certificates it would sign \(9500h from now\)/);
    rmSync(out, {recursive: true});
  });
});

describe('the output folder', () => {
  it('refuses a symlink planted where a node folder goes, before making any key, and writes nothing through it', async () => {
    const out = tmp();
    const elsewhere = tmp();
    symlinkSync(elsewhere, join(out, 'controlplane'));
    const events: ProgressEvent[] = [];
    const error = await generateNative({keys: poolKeys, plan: examplePlan('single'), out, onProgress: (e) => events.push(e)}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).details).toEqual(['controlplane']);
    expect(events).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out)).toEqual(['controlplane']);
    rmSync(out, {recursive: true});
    rmSync(elsewhere, {recursive: true});
  });
});
