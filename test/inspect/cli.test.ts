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
    await mkdir(join(out, 'controlplane/etc/kubernetes/manifests'));
    await writeFile(join(out, 'controlplane/etc/kubernetes/manifests/etcd.yaml'), manifestText('etcd', {
      '--cert-file': '/etc/kubernetes/pki/etcd/server.crt',
      '--key-file': '/etc/kubernetes/pki/etcd/server.key',
      '--trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt',
      '--peer-cert-file': '/etc/kubernetes/pki/etcd/peer.crt',
      '--peer-key-file': '/etc/kubernetes/pki/etcd/peeer.key',
    }));
  });
  afterAll(() => tmp.cleanup());

  it('reads a whole generated tree in lines of at most 80 columns, every value shown in full', async () => {
    const r = await kubepki(['inspect', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    const apiserver = await readFile(join(out, 'controlplane/etc/kubernetes/pki/apiserver.crt'), 'utf8');
    expect(apiserver).toContain('BEGIN CERTIFICATE');
    // Wrapped, not cut: the longest SAN and the whole fingerprint are there once the wrapping is undone.
    const unwrapped = r.stdout.replace(/\n {2,}/g, ' ');
    expect(unwrapped).toContain('DNS:kubernetes.default.svc.cluster.local');
    expect(r.stdout).toMatch(/Role {10}apiserver serving/);
    expect(unwrapped).toContain('etcd serves with etcd/server.crt (etcd server for controlplane), key etcd/server.key');
    expect(unwrapped).toMatch(/--peer-key-file \/etc\/kubernetes\/pki\/etcd\/peeer\.key → MISSING/);
    expect(r.stdout).toMatch(/Read \d+ files: /);
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
