// A PKI tree made by either backend for tests that prove the files with real programs: native with pool keys, or
// the openssl script run in process with the openssl shim (its genrsa takes pool keys too).

import {generateNative} from '../../src/generate/native.js';
import {generateWithOpenssl} from '../../src/generate/openssl.js';
import type {BackendName} from '../../src/generate/backends.js';
import type {Plan} from '../../src/plan/types.js';
import {poolKeys} from './key-pool.js';
import {shimEnv} from './openssl-shim.js';

/** The openssl script signs every certificate with a process of its own: minutes for a few nodes on a busy CI machine. */
export const GENERATE_TIMEOUT_MS = 300_000;

export const BACKEND_NAMES: readonly BackendName[] = ['native', 'openssl'];

export async function generateTree(backend: BackendName, plan: Plan, out: string): Promise<void> {
  if (backend === 'native') {
    await generateNative({keys: poolKeys, plan, out});
    return;
  }
  // The script inherits this process's environment: the shim first on PATH, its bag of pool keys beside it.
  Object.assign(process.env, shimEnv());
  await generateWithOpenssl({plan, out});
}

/** Another plan's tree whose keys can never be this run's: fresh ECDSA-P256 keys (microseconds each), not pool keys,
 *  which a long run may hand out again once the pool wraps. Tests that prove "another CA is refused" need that. */
export async function otherPlanTree(plan: Plan, out: string): Promise<void> {
  await generateNative({plan: {...plan, certificates: {...plan.certificates, encryptionAlgorithm: 'ECDSA-P256'}}, out});
}
