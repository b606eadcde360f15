// A public key's SubjectPublicKeyInfo, encoded from its JWK components: OpenSSL 3 takes ~0.15 ms to export an SPKI,
// ten times the JWK, and a 5,000-node run needs one per certificate. The bytes equal node:crypto's own export.

import type {KeyObject} from 'node:crypto';
import * as der from './der-writer.js';
import {CURVE_OIDS, OID} from './oids.js';

const b64url = (text: string | undefined, what: string): Buffer => {
  if (!text) throw new Error(`the key has no ${what}`);
  return Buffer.from(text, 'base64url');
};

/** The DER SPKI of `key` (public or private; RSA or EC on P-256/P-384): rsaEncryption with NULL parameters and
 *  RSAPublicKey, or id-ecPublicKey with the named curve and the uncompressed point, as OpenSSL writes them. */
export function spkiDer(key: KeyObject): Buffer {
  const jwk = key.export({format: 'jwk'});
  if (jwk.kty === 'RSA') {
    const rsaPublicKey = der.sequence(der.unsignedInteger(b64url(jwk.n, 'modulus')), der.unsignedInteger(b64url(jwk.e, 'exponent')));
    return Buffer.from(der.sequence(der.sequence(der.oid(OID.rsaEncryption), der.nullValue()), der.bitString(rsaPublicKey)));
  }
  const curve = jwk.kty === 'EC' ? CURVE_OIDS[jwk.crv ?? ''] : undefined;
  if (!curve) throw new Error(`no SPKI for a ${jwk.kty ?? 'typeless'} key${jwk.crv ? ` on ${jwk.crv}` : ''}`);
  const point = Buffer.concat([Uint8Array.of(0x04), b64url(jwk.x, 'x coordinate'), b64url(jwk.y, 'y coordinate')]);
  return Buffer.from(der.sequence(der.sequence(der.oid(OID.ecPublicKey), der.oid(curve)), der.bitString(point)));
}
