// The forge-vs-openssl differential: the same CA, server leaf and client leaf made by the native
// builder and by the real openssl binary from a cnf must read back as identical Profiles.

import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildCertificate} from '../../src/x509/build.js';
import {generateKeys, generateRsaKey, type KeyMaterial} from '../../src/x509/keys.js';
import {certMatchesKey, compareProfiles, readProfile, type ReadProfile} from '../../src/x509/profile.js';
import {hasOpenssl, openssl, opensslVerify, tmpDir, type TmpDir} from '../support/openssl.js';
import {type NativeChain, type Spec, caSpec, clientSpec, nativeChain, profileFor, serverSpec} from './fixtures.js';

const withOpenssl = hasOpenssl();
const DAY = 24 * 3600_000;

const REQ = ['[req]', 'distinguished_name = dn', 'prompt = no', 'utf8 = yes', 'string_mask = utf8only'];
const LEAF_EXT = ['basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature, keyEncipherment'];
const CNF = {
  ca: [...REQ, '[dn]', 'CN = kubernetes', '[v3_ca]', 'basicConstraints = critical, CA:TRUE',
    'keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign', 'subjectKeyIdentifier = hash'],
  server: [...REQ, '[dn]', 'CN = kube-apiserver', '[v3_leaf]', ...LEAF_EXT, 'extendedKeyUsage = serverAuth',
    'subjectAltName = @alt_names', 'subjectKeyIdentifier = none', 'authorityKeyIdentifier = keyid',
    '[alt_names]', ...serverSpec.sans.dns.map((d, i) => `DNS.${i + 1} = ${d}`), ...serverSpec.sans.ips.map((ip, i) => `IP.${i + 1} = ${ip}`)],
  client: [...REQ, '[dn]', '1.O = g1', '2.O = g2', 'CN = system:node:node01', '[v3_leaf]', ...LEAF_EXT,
    'extendedKeyUsage = clientAuth', 'subjectKeyIdentifier = none', 'authorityKeyIdentifier = keyid'],
};

interface Made {
  ca: string;
  server: string;
  client: string;
}

let dir: TmpDir;
let keys: Map<string, KeyMaterial>;
const made: {openssl: Made; native: Made} = {openssl: {ca: '', server: '', client: ''}, native: {ca: '', server: '', client: ''}};

describe.skipIf(!withOpenssl)('native vs openssl', () => {
  beforeAll(async () => {
    dir = await tmpDir();
    keys = await generateKeys(['ca', 'server', 'client'].map((id) => ({id, alg: 'RSA-2048' as const})));
    const file = (name: string) => join(dir.path, name);
    for (const [id, key] of keys) await writeFile(file(`${id}.key`), key.privateKeyPem, {mode: 0o600});
    for (const [id, lines] of Object.entries(CNF)) await writeFile(file(`${id}.cnf`), `${lines.join('\n')}\n`);

    // Same keys, same moment, same 10-day validity on both sides.
    const now = new Date();
    await openssl(['req', '-x509', '-new', '-key', file('ca.key'), '-config', file('ca.cnf'), '-extensions', 'v3_ca', '-days', '10', '-out', file('ca.crt')]);
    for (const leaf of ['server', 'client']) {
      await openssl(['req', '-new', '-key', file(`${leaf}.key`), '-config', file(`${leaf}.cnf`), '-out', file(`${leaf}.csr`)]);
      await openssl(['x509', '-req', '-in', file(`${leaf}.csr`), '-CA', file('ca.crt'), '-CAkey', file('ca.key'),
        '-extfile', file(`${leaf}.cnf`), '-extensions', 'v3_leaf', '-days', '10', '-out', file(`${leaf}.crt`)]);
    }
    for (const id of ['ca', 'server', 'client'] as const) made.openssl[id] = await readFile(file(`${id}.crt`), 'utf8');

    const notAfter = new Date(now.getTime() + 10 * DAY);
    const key = (id: string) => keys.get(id)!;
    made.native.ca = buildCertificate({profile: profileFor(caSpec), publicKeyPem: key('ca').publicKeyPem, notBefore: now, notAfter, issuer: 'self', signingKeyPem: key('ca').privateKeyPem});
    const leaf = (id: string, spec: Spec) =>
      buildCertificate({profile: profileFor(spec), publicKeyPem: key(id).publicKeyPem, notBefore: now, notAfter, issuer: {certPem: made.native.ca, privateKeyPem: key('ca').privateKeyPem}});
    made.native.server = leaf('server', serverSpec);
    made.native.client = leaf('client', clientSpec);
  });
  afterAll(async () => {
    await dir?.cleanup();
  });

  it.each(['ca', 'server', 'client'] as const)('%s: compareProfiles(native, openssl) is empty', (id) => {
    expect(compareProfiles(readProfile(made.native[id]), readProfile(made.openssl[id]))).toEqual([]);
  });

  it('openssl leaves also carry issuer = CA subject bytes and AKI = CA SKI', () => {
    const ca = readProfile(made.openssl.ca);
    for (const id of ['server', 'client'] as const) {
      const leaf = readProfile(made.openssl[id]);
      expect(leaf.issuerDerHex).toBe(ca.subjectDerHex);
      expect(leaf.akiKeyIdHex).toBe(ca.skiHex);
    }
    // Same key, same SKI method: the two CAs are interchangeable.
    expect(readProfile(made.native.ca).skiHex).toBe(ca.skiHex);
    expect(readProfile(made.native.ca).subjectDerHex).toBe(ca.subjectDerHex);
  });

  it('leaves verify across backends: native leaf under the openssl CA and the other way round', async () => {
    const a = await opensslVerify(made.openssl.ca, made.native.server, 'sslserver');
    expect(a.ok, a.output).toBe(true);
    const b = await opensslVerify(made.native.ca, made.openssl.client, 'sslclient');
    expect(b.ok, b.output).toBe(true);
  });

  it('names what differs in a CA made the way older guides do', async () => {
    const cnf = join(dir.path, 'legacy.cnf');
    await writeFile(cnf, ['[req]', 'distinguished_name = dn', 'prompt = no', 'string_mask = default', '[dn]', 'CN = kubernetes',
      '[v3_ca]', 'basicConstraints = CA:TRUE, pathlen:0', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid:always, issuer:always', ''].join('\n'));
    const stdout = String((await openssl(['req', '-x509', '-new', '-key', join(dir.path, 'ca.key'), '-config', cnf, '-extensions', 'v3_ca', '-days', '30'])).stdout);
    expect(compareProfiles(readProfile(made.native.ca), readProfile(stdout))).toEqual([
      'subject[0].tag: UTF8String vs PrintableString',
      'issuer[0].tag: UTF8String vs PrintableString',
      'extensions: [basicConstraints(critical), keyUsage(critical), subjectKeyIdentifier] vs ' +
        '[basicConstraints, keyUsage(critical), subjectKeyIdentifier, authorityKeyIdentifier]',
      'basicConstraints: {critical: true, ca: true} vs {critical: false, ca: true, pathLen: 0}',
      'keyUsage: {critical: true, usages: [digitalSignature, keyEncipherment, keyCertSign]} vs {critical: true, usages: [keyCertSign, cRLSign]}',
      'authorityKeyIdentifier: absent vs {keyId: true, issuerSerial: true}',
      'validity: 864000s vs 2592000s',
    ]);
  });
});

describe('compareProfiles', () => {
  let chain: NativeChain;
  beforeAll(async () => {
    chain = await nativeChain();
  });
  const clone = (p: ReadProfile): ReadProfile => structuredClone(p);

  it('ignores serial, key and key-identifier values', () => {
    const a = readProfile(chain.server.certPem);
    const b = clone(a);
    b.serialHex = '01';
    b.akiKeyIdHex = 'ff';
    expect(compareProfiles(a, b)).toEqual([]);
  });

  it('names each field that differs', () => {
    const a = readProfile(chain.server.certPem);
    const b = clone(a);
    b.subject[0]!.tag = 'PrintableString';
    b.serialPositive = false;
    b.signatureAlgorithm = 'sha1WithRSAEncryption';
    b.san!.ips = ['10.96.0.1', '::1', 'fd00::1'];
    b.keyBits = 4096;
    b.authorityKeyId = {keyId: false, issuerSerial: true};
    expect(compareProfiles(a, b)).toEqual([
      'signatureAlgorithm: sha256WithRSAEncryption vs sha1WithRSAEncryption',
      'subject[0].tag: UTF8String vs PrintableString',
      'keyBits: 2048 vs 4096',
      'san.ips: [10.96.0.1, fd00::1, ::1] vs [10.96.0.1, ::1, fd00::1]',
      'authorityKeyIdentifier: {keyId: true, issuerSerial: false} vs {keyId: false, issuerSerial: true}',
      'serialPositive: true vs false',
    ]);
  });

  it('reports a DER-only difference in the name (RDN grouping) when the attributes agree', () => {
    const a = readProfile(chain.client.certPem);
    const b = clone(a);
    b.subjectDerHex = '00';
    expect(compareProfiles(a, b)).toEqual([`subjectDerHex: ${a.subjectDerHex} vs 00`]);
  });

  it('compares validity length and backdating within a tolerance (default 2 minutes)', () => {
    const a = readProfile(chain.server.certPem);
    const shifted = clone(a);
    shifted.notBefore = new Date(a.notBefore.getTime() + 90_000);
    shifted.notAfter = new Date(a.notAfter.getTime() + 90_000);
    expect(compareProfiles(a, shifted)).toEqual([]);
    const unbackdated = clone(a);
    unbackdated.notBefore = new Date(a.notBefore.getTime() + 5 * 60_000);
    expect(compareProfiles(a, unbackdated)).toEqual([
      `validity: ${(a.notAfter.getTime() - a.notBefore.getTime()) / 1000}s vs ${(a.notAfter.getTime() - a.notBefore.getTime()) / 1000 - 300}s`,
      `notBefore: ${a.notBefore.toISOString()} vs ${unbackdated.notBefore.toISOString()}`,
    ]);
    expect(compareProfiles(a, unbackdated, {validityToleranceMs: 10 * 60_000})).toEqual([]);
  });

  it('reports an extension present on one side only', () => {
    const a = readProfile(chain.client.certPem);
    const b = readProfile(chain.server.certPem);
    const diff = compareProfiles(a, b);
    expect(diff).toContain('san: absent vs {critical: false, dns: [kubernetes, kubernetes.default.svc.cluster.local, *.apps.example.com], ips: [10.96.0.1, fd00::1, ::1], other: []}');
    expect(diff).toContain('extKeyUsage: {critical: false, usages: [clientAuth]} vs {critical: false, usages: [serverAuth]}');
  });
});

describe('readProfile and certMatchesKey on awkward input', () => {
  let chain: NativeChain;
  let stranger: KeyMaterial;
  beforeAll(async () => {
    chain = await nativeChain();
    stranger = await generateRsaKey(2048);
  });

  it('accepts CRLF line endings and text around the block', () => {
    const crlf = `subject=CN = kubernetes\r\n${chain.ca.certPem.replace(/\n/g, '\r\n')}trailing words\n`;
    expect(readProfile(crlf).subject[0]!.value).toBe('kubernetes');
  });

  it.each([
    ['no PEM block', 'hello', /no "-----BEGIN CERTIFICATE-----"/],
    ['a private key instead', '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n', /no "-----BEGIN CERTIFICATE-----"/],
    ['bad base64', '-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n', /not valid base64/],
    ['no END line', '-----BEGIN CERTIFICATE-----\nAAAA\n', /no "-----END CERTIFICATE-----"/],
    ['DER that is not a certificate', '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n', /./],
  ])('throws on %s', (_, pem, message) => {
    expect(() => readProfile(pem as string)).toThrow(message as RegExp);
  });

  it('throws on a truncated certificate', () => {
    const lines = chain.ca.certPem.trim().split('\n');
    const cut = [...lines.slice(0, 5), lines[lines.length - 1]].join('\n');
    expect(() => readProfile(cut)).toThrow();
  });

  it('certMatchesKey tells its own key from a stranger and throws on an unreadable key', () => {
    expect(certMatchesKey(chain.client.certPem, chain.client.keyPem)).toBe(true);
    expect(certMatchesKey(chain.client.certPem, stranger.privateKeyPem)).toBe(false);
    expect(() => certMatchesKey(chain.client.certPem, 'not a key')).toThrow();
  });
});
