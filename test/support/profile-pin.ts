// Profiles of every certificate a plan produces, with what must differ between runs taken out (serial values,
// key identifier values, dates: validity is kept as a length and a backdate), so runs, backends and versions compare.

import {generateNative} from '../../src/generate/native.js';
import type {Plan} from '../../src/plan/types.js';
import {readProfile} from '../../src/x509/profile.js';
import {readTree} from './pki-tree.js';
import {poolKeys} from './key-pool.js';

export type PinnedProfile = Record<string, unknown>;

/** A profile without its per-run values; validity as whole minutes of length and of backdate from `started`. */
export function pin(pem: string, started: Date): PinnedProfile {
  const {serialHex, skiHex, akiKeyIdHex, notBefore, notAfter, subjectDerHex, issuerDerHex, authorityKeyId, ...rest} = readProfile(pem);
  return {
    ...rest,
    // The shape this pin was first written in: the issuer-and-serial form of the authority key identifier.
    ...(authorityKeyId ? {akiHasIssuerSerial: authorityKeyId.issuerSerial} : {}),
    serialBytes: serialHex.length / 2,
    skiBytes: skiHex === undefined ? 0 : skiHex.length / 2,
    akiKeyIdBytes: akiKeyIdHex === undefined ? 0 : akiKeyIdHex.length / 2,
    subjectDerHex, issuerDerHex,
    validityMinutes: Math.round((notAfter.getTime() - notBefore.getTime()) / 60_000),
    backdateMinutes: Math.round((started.getTime() - notBefore.getTime()) / 60_000),
  };
}

/** Every certificate of a native run of `plan` (files and kubeconfigs), pinned, by path. */
export async function pinnedProfiles(plan: Plan, out: string): Promise<Record<string, PinnedProfile>> {
  const started = new Date();
  await generateNative({plan, out, keys: poolKeys, now: started});
  const result: Record<string, PinnedProfile> = {};
  for (const c of readTree(out, plan).certs) result[c.path] = pin(c.pem, started);
  return result;
}
