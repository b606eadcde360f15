// Decoding a private key found on disk. The label says which DER structure it holds, so OpenSSL is given exactly
// that: ~0.15 ms a P-256 key, where its PEM reader, which tries every decoder, takes ~0.45 ms. A re-run or `check`
// of a large tree decodes every key.

import {createPrivateKey, type KeyObject} from 'node:crypto';
import {pemToDer} from './pem.js';

/** The DER structure each unencrypted private-key PEM label names. */
export const PRIVATE_KEY_FORMATS = {'RSA PRIVATE KEY': 'pkcs1', 'EC PRIVATE KEY': 'sec1', 'PRIVATE KEY': 'pkcs8'} as const;

/** The key in `pem`, a single block labelled `label`; throws when OpenSSL cannot read it. Never prompts: a PEM with
 *  headers (Proc-Type, DEK-Info) or a label of another kind goes to OpenSSL's PEM reader with an empty passphrase. */
export function decodePrivateKey(pem: string, label: string): KeyObject {
  const type = PRIVATE_KEY_FORMATS[label as keyof typeof PRIVATE_KEY_FORMATS];
  if (type && !/^[A-Za-z-]+:/m.test(pem)) return createPrivateKey({key: pemToDer(pem, label), format: 'der', type});
  return createPrivateKey({key: pem, passphrase: ''});
}
