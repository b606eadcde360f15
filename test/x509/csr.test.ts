// PKCS#10 requests from our DER writer: openssl verifies their self-signature and reads back the profile's subject
// in its order, for an RSA key and, since nothing here is RSA-specific, for an ECDSA key too.

import {generateKeyPairSync} from 'node:crypto';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nameEntries} from '../../src/pki/profile.js';
import {buildCsr} from '../../src/x509/csr.js';
import {oid, sequence, tlv} from '../../src/x509/der-writer.js';
import {childrenOf, parseDer, readOid} from '../../src/x509/der.js';
import {poolKeys} from '../support/key-pool.js';
import {hasOpenssl, openssl, tmpDir, type TmpDir} from '../support/openssl.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await tmpDir('kubepki-csr-');
});
afterAll(async () => {
  await tmp.cleanup();
});

const subject = nameEntries({cn: 'jane', o: ['developers', 'qa']});

async function verified(csrPem: string): Promise<{all: string; subject: string; algorithm: string}> {
  const path = join(tmp.path, `${Math.random().toString(36).slice(2)}.csr`);
  await writeFile(path, csrPem);
  const r = await openssl(['req', '-in', path, '-noout', '-verify', '-subject', '-nameopt', 'RFC2253,show_type', '-text'], {all: true, reject: false});
  return {all: String(r.all), subject: /subject=(.*)/.exec(String(r.stdout))?.[1] ?? '', algorithm: /Signature Algorithm: (\S+)/.exec(String(r.stdout))?.[1] ?? ''};
}

describe.skipIf(!hasOpenssl())('buildCsr', () => {
  it('RSA: a request openssl verifies, O before CN as UTF8Strings, sha256WithRSAEncryption', async () => {
    const key = (await poolKeys([{id: 'jane', alg: 'RSA-2048'}])).get('jane')!;
    const csr = buildCsr({subject, privateKeyPem: key.privateKeyPem, signatureAlgorithm: 'sha256WithRSAEncryption', digest: 'sha256'});
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const r = await verified(csr);
    expect(r.all).toContain('verify OK');
    expect(r.subject).toBe('CN=UTF8STRING:jane,O=UTF8STRING:qa,O=UTF8STRING:developers');
    expect(r.algorithm).toBe('sha256WithRSAEncryption');
  });

  it('ECDSA: the same layout with ecdsa-with-SHA256 and no parameters', async () => {
    const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
    const pem = privateKey.export({type: 'pkcs8', format: 'pem'}).toString();
    const r = await verified(buildCsr({subject, privateKeyPem: pem, signatureAlgorithm: 'ecdsa-with-SHA256', digest: 'sha256'}));
    expect(r.all).toContain('verify OK');
    expect(r.algorithm).toBe('ecdsa-with-SHA256');
  });
});

describe('the DER writer', () => {
  it('writes OIDs our reader reads back, with multi-byte arcs and long lengths', () => {
    for (const dotted of ['2.5.4.3', '1.2.840.113549.1.1.11', '1.2.840.10045.4.3.2', '2.999.1']) expect(readOid(parseDer(oid(dotted)), 'oid')).toBe(dotted);
    for (const size of [0, 127, 128, 300, 70_000]) {
      const node = parseDer(sequence(tlv(0x04, new Uint8Array(size))));
      expect(childrenOf(node)[0]!.content.length).toBe(size);
    }
  });
});
