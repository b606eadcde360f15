// `kubepki inspect` as a user runs it: text within 80 columns (wrapped, nothing cut), --json in the documented
// shape, and bad input (a missing path, a --ca that is no certificate) as one line and exit 2, no stack trace.

import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {InspectReport} from '../../src/inspect/report.js';
import {kubepki} from '../support/cli.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';
import {manifestText} from './fixtures.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('kubepki inspect', () => {
  let tmp: TmpDir;
  let out: string;
  beforeAll(async () => {
    tmp = await tmpDir('kubepki-inspect-cli-');
    out = join(tmp.path, 'pki');
    const plan = join(tmp.path, 'plan.yaml');
    await writeFile(plan, (await kubepki(['example', 'single'])).stdout);
    const r = await kubepki(['generate', '--plan', plan, '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    // generate wrote kubeadm's etcd.yaml; a hand-edited one with a typo replaces it.
    await mkdir(join(out, 'controlplane/etc/kubernetes/manifests'), {recursive: true});
    await writeFile(join(out, 'controlplane/etc/kubernetes/manifests/etcd.yaml'), manifestText('etcd', {
      '--cert-file': '/etc/kubernetes/pki/etcd/server.crt',
      '--key-file': '/etc/kubernetes/pki/etcd/server.key',
      '--trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt',
      '--peer-cert-file': '/etc/kubernetes/pki/etcd/peer.crt',
      '--peer-key-file': '/etc/kubernetes/pki/etcd/peeer.key',
    }));
  });
  afterAll(() => tmp.cleanup());

  it('shows a whole generated tree at a glance, one entry per file, within 80 columns', async () => {
    const r = await kubepki(['inspect', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const unwrapped = r.stdout.replace(/\n {2,}/g, ' ');
    expect(unwrapped).toMatch(/apiserver\.crt +CN=kube-apiserver: apiserver serving, 36[45]d left/);
    expect(unwrapped).toMatch(/kubelet\.conf +kubeconfig: kubelet client for controlplane, 36[45]d left → https:/);
    expect(unwrapped).toContain('static pod manifest (etcd): 5 TLS flags, MISSING: --peer-key-file');
    expect(unwrapped).toMatch(/ca\.key +private key RSA 2048 of cluster CA/);
    expect(r.stdout).toMatch(/Read \d+ files: /);
  });

  it('shows every field of the files it is given, wrapped at 80 columns and never cut', async () => {
    const pki = join(out, 'controlplane/etc/kubernetes/pki');
    const r = await kubepki(['inspect', join(pki, 'apiserver.crt'), join(out, 'controlplane/etc/kubernetes/manifests/etcd.yaml')]);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const unwrapped = r.stdout.replace(/\n {2,}/g, ' ');
    expect(unwrapped).toContain('DNS:kubernetes.default.svc.cluster.local');
    expect(r.stdout).toMatch(/Role {10}apiserver serving/);
    expect(r.stdout).toMatch(/SANs {10}DNS:.* -ext subjectAltName/);
    const fingerprint = /SHA-256 +(.*?) +-fingerprint -sha256\n((?: {16}.*\n)*)/.exec(r.stdout)!;
    expect(`${fingerprint[1]}${fingerprint[2]!.replace(/\s+/g, '')}`).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(unwrapped).toContain('etcd serves with etcd/server.crt (etcd server for controlplane), key etcd/server.key');
    expect(unwrapped).toMatch(/--peer-key-file \/etc\/kubernetes\/pki\/etcd\/peeer\.key → MISSING/);
  });

  it('prints one JSON object per file with ISO dates and no key material', async () => {
    const r = await kubepki(['inspect', '--json', join(out, 'controlplane/etc/kubernetes/pki'), join(out, 'controlplane/etc/kubernetes/admin.conf')]);
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as InspectReport;
    expect(report.at).toMatch(ISO);
    const certs = report.files.flatMap((f) => (f.kind === 'certificate' ? f.certificates : []));
    expect(certs.length).toBeGreaterThan(5);
    for (const c of certs) {
      expect(c.notBefore).toMatch(ISO);
      expect(c.notAfter).toMatch(ISO);
    }
    const key = await readFile(join(out, 'controlplane/etc/kubernetes/pki/ca.key'), 'utf8');
    expect(r.stdout).not.toContain(key.split('\n')[2]);
    const kubeconfig = await readFile(join(out, 'controlplane/etc/kubernetes/admin.conf'), 'utf8');
    const keyData = /client-key-data: (\S+)/.exec(kubeconfig)![1]!;
    expect(r.stdout).not.toContain(keyData.slice(0, 40));
    expect(r.stdout).not.toContain(Buffer.from(keyData, 'base64').toString().split('\n')[2]);
  });

  it('exits 2 with one line for a path that does not exist', async () => {
    const r = await kubepki(['inspect', join(out, 'nope.crt')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`kubepki: ${join(out, 'nope.crt')}: no such file or folder`]);
    expect(r.stdout).toBe('');
  });

  it('exits 2 for a --ca that holds no certificate, and without a path', async () => {
    const r = await kubepki(['inspect', 'localhost:1', '--ca', join(out, 'controlplane/etc/kubernetes/pki/ca.key')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('holds no PEM certificate');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await kubepki(['inspect'])).exitCode).toBe(2);
  });

  it('is listed in --help', async () => {
    const r = await kubepki(['--help']);
    expect(r.stdout).toMatch(/inspect +read certificates/);
  });
});
