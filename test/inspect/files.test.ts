// inspect on single files made by openssl: each kind recognised by content (PEM, DER, bundles, CSRs, keys in
// every format, encrypted keys), a name that lies, an EC certificate, and every field equal to what openssl prints.

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inspectPaths} from '../../src/inspect/inspect.js';
import type {CertificateSummary, FileReport} from '../../src/inspect/report.js';
import {hasOpenssl, openssl, tmpDir, type TmpDir} from '../support/openssl.js';
import {opensslFixture, type Fixture} from './fixtures.js';

const run = hasOpenssl() ? describe : describe.skip;

run('inspect on files made by openssl', () => {
  let tmp: TmpDir;
  let fx: Fixture;
  const p = (rel: string) => join(fx.dir, rel);
  const one = async (rel: string, opts = {}): Promise<FileReport> => (await inspectPaths([p(rel)], opts)).files[0]!;
  const cert = (f: FileReport, i = 0): CertificateSummary => {
    if (f.kind !== 'certificate') throw new Error(`expected a certificate, got ${f.kind}`);
    return f.certificates[i]!;
  };
  const opensslOut = async (args: string[]) => String((await openssl(args)).stdout).trim();

  beforeAll(async () => {
    tmp = await tmpDir('kubepki-inspect-');
    fx = await opensslFixture(tmp.path);
    await fx.key('apiserver.key');
    await fx.leaf('apiserver.crt', 'apiserver.key', {subj: '/CN=kube-apiserver', eku: 'serverAuth',
      sans: 'DNS:kubernetes, DNS:kubernetes.default.svc.cluster.local, IP:10.96.0.1, IP:192.168.56.11'});
    await fx.key('john.key');
    await fx.leaf('john.crt', 'john.key', {subj: '/O=developers/O=qa/CN=john', eku: 'clientAuth'});
    await openssl(['x509', '-in', p('apiserver.crt'), '-outform', 'DER', '-out', p('apiserver.der')]);
    await fx.write('bundle.crt', (await readFile(p('john.crt'), 'utf8')) + (await readFile(p('ca.crt'), 'utf8')));
    await fx.write('lies.crt', await readFile(p('john.key'), 'utf8'));
    await openssl(['pkey', '-in', p('john.key'), '-out', p('john-pkcs8.key')]);
    await openssl(['pkey', '-in', p('john.key'), '-pubout', '-out', p('john.pub')]);
    await openssl(['pkey', '-in', p('john.key'), '-outform', 'DER', '-out', p('john-key.der')]);
    await openssl(['pkey', '-in', p('john.key'), '-aes256', '-passout', 'pass:secret', '-out', p('encrypted.key')]);
    await openssl(['req', '-new', '-key', p('john.key'), '-subj', '/O=developers/CN=john', '-addext', 'subjectAltName=DNS:john.example', '-out', p('john.csr')]);
    await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-out', p('ec.key')]);
    await openssl(['req', '-x509', '-new', '-key', p('ec.key'), '-subj', '/CN=etcd-ca', '-days', '30', '-out', p('ec.crt'),
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign']);
    await fx.write('notes.txt', 'just words\n');
  });
  afterAll(() => tmp.cleanup());

  it('reads a PEM certificate field by field as openssl does', async () => {
    const c = cert(await one('apiserver.crt'));
    expect(c.subject).toEqual({cn: 'kube-apiserver', o: [], text: 'CN=kube-apiserver'});
    expect(c.issuer.cn).toBe('kubernetes');
    expect(c.sans).toEqual({dns: ['kubernetes', 'kubernetes.default.svc.cluster.local'], ips: ['10.96.0.1', '192.168.56.11'], other: []});
    expect(`sha256 Fingerprint=${c.fingerprintSha256}`).toBe(await opensslOut(['x509', '-in', p('apiserver.crt'), '-noout', '-fingerprint', '-sha256']));
    expect(`serial=${c.serialHex.toUpperCase()}`).toBe(await opensslOut(['x509', '-in', p('apiserver.crt'), '-noout', '-serial']));
    const enddate = (await opensslOut(['x509', '-in', p('apiserver.crt'), '-noout', '-enddate'])).replace('notAfter=', '');
    expect(new Date(c.notAfter).getTime()).toBe(new Date(enddate).getTime());
    expect(c.key).toMatchObject({algorithm: 'RSA', bits: 2048});
    expect(c.extKeyUsage?.usages).toEqual(['serverAuth']);
    expect(c.keyUsage).toEqual({critical: true, usages: ['digitalSignature', 'keyEncipherment']});
    expect(c.isCA).toBe(false);
    expect(c.validity.state).toBe('valid');
    expect(c.validity.text).toMatch(/^36[45]d$/);
    expect(c.role).toMatchObject({kind: 'apiserver', text: 'apiserver serving'});
  });

  it('gives, beside each field, an openssl command that prints it', async () => {
    const c = cert(await one('apiserver.crt'));
    const sh = async (command: string) => String((await execa('sh', ['-c', command])).stdout);
    expect(await sh(c.openssl.sans!)).toContain('DNS:kubernetes.default.svc.cluster.local');
    expect(await sh(c.openssl.subject!)).toContain('kube-apiserver');
    expect(await sh(c.openssl.issuer!)).toContain('kubernetes');
    expect(await sh(c.openssl.dates!)).toContain('notAfter=');
    expect(await sh(c.openssl.fingerprint!)).toContain(c.fingerprintSha256);
  });

  it('reads a DER certificate like its PEM twin, with -inform DER in the commands', async () => {
    const der = await one('apiserver.der');
    expect(der).toMatchObject({kind: 'certificate', format: 'der'});
    expect(cert(der).fingerprintSha256).toBe(cert(await one('apiserver.crt')).fingerprintSha256);
    expect(cert(der).openssl.subject).toContain('-inform DER');
    expect(String((await execa('sh', ['-c', cert(der).openssl.subject!])).stdout)).toContain('kube-apiserver');
  });

  it('reads every certificate of a bundle, each with its role', async () => {
    const f = await one('bundle.crt');
    if (f.kind !== 'certificate') throw new Error(f.kind);
    expect(f.certificates.map((c) => c.role.text)).toEqual(['user john in developers, qa', 'cluster CA']);
    expect(f.certificates[1]!.openssl.all).toContain('storeutl');
  });

  it('reads an EC certificate: curve, size, CA flag and path length', async () => {
    const c = cert(await one('ec.crt'));
    expect(c.key).toMatchObject({algorithm: 'EC', bits: 256, curve: 'P-256'});
    expect(c.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(c.basicConstraints).toEqual({critical: true, ca: true, pathLen: 0});
    expect(c.selfIssued).toBe(true);
  });

  it('says when a name lies: a .crt that holds a private key', async () => {
    const f = await one('lies.crt');
    expect(f).toMatchObject({kind: 'private-key', nameSays: 'certificate', nameLies: true});
    expect((await one('john.key')).nameLies).toBe(false);
  });

  it('reads keys in every format and pairs each with its certificate, never printing key material', async () => {
    const report = await inspectPaths(['john.key', 'john-pkcs8.key', 'john-key.der', 'john.pub', 'ec.key', 'john.crt'].map(p));
    const formats = report.files.map((f) => (f.kind === 'private-key' || f.kind === 'public-key' ? `${f.kind}:${f.key.format}` : f.kind));
    expect(formats).toEqual(['private-key:pkcs1', 'private-key:pkcs8', 'private-key:pkcs1', 'public-key:spki', 'private-key:sec1', 'certificate']);
    for (const f of report.files.slice(0, 4)) {
      if (f.kind !== 'private-key' && f.kind !== 'public-key') throw new Error(f.kind);
      expect(f.key.matches.map((m) => m.path)).toContain(p('john.crt'));
    }
    const ec = report.files[4]!;
    // Given alone, a key is paired with the certificates in its own folder.
    expect(ec.kind === 'private-key' && ec.key).toMatchObject({algorithm: 'EC', curve: 'P-256', matches: [{path: p('ec.crt'), role: 'etcd CA'}]});
    const keyBody = (await readFile(p('john.key'), 'utf8')).split('\n')[1]!;
    expect(JSON.stringify(report)).not.toContain(keyBody);
  });

  it('says a key is encrypted without opening it', async () => {
    const f = await one('encrypted.key');
    expect(f).toMatchObject({kind: 'private-key', key: {encrypted: true, format: 'pkcs8'}});
  });

  it('reads a CSR: subject, requested SANs, key and role', async () => {
    const f = await one('john.csr');
    if (f.kind !== 'csr') throw new Error(f.kind);
    expect(f.csr.subject).toMatchObject({cn: 'john', o: ['developers']});
    expect(f.csr.sans.dns).toEqual(['john.example']);
    expect(f.csr.key).toMatchObject({algorithm: 'RSA', bits: 2048});
    expect(f.csr.role.text).toBe('user john in developers');
    expect(String((await execa('sh', ['-c', f.csr.openssl])).stdout)).toContain('CN = john');
  });

  it('measures time left from the report time: expired, and not yet valid', async () => {
    const later = cert(await one('apiserver.crt', {now: new Date(Date.now() + 400 * 86_400_000)}));
    expect(later.validity.state).toBe('expired');
    expect(later.validity.text).toMatch(/^expired 3[45]d ago$/);
    expect(cert(await one('apiserver.crt', {now: new Date(Date.now() - 86_400_000)})).validity.state).toBe('not-yet-valid');
  });

  it('calls other files what they are, and a missing path a problem', async () => {
    const report = await inspectPaths([p('notes.txt'), p('nope.crt')]);
    expect(report.files[0]).toMatchObject({kind: 'unknown'});
    expect(report.problems).toEqual([{path: p('nope.crt'), problem: 'no such file or folder'}]);
  });
});
