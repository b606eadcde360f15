// Loaded into child `node` processes of the CLI tests (NODE_OPTIONS=--import): RSA keys the generator asks
// node:crypto for come from the test key pool instead, a block per process; everything else is untouched.

import crypto from 'node:crypto';
import {syncBuiltinESMExports} from 'node:module';
import {claimKeys} from './key-pool-core.mjs';

const real = crypto.generateKeyPair;
const handed = new Map();

function next(bits) {
  const queue = handed.get(bits) ?? [];
  if (queue.length === 0) queue.push(...claimKeys(bits, 64));
  handed.set(bits, queue);
  return queue.shift();
}

crypto.generateKeyPair = function generateKeyPair(type, options, callback) {
  const pkcs1Pem = options?.privateKeyEncoding?.type === 'pkcs1' && options?.privateKeyEncoding?.format === 'pem';
  const spkiPem = options?.publicKeyEncoding?.type === 'spki' && options?.publicKeyEncoding?.format === 'pem';
  const pem = type === 'rsa' && pkcs1Pem && spkiPem && !options.privateKeyEncoding.cipher ? next(options.modulusLength) : undefined;
  if (!pem) return real.call(this, type, options, callback);
  const pub = crypto.createPublicKey(pem).export({type: 'spki', format: 'pem'});
  setImmediate(() => callback(null, pub, pem));
};
syncBuiltinESMExports();
