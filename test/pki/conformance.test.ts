// conformance(): certificates made by hand with openssl (the exam form, no backdate) against the specs of a real
// plan — a matching one is kept, each fault is named in openssl's words, expiry is a renewal, not a contradiction.

import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {conformance, expectedRows, opensslIp, type ConformanceInput} from '../../src/pki/conformance.js';
import {specById, type CertSpec} from '../../src/pki/model.js';
import {resolve} from '../../src/pki/resolve.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {claimKeys} from '../support/key-pool-core.mjs';
import {hasOpenssl, openssl, tmpDir, type TmpDir} from '../support/openssl.js';

const model = resolve(examplePlan('single'));
const apiserver = model.certs.find((c) => c.kind === 'apiserver')!;
const kubelet = model.certs.find((c) => c.kind === 'kubelet-client')!;
const ca = specById(model, 'ca');

let dir: TmpDir;
let n = 0;

/** A key from the pool, written to a file. */
function keyFile(): string {
  const path = join(dir.path, `k${n++}.key`);
  writeFileSync(path, claimKeys(2048, 1)[0]!, {mode: 0o600});
  return path;
}

/** A CA made with `openssl req -x509`, as the course does. */
async function makeCa(cn: string): Promise<{crt: string; key: string}> {
  const key = keyFile();
  const crt = join(dir.path, `${cn}.crt`);
  await openssl(['req', '-x509', '-new', '-key', key, '-subj', `/CN=${cn}`, '-days', '3650', '-out', crt,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign']);
  return {crt, key};
}

/** A leaf of `spec` made with the exam form, with `change` applied to what the plan says. */
async function makeLeaf(spec: CertSpec, signer: {crt: string; key: string}, change: {o?: string[]; dns?: string[]; ips?: string[]; days?: number} = {}) {
  const key = keyFile();
  const base = join(dir.path, `leaf${n++}`);
  const o = change.o ?? spec.subject.o;
  const dns = change.dns ?? spec.sans.dns;
  const ips = change.ips ?? spec.sans.ips;
  const san = [...dns.map((d) => `DNS:${d}`), ...ips.map((i) => `IP:${i}`)].join(',');
  writeFileSync(`${base}.ext`, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${spec.usages.join(',')}`,
    ...(san ? [`subjectAltName=${san}`] : []),
    'authorityKeyIdentifier=keyid',
    'subjectKeyIdentifier=none',
  ].join('\n'));
  await openssl(['req', '-new', '-key', key, '-subj', `${o.map((g) => `/O=${g}`).join('')}/CN=${spec.subject.cn}`, '-out', `${base}.csr`]);
  await openssl(['x509', '-req', '-in', `${base}.csr`, '-CA', signer.crt, '-CAkey', signer.key, '-days', String(change.days ?? 365),
    '-sha256', '-extfile', `${base}.ext`, '-out', `${base}.crt`]);
  return {certPem: readFileSync(`${base}.crt`, 'utf8'), keyPem: readFileSync(key, 'utf8')};
}

describe.skipIf(!hasOpenssl())('conformance', () => {
  let cluster: {crt: string; key: string};
  let other: {crt: string; key: string};
  const input = (spec: CertSpec, existing: ConformanceInput['existing'], now = new Date()): ConformanceInput => ({
    spec, issuer: ca, authorityPem: readFileSync(cluster.crt, 'utf8'), existing, now,
  });

  beforeAll(async () => {
    dir = await tmpDir('kubepki-conformance-');
    cluster = await makeCa('kubernetes');
    other = await makeCa('someone-else');
  });
  afterAll(() => dir.cleanup());

  it('keeps a certificate made by hand with openssl that says what the plan says', async () => {
    const leaf = await makeLeaf(apiserver, cluster);
    expect(conformance(input(apiserver, leaf))).toEqual({status: 'keep', differences: [], renewal: false});
  });

  it('names a missing SAN in openssl’s words, and one the plan does not have', async () => {
    const leaf = await makeLeaf(apiserver, cluster, {ips: [...apiserver.sans.ips.filter((ip) => ip !== '10.96.0.1'), '10.0.0.99']});
    const result = conformance(input(apiserver, leaf));
    expect(result.status).toBe('reissue-needed');
    expect(result.renewal).toBe(false);
    expect(result.differences.map((d) => d.text)).toEqual(['SAN IP:10.96.0.1 missing', 'SAN IP:10.0.0.99 not in the plan']);
  });

  it('names a wrong group as O, expected and found', async () => {
    const leaf = await makeLeaf(kubelet, cluster, {o: ['developers']});
    expect(conformance(input(kubelet, leaf)).differences.map((d) => d.text)).toEqual(['O system:nodes expected, found developers']);
  });

  it('a leaf signed by another CA, a key that does not match, a missing key', async () => {
    const foreign = await makeLeaf(kubelet, other);
    expect(conformance(input(kubelet, foreign)).differences.map((d) => d.text)).toEqual(['not signed by ca']);
    const mine = await makeLeaf(kubelet, cluster);
    expect(conformance(input(kubelet, {certPem: mine.certPem, keyPem: foreign.keyPem})).differences.map((d) => d.text)).toEqual(['key does not match the certificate']);
    expect(conformance(input(kubelet, {certPem: mine.certPem})).differences.map((d) => d.text)).toEqual(['key missing']);
    expect(conformance(input(kubelet, {certPem: 'junk', keyPem: mine.keyPem})).differences.map((d) => d.text)).toEqual(['not a certificate OpenSSL can read']);
  });

  it('a leaf within 30 days of expiry is a renewal; an expired one too; a different validity is a contradiction', async () => {
    const leaf = await makeLeaf(kubelet, cluster);
    const soon = new Date(Date.now() + 340 * 86_400_000);
    const result = conformance(input(kubelet, leaf, soon));
    expect(result.status).toBe('reissue-needed');
    expect(result.renewal).toBe(true);
    expect(result.differences[0]!.text).toMatch(/^expires on \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ, within 30 days$/);
    expect(conformance({...input(kubelet, leaf, new Date(Date.now() + 400 * 86_400_000))}).differences[0]!.text).toMatch(/^expired on /);
    expect(conformance({...input(kubelet, leaf, soon), warnDays: 10}).status).toBe('keep');
    const short = await makeLeaf(kubelet, cluster, {days: 90});
    const r = conformance(input(kubelet, short));
    expect(r.renewal).toBe(false);
    expect(r.differences.map((d) => d.text)).toEqual(['Validity 8760h expected, found 2160h']);
  });

  it('nothing on disk: create', () => {
    expect(conformance(input(kubelet, {})).status).toBe('create');
  });

  it('writes the rows as openssl prints them (IPv6 expanded and upper-case)', () => {
    expect(opensslIp('fd00::1')).toBe('FD00:0:0:0:0:0:0:1');
    const rows = new Map(expectedRows(apiserver, ca).map((r) => [r.field, r.value]));
    expect(rows.get('Key Usage')).toBe('critical, Digital Signature, Key Encipherment');
    expect(rows.get('Extended Key Usage')).toBe('TLS Web Server Authentication');
    expect(rows.get('Basic Constraints')).toBe('critical, CA:FALSE');
    expect(rows.get('O')).toBe('none');
    expect(rows.get('SAN')).toContain('IP:10.96.0.1');
  });
});
