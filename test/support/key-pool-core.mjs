// The test key pool's core, in plain JavaScript so that both the tests (through key-pool.ts) and the preload
// that child `node` processes get (key-pool-preload.mjs) can use it: where the keys are and how blocks are claimed.

import {mkdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Keys per size: enough for the largest plan most tests generate (larger ones fall back to fresh keys). */
export const POOL_SIZES = {2048: 320, 3072: 64, 4096: 16};
export const BLOCK = 64;
export const POOL_DIR = join(tmpdir(), 'kubepki-test-keys-v1');
/** Set by the global setup for this run: blocks are claimed by making numbered folders in it. */
export const CLAIMS_ENV = 'KUBEPKI_TEST_KEY_CLAIMS';

export const keyFile = (bits, i) => join(POOL_DIR, String(bits), `${i}.key`);

/** The first key of a newly claimed block: unique in this test run until the pool wraps around. */
function claimBlock(bits) {
  const claims = process.env[CLAIMS_ENV];
  const blocks = Math.max(1, Math.floor(POOL_SIZES[bits] / BLOCK));
  if (!claims) return Math.floor(Math.random() * blocks) * BLOCK;
  for (let k = 0; ; k++) {
    try {
      mkdirSync(join(claims, `${bits}-${k}`));
      return (k % blocks) * BLOCK;
    } catch {
      // claimed by another consumer: try the next block
    }
  }
}

/** Up to `count` distinct pool keys of `bits` (PKCS#1 PEM); fewer when the pool is smaller. */
export function claimKeys(bits, count) {
  const size = POOL_SIZES[bits] ?? 0;
  const want = Math.min(count, size);
  const out = [];
  while (out.length < want) {
    const start = claimBlock(bits);
    for (let i = 0; i < BLOCK && out.length < want; i++) out.push(readFileSync(keyFile(bits, (start + i) % size), 'utf8'));
  }
  return out;
}
