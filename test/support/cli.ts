// Runs the built CLI (bin/kubepki.js → dist/) the way a user does, so tests see real exit codes and streams.

import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {PRELOAD_OPTIONS} from './key-pool.js';
import {shimEnv} from './openssl-shim.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/kubepki.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Environment for a child `kubepki` whose RSA keys (native and, through the openssl shim, --mode openssl)
 *  come from the test key pool. */
export function poolEnv(): Record<string, string> {
  return {NODE_OPTIONS: PRELOAD_OPTIONS, ...shimEnv()};
}

/** Runs the CLI; its RSA keys (native and, through the openssl shim, --mode openssl) come from the test key pool
 *  unless `freshKeys` is set. */
export async function kubepki(args: string[], opts: {cwd?: string; env?: Record<string, string>; input?: string; freshKeys?: boolean} = {}): Promise<CliResult> {
  const pool = opts.freshKeys ? {} : poolEnv();
  const r = await execa('node', [BIN, ...args], {
    reject: false,
    ...(opts.input === undefined ? {stdin: 'ignore' as const} : {input: opts.input}),
    env: {NO_COLOR: '1', ...pool, ...opts.env},
    ...(opts.cwd ? {cwd: opts.cwd} : {}),
  });
  return {exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr)};
}
