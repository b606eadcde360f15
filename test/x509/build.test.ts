// The native builder's certificates, judged by real OpenSSL (`verify -x509_strict`), node:crypto's
// X509Certificate and our own DER-level profile reader, never by forge.

import {X509Certificate, createHash, createPrivateKey, createPublicKey, generateKeyPairSync} from 'node:crypto';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {CertCheckError, buildCertificate, selfCheck, subjectKeyIdentifier, type BuildInput} from '../../src/x509/build.js';
import {generateRsaKey, type KeyMaterial} from '../../src/x509/keys.js';
import {derToPem, pemToDer} from '../../src/x509/pem.js';
import {readProfile} from '../../src/x509/profile.js';
import {hasOpenssl, openssl, opensslVerify, tmpDir} from '../support/openssl.js';
import {caSpec, clientSpec, nativeChain, profileFor, serverSpec, type NativeChain} from './fixtures.js';

const withOpenssl = hasOpenssl();
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

let chain: NativeChain;
let spare: KeyMaterial;
beforeAll(async () => {
  chain = await nativeChain();
  spare = await generateRsaKey(2048);
});

describe('openssl verify -x509_strict', () => {
  it.skipIf(!withOpenssl)('accepts the CA as its own trust anchor', async () => {
    const r = await opensslVerify(chain.ca.certPem, chain.ca.certPem);
    expect(r.ok, r.output).toBe(true);
  });

  it.skipIf(!withOpenssl)('accepts the server leaf for sslserver and refuses it for sslclient', async () => {
    const server = await opensslVerify(chain.ca.certPem, chain.server.certPem, 'sslserver');
    expect(server.ok, server.output).toBe(true);
    // Proves -purpose is really checked: the leaf's EKU is serverAuth only.
    const client = await opensslVerify(chain.ca.certPem, chain.server.certPem, 'sslclient');
    expect(client.ok).toBe(false);
    expect(client.output).toMatch(/error 26 .*unsuitable certificate purpose/);
  });

  it.skipIf(!withOpenssl)('accepts the client leaf for sslclient', async () => {
    const r = await opensslVerify(chain.ca.certPem, chain.client.certPem, 'sslclient');
    expect(r.ok, r.output).toBe(true);
  });

  it.skipIf(!withOpenssl)('refuses a leaf against a different CA with the same name', async () => {
    const other = buildCertificate({
      profile: profileFor(caSpec),
      publicKeyPem: spare.publicKeyPem,
      notBefore: chain.notBefore,
      notAfter: chain.notAfter,
      issuer: 'self',
      signingKeyPem: spare.privateKeyPem,
    });
    const r = await opensslVerify(other, chain.server.certPem, 'sslserver');
    expect(r.ok).toBe(false);
  });
});

describe('node:crypto X509Certificate', () => {
  it('sees a CA that issued itself', () => {
    const ca = new X509Certificate(chain.ca.certPem);
    expect(ca.ca).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.subject).toBe('CN=kubernetes');
  });

  it('matches the server leaf against DNS names, a wildcard and IPv4/IPv6 addresses', () => {
    const ca = new X509Certificate(chain.ca.certPem);
    const leaf = new X509Certificate(chain.server.certPem);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('kubernetes')).toBe('kubernetes');
    expect(leaf.checkHost('kubernetes.default.svc.cluster.local')).toBeDefined();
    expect(leaf.checkHost('web.apps.example.com')).toBe('*.apps.example.com');
    expect(leaf.checkHost('a.web.apps.example.com')).toBeUndefined();
    expect(leaf.checkHost('kube-apiserver')).toBeUndefined(); // the CN is not a hostname
    for (const ip of ['10.96.0.1', 'fd00::1', '::1', 'FD00:0:0:0:0:0:0:1']) expect(leaf.checkIP(ip), ip).toBeDefined();
    expect(leaf.checkIP('10.96.0.2')).toBeUndefined();
    expect(leaf.checkIP('fd00::2')).toBeUndefined();
    // Node 20 calls the extended key usages `keyUsage`.
    expect(leaf.keyUsage).toEqual([SERVER_AUTH]);
  });

  it('reads the client subject as O, O, CN and clientAuth only', () => {
    const leaf = new X509Certificate(chain.client.certPem);
    expect(leaf.subject).toBe('O=g1\nO=g2\nCN=system:node:node01');
    expect(leaf.issuer).toBe('CN=kubernetes');
    expect(leaf.keyUsage).toEqual([CLIENT_AUTH]);
    expect(leaf.subjectAltName).toBeUndefined();
    expect(leaf.checkPrivateKey(createPrivateKey(chain.client.keyPem))).toBe(true);
  });
});

describe('certificate profile', () => {
  it('CA: v3, sha256WithRSA, UTF8String CN, critical BC/KU with keyCertSign, SKI = sha1(RSAPublicKey), no AKI or EKU', () => {
    const p = readProfile(chain.ca.certPem);
    expect(p.version).toBe(3);
    expect(p.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(p.subject).toEqual([{type: 'CN', value: 'kubernetes', tag: 'UTF8String'}]);
    expect(p.issuerDerHex).toBe(p.subjectDerHex);
    expect(p.extensions.map((e) => [e.name, e.critical])).toEqual([
      ['basicConstraints', true],
      ['keyUsage', true],
      ['subjectKeyIdentifier', false],
    ]);
    expect(p.basicConstraints).toEqual({critical: true, ca: true});
    expect(p.keyUsage).toEqual({critical: true, usages: ['digitalSignature', 'keyEncipherment', 'keyCertSign']});
    expect(p.extKeyUsage).toBeUndefined();
    expect(p.san).toBeUndefined();
    expect(p.akiKeyIdHex).toBeUndefined();
    const rsaPublicKey = createPublicKey(chain.ca.certPem).export({type: 'pkcs1', format: 'der'});
    expect(p.skiHex).toBe(createHash('sha1').update(rsaPublicKey).digest('hex'));
    expect(p.keyType).toBe('rsa');
    expect(p.keyBits).toBe(2048);
  });

  it('server leaf: SANs DNS then IP in order, IPv6 as 16 bytes, serverAuth, AKI keyid = CA SKI only', () => {
    const ca = readProfile(chain.ca.certPem);
    const p = readProfile(chain.server.certPem);
    expect(p.issuerDerHex).toBe(ca.subjectDerHex);
    expect(p.extensions.map((e) => [e.name, e.critical])).toEqual([
      ['basicConstraints', true],
      ['keyUsage', true],
      ['extKeyUsage', false],
      ['subjectAltName', false],
      ['authorityKeyIdentifier', false],
    ]);
    expect(p.basicConstraints).toEqual({critical: true, ca: false});
    expect(p.keyUsage).toEqual({critical: true, usages: ['digitalSignature', 'keyEncipherment']});
    expect(p.extKeyUsage).toEqual({critical: false, usages: ['serverAuth']});
    expect(p.san).toEqual({critical: false, dns: serverSpec.sans.dns, ips: serverSpec.sans.ips, other: []});
    expect(p.skiHex).toBeUndefined();
    expect(p.akiKeyIdHex).toBe(ca.skiHex);
    expect(p.authorityKeyId).toEqual({keyId: true, issuerSerial: false});
    // Raw bytes: fd00::1 is 16 octets behind the [7] tag, ::1 likewise.
    const der = pemToDer(chain.server.certPem).toString('hex');
    expect(der).toContain(`8710fd00${'00'.repeat(13)}01`);
    expect(der).toContain(`8710${'00'.repeat(15)}01`);
    expect(der).toContain('87040a600001');
  });

  it('client leaf: O g1, O g2, CN with colons, all UTF8String; no SAN extension', () => {
    const p = readProfile(chain.client.certPem);
    expect(p.subject).toEqual([
      {type: 'O', value: 'g1', tag: 'UTF8String'},
      {type: 'O', value: 'g2', tag: 'UTF8String'},
      {type: 'CN', value: 'system:node:node01', tag: 'UTF8String'},
    ]);
    expect(p.extKeyUsage).toEqual({critical: false, usages: ['clientAuth']});
    expect(p.extensions.map((e) => e.name)).toEqual(['basicConstraints', 'keyUsage', 'extKeyUsage', 'authorityKeyIdentifier']);
  });

  it('serials are positive, minimal, 16 bytes with the first byte in 0x40–0x7f, and differ', () => {
    const serials = [chain.ca, chain.server, chain.client].map((c) => readProfile(c.certPem));
    for (const p of serials) {
      expect(p.serialPositive).toBe(true);
      expect(p.serialHex).toMatch(/^[4-7][0-9a-f]{31}$/);
    }
    expect(new Set(serials.map((p) => p.serialHex)).size).toBe(3);
  });

  it('keeps notBefore/notAfter to the second and writes LF-only PEM', () => {
    const p = readProfile(chain.server.certPem);
    expect(p.notBefore.getTime()).toBe(Math.floor(chain.notBefore.getTime() / 1000) * 1000);
    expect(p.notAfter.getTime()).toBe(Math.floor(chain.notAfter.getTime() / 1000) * 1000);
    for (const c of [chain.ca, chain.server, chain.client]) {
      expect(c.certPem).not.toContain('\r');
      expect(c.certPem).toMatch(/^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
    }
  });

  it('writes the CA SAN after keyUsage and before the SKI when a CA spec has one (kubeadm: DNS:<CN>)', () => {
    const pem = buildCertificate({
      profile: profileFor({...caSpec, sans: {dns: ['kubernetes'], ips: []}, usages: ['serverAuth']}),
      publicKeyPem: spare.publicKeyPem,
      notBefore: chain.notBefore,
      notAfter: chain.notAfter,
      issuer: 'self',
      signingKeyPem: spare.privateKeyPem,
    });
    const p = readProfile(pem);
    // usages on a CA are ignored: Go would nest a CA's EKU into every leaf it signs.
    expect(p.extensions.map((e) => e.name)).toEqual(['basicConstraints', 'keyUsage', 'subjectAltName', 'subjectKeyIdentifier']);
    expect(p.skiHex).toBe(subjectKeyIdentifier(spare.publicKeyPem).toString('hex'));
  });
});

describe('issuer name', () => {
  it.skipIf(!withOpenssl)('copies a PrintableString CA subject byte for byte (Go chains on raw bytes)', async () => {
    const dir = await tmpDir();
    try {
      const cnf = join(dir.path, 'ca.cnf');
      const keyFile = join(dir.path, 'ca.key');
      await writeFile(keyFile, spare.privateKeyPem);
      await writeFile(
        cnf,
        [
          '[req]', 'distinguished_name = dn', 'prompt = no', 'string_mask = default',
          '[dn]', 'C = DE', 'O = Example Org', 'CN = Example Root CA',
          '[v3_ca]', 'basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign',
          'subjectKeyIdentifier = hash', '',
        ].join('\n'),
      );
      const caPem = String((await openssl(['req', '-x509', '-new', '-key', keyFile, '-config', cnf, '-extensions', 'v3_ca', '-days', '10'])).stdout);
      const ca = readProfile(caPem);
      expect(ca.subject.map((a) => a.tag)).toEqual(['PrintableString', 'PrintableString', 'PrintableString']);
      const leafPem = buildCertificate({
        profile: profileFor(serverSpec),
        publicKeyPem: chain.keys.get('server')!.publicKeyPem,
        notBefore: chain.notBefore,
        notAfter: new Date(Date.now() + 5 * 24 * 3600_000),
        issuer: {certPem: `${caPem}\n`, privateKeyPem: spare.privateKeyPem},
      });
      const leaf = readProfile(leafPem);
      expect(leaf.issuerDerHex).toBe(ca.subjectDerHex);
      expect(leaf.akiKeyIdHex).toBe(ca.skiHex);
      const r = await opensslVerify(`${caPem}\n`, leafPem, 'sslserver');
      expect(r.ok, r.output).toBe(true);
    } finally {
      await dir.cleanup();
    }
  });

  it.skipIf(!withOpenssl)('copies a CA subject with a multi-valued RDN byte for byte, and openssl chains on it', async () => {
    const dir = await tmpDir();
    try {
      const keyFile = join(dir.path, 'ca.key');
      const cnf = join(dir.path, 'ca.cnf');
      await writeFile(keyFile, spare.privateKeyPem);
      await writeFile(cnf, ['[req]', 'distinguished_name = dn', '[dn]', '[v3_ca]', 'basicConstraints = critical, CA:TRUE',
        'keyUsage = critical, keyCertSign', 'subjectKeyIdentifier = hash', ''].join('\n'));
      const caPem = String((await openssl(['req', '-x509', '-new', '-key', keyFile, '-config', cnf, '-subj', '/O=b+CN=a',
        '-extensions', 'v3_ca', '-days', '2'])).stdout);
      const leafPem = buildCertificate({
        profile: profileFor(clientSpec),
        publicKeyPem: chain.keys.get('client')!.publicKeyPem,
        notBefore: chain.notBefore,
        notAfter: new Date(Date.now() + 24 * 3600_000),
        issuer: {certPem: caPem, privateKeyPem: spare.privateKeyPem},
      });
      expect(readProfile(leafPem).issuerDerHex).toBe(readProfile(caPem).subjectDerHex);
      const r = await opensslVerify(caPem, leafPem, 'sslclient');
      expect(r.ok, r.output).toBe(true);
    } finally {
      await dir.cleanup();
    }
  });
});

describe('selfCheck', () => {
  it('passes for the CA and both leaves', () => {
    expect(() => selfCheck(chain.ca.certPem, chain.ca.certPem, chain.ca.keyPem)).not.toThrow();
    expect(() => selfCheck(chain.server.certPem, chain.ca.certPem, chain.server.keyPem)).not.toThrow();
    expect(() => selfCheck(chain.client.certPem, chain.ca.certPem, chain.client.keyPem)).not.toThrow();
  });

  it('names checkIssued when the issuer is another certificate', () => {
    expect(checkFailure(() => selfCheck(chain.server.certPem, chain.client.certPem, chain.server.keyPem))).toEqual([
      'checkIssued',
      expect.stringContaining('was not issued by O=g1, O=g2, CN=system:node:node01'),
    ]);
  });

  it('names verify when the signature is tampered with', () => {
    const der = pemToDer(chain.server.certPem);
    der.writeUInt8(der.at(-1)! ^ 0x01, der.length - 1);
    expect(checkFailure(() => selfCheck(derToPem(der), chain.ca.certPem, chain.server.keyPem))[0]).toBe('verify');
  });

  it('names checkPrivateKey when the key belongs to someone else', () => {
    expect(checkFailure(() => selfCheck(chain.server.certPem, chain.ca.certPem, chain.client.keyPem))).toEqual([
      'checkPrivateKey',
      'the private key does not belong to CN=kube-apiserver',
    ]);
  });

  it('names parse for unreadable input', () => {
    expect(checkFailure(() => selfCheck('nonsense', chain.ca.certPem, chain.server.keyPem))[0]).toBe('parse');
  });
});

describe('buildCertificate refuses', () => {
  const base = (): BuildInput => ({
    profile: profileFor(serverSpec),
    publicKeyPem: chain.keys.get('server')!.publicKeyPem,
    notBefore: chain.notBefore,
    notAfter: chain.notAfter,
    issuer: {certPem: chain.ca.certPem, privateKeyPem: chain.ca.keyPem},
  });
  const withSans = (ips: string[], dns: string[] = []): BuildInput => ({...base(), profile: profileFor({...serverSpec, sans: {dns, ips}})});

  it.each([
    ['a name that is not an IP', ['not-an-ip'], [], /sans\.ips\[0\]/],
    ['an out-of-range octet', ['10.0.0.256'], [], /not an IP address/],
    ['a leading zero', ['010.0.0.1'], [], /not an IP address/],
    ['a CIDR', ['10.0.0.0/24'], [], /not an IP address/],
    ['a zone index', ['fe80::1%eth0'], [], /not an IP address/],
    ['an IPv4-mapped IPv6 address', ['::ffff:10.0.0.1'], [], /IPv4-mapped/],
    ['a non-ASCII DNS name', [], ['ünï.example'], /not an ASCII DNS name/],
    ['a DNS name with a space', [], ['a b'], /not an ASCII DNS name/],
  ])('%s in the SANs', (_, ips, dns, message) => {
    expect(() => buildCertificate(withSans(ips as string[], dns as string[]))).toThrow(message as RegExp);
  });

  it('an empty, over-long or control-character subject value', () => {
    const subject = (o: string[], cn: string): BuildInput => ({...base(), profile: profileFor({...serverSpec, subject: {o, cn}})});
    expect(() => buildCertificate(subject([], ''))).toThrow(/subject\[0\] \(CN\) is empty/);
    expect(() => buildCertificate(subject([], 'x'.repeat(65)))).toThrow(/65 characters/);
    expect(() => buildCertificate(subject(['ok', 'a\u0000b'], 'cn'))).toThrow(/subject\[1\] \(O\) contains a control character/);
    expect(() => buildCertificate(subject([], '\uD800'))).toThrow(/well-formed/);
    // 64 characters of multi-byte UTF-8 still fit: the bound is characters, not bytes.
    expect(() => buildCertificate(subject([], 'é'.repeat(64)))).not.toThrow();
  });

  it('impossible or inverted validity', () => {
    expect(() => buildCertificate({...base(), notBefore: new Date(NaN)})).toThrow(/notBefore is not a valid date/);
    expect(() => buildCertificate({...base(), notAfter: chain.notBefore})).toThrow(/is not after/);
    expect(() => buildCertificate({...base(), notAfter: new Date(Date.UTC(10000, 0, 1))})).toThrow(/outside 1950–9999/);
  });

  it('a self-signed leaf, a missing CA key, and a CA key that does not match', () => {
    const selfSigned = {...base(), issuer: 'self' as const, signingKeyPem: chain.keys.get('server')!.privateKeyPem};
    expect(() => buildCertificate(selfSigned)).toThrow(/only a CA can be self-signed/);
    expect(() => buildCertificate({...base(), profile: profileFor(caSpec), issuer: 'self'})).toThrow(/needs signingKeyPem/);
    expect(() => buildCertificate({...base(), profile: profileFor(caSpec), issuer: 'self', signingKeyPem: spare.privateKeyPem})).toThrow(
      /not the private key of publicKeyPem/,
    );
    expect(() => buildCertificate({...base(), issuer: {certPem: chain.ca.certPem, privateKeyPem: spare.privateKeyPem}})).toThrow(
      /not the key of CA CN=kubernetes/,
    );
  });

  it('an issuer that is not a CA', () => {
    expect(() => buildCertificate({...base(), issuer: {certPem: chain.client.certPem, privateKeyPem: chain.client.keyPem}})).toThrow(
      /is not a CA/,
    );
  });

  it('keys of other types, curves or sizes than the profile says', () => {
    const ec = (namedCurve: string) => generateKeyPairSync('ec', {namedCurve, publicKeyEncoding: {type: 'spki', format: 'pem'}, privateKeyEncoding: {type: 'pkcs8', format: 'pem'}}).publicKey;
    const ed = generateKeyPairSync('ed25519', {publicKeyEncoding: {type: 'spki', format: 'pem'}, privateKeyEncoding: {type: 'pkcs8', format: 'pem'}}).publicKey;
    expect(() => buildCertificate({...base(), publicKeyPem: ec('P-256')})).toThrow(/is an EC prime256v1 key; the profile asks for a 2048-bit rsa key/);
    expect(() => buildCertificate({...base(), publicKeyPem: ec('P-521')})).toThrow(/EC key on secp521r1; only P-256 and P-384/);
    expect(() => buildCertificate({...base(), publicKeyPem: ed})).toThrow(/ed25519 key; only RSA and EC/);
    const p384 = profileFor(clientSpec, caSpec, 'ECDSA-P384');
    expect(() => buildCertificate({...base(), profile: p384, publicKeyPem: ec('P-256')})).toThrow(/the profile asks for a 384-bit ec key/);
    // An EC profile signed by the RSA CA: the signature the profile names cannot be made with that key.
    expect(() => buildCertificate({...base(), profile: p384, publicKeyPem: ec('P-384')})).toThrow(/a rsa key cannot make a ecdsa-with-SHA384 signature/);
  });

  it('repeated or unknown usages', () => {
    expect(() => buildCertificate({...base(), profile: profileFor({...clientSpec, usages: ['clientAuth', 'clientAuth']})})).toThrow(/repeat/);
    const odd = profileFor(clientSpec);
    odd.extKeyUsage = {critical: false, usages: ['fooAuth']};
    expect(() => buildCertificate({...base(), profile: odd})).toThrow(/unknown extended key usage "fooAuth"/);
  });
});

function checkFailure(fn: () => void): [string, string] {
  try {
    fn();
  } catch (err) {
    if (err instanceof CertCheckError) return [err.check, err.message];
    throw err;
  }
  throw new Error('expected a CertCheckError');
}

describe.each([
  ['ECDSA-P256', 'ecdsa-with-SHA256', 256, 'prime256v1'],
  ['ECDSA-P384', 'ecdsa-with-SHA384', 384, 'secp384r1'],
] as const)('%s chain', (alg, signature, bits, curve) => {
  let ec: NativeChain;
  beforeAll(async () => {
    ec = await nativeChain(undefined, undefined, alg);
  });

  it.skipIf(!withOpenssl)('verifies with openssl -x509_strict for its purposes', async () => {
    expect((await opensslVerify(ec.ca.certPem, ec.ca.certPem)).ok).toBe(true);
    const server = await opensslVerify(ec.ca.certPem, ec.server.certPem, 'sslserver');
    expect(server.ok, server.output).toBe(true);
    const client = await opensslVerify(ec.ca.certPem, ec.client.certPem, 'sslclient');
    expect(client.ok, client.output).toBe(true);
  });

  it(`is signed ${signature}, with SEC1 keys on ${curve}, digitalSignature alone on leaves and SKI = sha1(EC point)`, () => {
    const ca = readProfile(ec.ca.certPem);
    const leaf = readProfile(ec.server.certPem);
    for (const p of [ca, leaf]) {
      expect(p.signatureAlgorithm).toBe(signature);
      expect([p.keyType, p.keyBits]).toEqual(['ec', bits]);
    }
    expect(ca.keyUsage).toEqual({critical: true, usages: ['digitalSignature', 'keyCertSign']});
    expect(leaf.keyUsage).toEqual({critical: true, usages: ['digitalSignature']});
    const point = createPublicKey(ec.ca.keyPem).export({format: 'der', type: 'spki'}).subarray(bits === 256 ? 26 : 23);
    expect(ca.skiHex).toBe(createHash('sha1').update(point).digest('hex'));
    expect(leaf.akiKeyIdHex).toBe(ca.skiHex);
    for (const key of [ec.ca.keyPem, ec.server.keyPem]) {
      expect(key).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
      expect(createPrivateKey(key).asymmetricKeyDetails?.namedCurve).toBe(curve);
    }
    expect(() => selfCheck(ec.server.certPem, ec.ca.certPem, ec.server.keyPem)).not.toThrow();
  });
});
