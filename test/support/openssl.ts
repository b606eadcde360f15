// The real openssl binary for tests: availability (skip locally, fail in CI where CI_REAL=true),
// strict verification of a leaf against its CA, and throw-away temp directories.

import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa, type Options} from 'execa';
import {hasBinary} from './binaries.js';

/** Whether openssl is installed; a missing binary fails instead of skipping in CI (see binaries.ts). */
export function hasOpenssl(): boolean {
  return hasBinary('openssl');
}

export interface TmpDir {
  path: string;
  cleanup: () => Promise<void>;
}

export async function tmpDir(prefix = 'kubepki-test-'): Promise<TmpDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {path, cleanup: () => rm(path, {recursive: true, force: true})};
}

/** Runs openssl with arguments only (no shell); throws with stderr on a non-zero exit. */
export function openssl(args: string[], opts: Options = {}) {
  return execa('openssl', args, {timeout: 30_000, ...opts});
}

export type Purpose = 'sslserver' | 'sslclient';

export interface VerifyResult {
  ok: boolean;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

/** `openssl verify -x509_strict [-purpose p] -CAfile ca leaf`, which catches missing AKI/SKI and non-critical CA BC. */
export async function opensslVerify(caPem: string, leafPem: string, purpose?: Purpose): Promise<VerifyResult> {
  const dir = await tmpDir('kubepki-verify-');
  try {
    const ca = join(dir.path, 'ca.crt');
    const leaf = join(dir.path, 'leaf.crt');
    await writeFile(ca, caPem);
    await writeFile(leaf, leafPem);
    const args = ['verify', '-x509_strict', ...(purpose ? ['-purpose', purpose] : []), '-CAfile', ca, leaf];
    const r = await openssl(args, {reject: false, all: true});
    return {ok: r.exitCode === 0 && /: OK\s*$/.test(String(r.stdout)), output: String(r.all ?? '')};
  } finally {
    await dir.cleanup();
  }
}
