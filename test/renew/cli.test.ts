// `kubepki renew` as a user runs it on a tree generated 350 days ago: what it keeps (subject, SANs, usages, key),
// what it changes (validity, kubeconfig data, the key with --new-key), what it refuses (a CA, an unknown name), what
// the consumers say (openssl verify -x509_strict, kubectl against a TLS stand-in), and check's suggested command.

import {X509Certificate, createPrivateKey} from 'node:crypto';
import {cp, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import type {Plan} from '../../src/plan/types.js';
import {profileDifferences, readProfile} from '../../src/x509/profile.js';
import {startApiStub} from '../support/api-stub.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {poolKeys} from '../support/key-pool.js';

const DAY = 86_400_000;
const PKI = 'cp/etc/kubernetes/pki';
let base: string;
let work: string;
let n = 0;
let plan: Plan;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kubepki-renew-'));
  plan = basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}, {name: 'w1', address: '127.0.0.2', role: 'worker'}],
    [{name: 'john', groups: ['developers']}]);
  await generateNative({keys: poolKeys, plan, out: join(base, 'tree'), now: new Date(Date.now() - 350 * DAY)});
});
afterAll(async () => {
  await rm(base, {recursive: true, force: true});
});

/** A fresh copy of the generated tree for one test. */
async function copy(): Promise<string> {
  work = join(base, `copy-${n++}`);
  await cp(join(base, 'tree'), work, {recursive: true});
  return work;
}

const text = (dir: string, f: string) => readFile(join(dir, f), 'utf8');
const cert = async (dir: string, f: string) => new X509Certificate(await text(dir, f));
const kubeconfigUser = async (dir: string, f: string) =>
  (parse(await text(dir, f)) as {users: {user: Record<string, string>}[]}).users[0]!.user;
const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

describe('kubepki renew', () => {
  it('re-issues with the same subject, SANs, usages and key, a year from now, and updates the kubeconfig', async () => {
    const dir = await copy();
    const before = await text(dir, `${PKI}/apiserver.crt`);
    const adminBefore = await kubeconfigUser(dir, 'cp/etc/kubernetes/admin.conf');
    const r = await kubepki(['renew', 'apiserver', 'admin.conf', '--dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const after = await text(dir, `${PKI}/apiserver.crt`);
    expect(profileDifferences(readProfile(after), readProfile(before))).toEqual([]);
    const [x0, x1] = [new X509Certificate(before), new X509Certificate(after)];
    expect(x1.publicKey.equals(x0.publicKey)).toBe(true);
    expect(x1.checkIssued(await cert(dir, `${PKI}/ca.crt`))).toBe(true);
    expect(Date.parse(x1.validTo) - Date.parse(x0.validTo)).toBeGreaterThan(340 * DAY);
    expect(Math.abs(Date.parse(x1.validTo) - (Date.now() + 365 * DAY))).toBeLessThan(10 * 60_000);
    expect(Math.abs(Date.parse(x1.validFrom) - (Date.now() - 5 * 60_000))).toBeLessThan(60_000);
    // The kubeconfig: new certificate, same embedded key, same mode.
    const admin = await kubeconfigUser(dir, 'cp/etc/kubernetes/admin.conf');
    expect(admin['client-key-data']).toBe(adminBefore['client-key-data']);
    const adminCert = new X509Certificate(b64(admin['client-certificate-data']!));
    expect(adminCert.checkPrivateKey(createPrivateKey(b64(admin['client-key-data']!)))).toBe(true);
    expect(Date.parse(adminCert.validTo)).toBeGreaterThan(Date.now() + 360 * DAY);
    expect((await stat(join(dir, 'cp/etc/kubernetes/admin.conf'))).mode & 0o777).toBe(0o600);
    // What was not named is untouched; what reads the files is named with how to restart it.
    expect(await text(dir, `${PKI}/etcd/server.crt`)).toBe(await text(join(base, 'tree'), `${PKI}/etcd/server.crt`));
    expect(r.stdout).toMatch(/kube-apiserver \(cp\/etc\/kubernetes\/pki\/apiserver\.crt\)\n\s+mv \/etc\/kubernetes\/manifests\/kube-apiserver\.yaml .*sleep 20/);
    expect(r.stdout).toMatch(/~\/\.kube\/config/);
  });

  it('with --new-key gives a new key of the same algorithm, 0600, in the key file and the kubeconfig', async () => {
    const dir = await copy();
    const keyBefore = await text(dir, `${PKI}/apiserver.key`);
    const r = await kubepki(['renew', 'apiserver', 'scheduler.conf', '--dir', dir, '--new-key']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const key = await text(dir, `${PKI}/apiserver.key`);
    expect(key).not.toBe(keyBefore);
    expect(createPrivateKey(key).asymmetricKeyDetails?.modulusLength).toBe(createPrivateKey(keyBefore).asymmetricKeyDetails?.modulusLength);
    expect((await cert(dir, `${PKI}/apiserver.crt`)).checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect((await stat(join(dir, `${PKI}/apiserver.key`))).mode & 0o777).toBe(0o600);
    const sched = await kubeconfigUser(dir, 'cp/etc/kubernetes/scheduler.conf');
    const old = await kubeconfigUser(join(base, 'tree'), 'cp/etc/kubernetes/scheduler.conf');
    expect(sched['client-key-data']).not.toBe(old['client-key-data']);
    expect(new X509Certificate(b64(sched['client-certificate-data']!)).checkPrivateKey(createPrivateKey(b64(sched['client-key-data']!)))).toBe(true);
  });

  it('refuses a CA and an unknown name with one line and exit 2, writing nothing', async () => {
    const dir = await copy();
    const ca = await text(dir, `${PKI}/ca.crt`);
    const r = await kubepki(['renew', 'ca', '--dir', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^kubepki: "ca" is a certificate authority: kubepki renew re-issues leaf certificates only/);
    expect(await text(dir, `${PKI}/ca.crt`)).toBe(ca);
    const u = await kubepki(['renew', 'apiserver', 'nope', '--dir', dir]);
    expect(u.exitCode).toBe(2);
    expect(u.stderr).toMatch(/no certificate named "nope"/);
    // The hint names each certificate once, not once per node folder, and says how to pick one node's copy.
    const hint = u.stderr.split('\n').find((l) => l.includes('names found'))!;
    expect(hint).toMatch(/names found: .*\bapiserver\b.*\(or all\); put a node folder first for one node's copy, e\.g\. (cp|w1)\//);
    expect(hint.split('(or all)')[0]).not.toMatch(/\b(cp|w1)\//);
    expect(await text(dir, `${PKI}/apiserver.crt`)).toBe(await text(join(base, 'tree'), `${PKI}/apiserver.crt`));
  });

  it('--dry-run writes nothing', async () => {
    const dir = await copy();
    const r = await kubepki(['renew', 'all', '--dir', dir, '--dry-run']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Would renew/);
    expect(await text(dir, `${PKI}/apiserver.crt`)).toBe(await text(join(base, 'tree'), `${PKI}/apiserver.crt`));
  });

  it.skipIf(!hasBinary('openssl'))('renew all: openssl verify -x509_strict accepts every renewed leaf, and check has no finding left', async () => {
    const dir = await copy();
    const before = await kubepki(['check', dir, '--json']);
    const findings = (JSON.parse(before.stdout) as {findings: {code: string; path: string; hint: string}[]}).findings;
    // check names the exact command for each expiring leaf.
    const apiserver = findings.find((f) => f.code === 'cert-expiring' && f.path === `${PKI}/apiserver.crt`);
    expect(apiserver?.hint).toContain(`kubepki renew cp/apiserver --dir ${dir}`);
    expect(findings.find((f) => f.code === 'cert-expiring' && f.path === 'cp/etc/kubernetes/admin.conf')?.hint).toContain('kubepki renew cp/admin.conf');
    const r = await kubepki(['renew', 'all', '--dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    for (const [leaf, ca] of [['apiserver.crt', 'ca.crt'], ['etcd/peer.crt', 'etcd/ca.crt'], ['front-proxy-client.crt', 'front-proxy-ca.crt']]) {
      const v = await execa('openssl', ['verify', '-x509_strict', '-CAfile', join(dir, PKI, ca!), join(dir, PKI, leaf!)], {reject: false});
      expect(v.stdout + v.stderr).toMatch(/: OK$/m);
    }
    const after = await kubepki(['check', dir, '--json']);
    expect((JSON.parse(after.stdout) as {findings: {code: string}[]}).findings.filter((f) => f.code.startsWith('cert-expir'))).toEqual([]);
  });

  it('--plan renews to the plan: the added SAN is shown first, then carried, the key kept', async () => {
    const dir = await copy();
    const file = join(base, `plan-${n}.yaml`);
    await writeFile(file, planToYaml({...plan, apiServer: {certSANs: ['api.example.com']}}));
    const before = await cert(dir, `${PKI}/apiserver.crt`);
    const r = await kubepki(['renew', 'apiserver', '--dir', dir, '--plan', file]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.indexOf('to the plan: SAN DNS:api.example.com missing')).toBeLessThan(r.stdout.indexOf('Files written'));
    const after = await cert(dir, `${PKI}/apiserver.crt`);
    expect(after.subjectAltName).toContain('DNS:api.example.com');
    expect(after.subjectAltName).toContain(before.subjectAltName!);
    expect(after.publicKey.equals(before.publicKey)).toBe(true);
  });

  it('the hinted command, run as printed, renews exactly that certificate', async () => {
    const dir = await copy();
    const r = await kubepki(['renew', 'cp/apiserver', '--dir', dir]);
    expect(r.exitCode).toBe(0);
    expect(Date.parse((await cert(dir, `${PKI}/apiserver.crt`)).validTo)).toBeGreaterThan(Date.now() + 360 * DAY);
    expect(await text(dir, `${PKI}/apiserver-kubelet-client.crt`)).toBe(await text(join(base, 'tree'), `${PKI}/apiserver-kubelet-client.crt`));
  });
});

describe.skipIf(!hasBinary('kubectl'))('kubectl with renewed kubeconfigs', () => {
  it('the renewed admin.conf (same and new key) and the server’s renewed certificate still work', async () => {
    const dir = await copy();
    expect((await kubepki(['renew', 'apiserver', 'admin.conf', '--dir', dir])).exitCode).toBe(0);
    expect((await kubepki(['renew', 'super-admin.conf', '--dir', dir, '--new-key'])).exitCode).toBe(0);
    const stub = await startApiStub({cert: await text(dir, `${PKI}/apiserver.crt`), key: await text(dir, `${PKI}/apiserver.key`), clientCa: await text(dir, `${PKI}/ca.crt`)});
    try {
      for (const [file, cn] of [['admin.conf', 'kubernetes-admin'], ['super-admin.conf', 'kubernetes-super-admin']] as const) {
        const k = await execa('kubectl', ['--kubeconfig', join(dir, 'cp/etc/kubernetes', file), '--server', stub.url, 'get', '--raw', '/version'],
          {reject: false, timeout: 20_000});
        expect(k.exitCode, k.stderr).toBe(0);
        expect(stub.seen.at(-1)?.cn).toBe(cn);
      }
    } finally {
      await stub.close();
    }
  });
});
