// Reading a private key found on disk: each PEM kind kubepki or OpenSSL writes, decoded as the structure its label
// names; anything encrypted, doubled or damaged is unreadable, never a prompt or a throw.

import {createPrivateKey, createPublicKey, generateKeyPairSync} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {readablePrivateKey} from '../../src/x509/ca-facts.js';
import {poolKeySet} from '../support/key-pool.js';

const ec = generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey;
const rsa = createPrivateKey([...poolKeySet()][0]!);
const same = (pem: string, key: typeof ec) => createPublicKey(readablePrivateKey(pem)!).equals(createPublicKey(key));

describe('readablePrivateKey', () => {
  it('reads SEC1, PKCS#1 and PKCS#8 PEM keys as the keys they are', () => {
    expect(same(String(ec.export({type: 'sec1', format: 'pem'})), ec)).toBe(true);
    expect(same(String(ec.export({type: 'pkcs8', format: 'pem'})), ec)).toBe(true);
    expect(same(String(rsa.export({type: 'pkcs1', format: 'pem'})), rsa)).toBe(true);
    expect(same(String(rsa.export({type: 'pkcs8', format: 'pem'})), rsa)).toBe(true);
    expect(same(String(ec.export({type: 'sec1', format: 'pem'})).replace(/\n/g, '\r\n'), ec)).toBe(true);
  });

  it('finds nothing readable in an encrypted key, two keys, damaged base64 or a certificate', () => {
    const sec1 = String(ec.export({type: 'sec1', format: 'pem'}));
    const encrypted = String(ec.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret'}));
    const legacy = String(ec.export({type: 'sec1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret'}));
    for (const pem of [encrypted, legacy, sec1 + sec1, sec1.replace(/[A-Za-z]{8}/, '!!!!!!!!'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', '']) {
      expect(readablePrivateKey(pem)).toBeUndefined();
    }
  });
});
