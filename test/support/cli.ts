// Runs the built CLI (bin/kubepki.js → dist/) the way a user does, so tests see real exit codes and streams.

import {fileURLToPath} from 'node:url';
import {execa} from 'execa';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/kubepki.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function kubepki(args: string[], opts: {cwd?: string; env?: Record<string, string>; input?: string} = {}): Promise<CliResult> {
  const r = await execa('node', [BIN, ...args], {
    reject: false,
    ...(opts.input === undefined ? {stdin: 'ignore' as const} : {input: opts.input}),
    env: {NO_COLOR: '1', ...opts.env},
    ...(opts.cwd ? {cwd: opts.cwd} : {}),
  });
  return {exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr)};
}
