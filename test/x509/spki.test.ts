// The SPKI encoded from a key's JWK is byte for byte what node:crypto (OpenSSL) exports, for every key kubepki makes.

import {createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {spkiDer} from '../../src/x509/spki.js';
import {poolKeySet} from '../support/key-pool.js';

describe('spkiDer', () => {
  const ec = (curve: string) => generateKeyPairSync('ec', {namedCurve: curve});
  const rsa = (pem: string) => {
    const privateKey = createPrivateKey(pem);
    return {privateKey, publicKey: createPublicKey(privateKey)};
  };
  const cases: Record<string, {privateKey: KeyObject; publicKey: KeyObject}> = {'EC P-256': ec('P-256'), 'EC P-384': ec('P-384')};
  // The test pool's RSA keys, every size it holds.
  for (const pem of poolKeySet()) {
    const pair = rsa(pem);
    cases[`RSA-${pair.privateKey.asymmetricKeyDetails!.modulusLength!}`] ??= pair;
  }
  for (const [name, pair] of Object.entries(cases)) {
    it(`equals node:crypto's export for ${name}, from the private and the public key`, () => {
      const expected = pair.publicKey.export({type: 'spki', format: 'der'});
      expect(spkiDer(pair.privateKey).equals(expected)).toBe(true);
      expect(spkiDer(pair.publicKey).equals(expected)).toBe(true);
    });
  }

  it('equals it for many P-256 keys (points with leading zero bytes included)', () => {
    for (let i = 0; i < 300; i++) {
      const {publicKey} = ec('P-256');
      expect(spkiDer(publicKey).equals(publicKey.export({type: 'spki', format: 'der'}))).toBe(true);
    }
  });

  it('refuses a key it cannot describe, naming it', () => {
    expect(() => spkiDer(generateKeyPairSync('ec', {namedCurve: 'P-521'}).publicKey)).toThrow('no SPKI for a EC key on P-521');
    expect(() => spkiDer(generateKeyPairSync('ed25519').publicKey)).toThrow('no SPKI for a OKP key');
  });
});
