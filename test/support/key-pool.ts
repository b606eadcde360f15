// Keys made once and handed out to tests that are not about key generation: RSA keys are most of a test's
// time otherwise. The pool lives in a cache folder (filled by test/global-setup.ts, reused across runs); each
// consumer claims blocks of it through a per-run claims folder, so consecutive runs never get the same keys.

import {createPublicKey, generateKeyPair} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {KEY_SHAPES} from '../../src/plan/types.js';
import {generateKey, type KeyMaterial, type KeyRequest, type KeySource} from '../../src/x509/keys.js';
import {claimKeys, keyFile, POOL_DIR, POOL_SIZES} from './key-pool-core.mjs';

export {CLAIMS_ENV} from './key-pool-core.mjs';
/** NODE_OPTIONS for a child `node` whose RSA keys should come from the pool. */
export const PRELOAD_OPTIONS = `--import=${new URL('./key-pool-preload.mjs', import.meta.url).href}`;
export const PRELOAD_FILE = fileURLToPath(new URL('./key-pool-preload.mjs', import.meta.url));

function makeKey(bits: number): Promise<string> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', {modulusLength: bits, publicExponent: 0x10001, publicKeyEncoding: {type: 'spki', format: 'pem'},
      privateKeyEncoding: {type: 'pkcs1', format: 'pem'}}, (err, _pub, key) => (err ? reject(err) : resolve(key))));
}

/** Fills the cache with any missing keys (once per machine; a fresh CI machine pays it once per run). */
export async function ensurePool(): Promise<void> {
  const missing: [number, number][] = [];
  for (const [bits, count] of Object.entries(POOL_SIZES)) {
    mkdirSync(join(POOL_DIR, bits), {recursive: true});
    for (let i = 0; i < count; i++) if (!existsSync(keyFile(Number(bits), i))) missing.push([Number(bits), i]);
  }
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const [bits, i] = missing[next++]!;
      const temp = `${keyFile(bits, i)}.${process.pid}.tmp`;
      writeFileSync(temp, await makeKey(bits), {mode: 0o600});
      renameSync(temp, keyFile(bits, i));
    }
  };
  await Promise.all(Array.from({length: 4}, worker));
}

/** A KeySource for generateNative: pool keys for RSA, each once per call; any shortfall is made fresh, and EC keys
 *  (a fraction of a millisecond each) always are. */
export const poolKeys: KeySource = async (requests: readonly KeyRequest[], opts = {}) => {
  const bySize = new Map<number, KeyRequest[]>();
  const out = new Map<string, KeyMaterial>();
  for (const r of requests) {
    const shape = KEY_SHAPES[r.alg];
    if (shape.type === 'ec') {
      out.set(r.id, await generateKey(shape));
      opts.onKey?.(r.id);
    } else bySize.set(shape.bits, [...(bySize.get(shape.bits) ?? []), r]);
  }
  for (const [bits, reqs] of bySize) {
    const keys = claimKeys(bits, reqs.length);
    for (const [i, r] of reqs.entries()) {
      const privateKeyPem = keys[i] ?? (await makeKey(bits));
      opts.signal?.throwIfAborted();
      out.set(r.id, {privateKeyPem, publicKeyPem: createPublicKey(privateKeyPem).export({type: 'spki', format: 'pem'}).toString()});
      opts.onKey?.(r.id);
    }
  }
  return new Map(requests.map((r) => [r.id, out.get(r.id)!]));
};

/** Every key of the pool: a test that wants fresh keys proves it got none of these. */
export function poolKeySet(): Set<string> {
  const all = new Set<string>();
  for (const [bits, count] of Object.entries(POOL_SIZES)) {
    for (let i = 0; i < count; i++) if (existsSync(keyFile(Number(bits), i))) all.add(readFileSync(keyFile(Number(bits), i), 'utf8'));
  }
  return all;
}
