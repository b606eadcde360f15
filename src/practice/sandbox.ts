// Runs a learner's command for a command-recall question: split like a shell would (quotes, backslashes) but
// run without one, only openssl and kubectl subcommands that read, in the lab folder, with a timeout. Node paths
// (/etc/kubernetes/...) are mapped into the lab's node folder, so the command reads the lab, not this machine.

import {existsSync} from 'node:fs';
import {isAbsolute, join, relative, resolve} from 'node:path';
import {execa} from 'execa';

/** The programs and subcommands a learner may run; everything here only reads and prints. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  openssl: ['x509', 'req', 'verify', 'pkey', 'rsa', 'ec', 'crl', 'asn1parse', 'version'],
  kubectl: ['config'],
};
/** kubectl config verbs that read a kubeconfig without changing it. */
const KUBECTL_CONFIG_READS = ['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users'];
/** Options that write files: the lab must stay as it was generated. */
const WRITING_OPTIONS = /^-{1,2}(out|keyout|writerand|signkey|CAcreateserial|CAserial)(=|$)/;
const SHELL_SYNTAX = /[|;&<>`$()]/;
export const TIMEOUT_MS = 5_000;

export type SplitResult = {ok: true; argv: string[]} | {ok: false; reason: string};

/** Splits a command line as a POSIX shell would for plain words, quotes and backslashes; refuses pipes,
 *  redirections, variables and command substitution, which need a shell kubepki does not run. */
export function splitCommand(line: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else if (c === '$' || c === '`') return {ok: false, reason: 'variables and command substitution need a shell: type the values themselves'};
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else if (SHELL_SYNTAX.test(c)) {
      return {ok: false, reason: `one command without "${c}": kubepki runs it without a shell, so pipes, redirections and variables do not work`};
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return {ok: false, reason: `an unclosed ${quote} quote`};
  if (inWord) argv.push(word);
  if (!argv.length) return {ok: false, reason: 'an empty command'};
  return {ok: true, argv};
}

/** Why `argv` may not run, or undefined when it may. */
export function refusal(argv: readonly string[]): string | undefined {
  const [program, sub, verb] = argv;
  const subs = ALLOWED[program!];
  if (!subs) return `only ${Object.keys(ALLOWED).join(' and ')} commands are run here`;
  if (!sub || !subs.includes(sub)) return `${program} ${sub ?? ''} is not one of the subcommands run here (${subs.join(', ')})`.replace('  ', ' ');
  if (program === 'kubectl' && !KUBECTL_CONFIG_READS.includes(verb ?? '')) return `only kubectl config ${KUBECTL_CONFIG_READS.join('|')} run here`;
  const writer = argv.find((a) => WRITING_OPTIONS.test(a));
  if (writer) return `${writer} writes a file; print to the screen instead (the lab stays as it is)`;
  return undefined;
}

/** Maps a node path (`/etc/kubernetes/pki/ca.crt`, also inside `--opt=/path`) into the lab node's folder when the
 *  file is there; anything else stays as typed and resolves relative to that folder. */
export function mapPaths(argv: readonly string[], nodeRoot: string): string[] {
  const mapOne = (p: string): string => {
    if (!isAbsolute(p)) return p;
    const inside = join(nodeRoot, p);
    return relative(nodeRoot, inside).startsWith('..') || !existsSync(inside) ? p : inside;
  };
  return argv.map((a) => {
    const eq = a.indexOf('=');
    return a.startsWith('-') && eq > 0 ? `${a.slice(0, eq + 1)}${mapOne(a.slice(eq + 1))}` : mapOne(a);
  });
}

export interface RunResult {
  ran: boolean;
  /** Why it did not run (refused, not installed, timed out). */
  refused?: string;
  exitCode: number;
  output: string;
}

/** Runs an allowed command in the lab node's folder with no shell, no stdin, a clean environment and a timeout. */
export async function runInLab(line: string, nodeRoot: string): Promise<RunResult> {
  const split = splitCommand(line);
  if (!split.ok) return {ran: false, refused: split.reason, exitCode: -1, output: ''};
  const why = refusal(split.argv);
  if (why) return {ran: false, refused: why, exitCode: -1, output: ''};
  const [program, ...args] = mapPaths(split.argv, resolve(nodeRoot));
  const r = await execa(program!, args, {
    cwd: nodeRoot,
    reject: false,
    stdin: 'ignore',
    timeout: TIMEOUT_MS,
    maxBuffer: 1 << 20,
    // No KUBECONFIG: kubectl must be told which file to read, as on the exam.
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: nodeRoot, LANG: 'C'},
    extendEnv: false,
  });
  if (r.timedOut) return {ran: false, refused: `it ran longer than ${TIMEOUT_MS / 1000} s`, exitCode: -1, output: ''};
  if ((r as {code?: string}).code === 'ENOENT') return {ran: false, refused: `${program} is not installed here`, exitCode: -1, output: ''};
  return {ran: true, exitCode: r.exitCode ?? -1, output: `${String(r.stdout)}\n${String(r.stderr)}`};
}
