// The learner's etcdctl.sh read as one etcdctl command: split like a shell would but never run by one, and held
// to what the lab asks (etcdctl endpoint health and its connection flags), so `check` may run it for real.

import {splitCommand} from '../sandbox.js';

/** etcdctl's global flags that take a value, and the switches; nothing else may be on the line. */
const VALUE_FLAGS = ['--endpoints', '--cacert', '--cert', '--key', '--dial-timeout', '--command-timeout', '--keepalive-time', '--keepalive-timeout', '--write-out', '-w'];
const SWITCHES = ['--cluster', '--debug', '--hex', '--insecure-skip-tls-verify', '--insecure-transport'];
const COMMAND = ['endpoint', 'health'];
/** The one variable that may stand before etcdctl: v3 is etcdctl 3.4's default, older guides still set it. */
const API_ENV = /^ETCDCTL_API=3$/;

export interface EtcdctlCommand {
  /** The words after `etcdctl`, as written. */
  args: string[];
  /** Each flag's value (`--cluster` → `true`), `--flag=v` and `--flag v` alike. */
  flags: Map<string, string>;
}

/** The last etcdctl line of the script (comments dropped, `\` continuations joined), or why there is none. */
function etcdctlLine(script: string): string | undefined {
  const lines = script.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return lines.reverse().find((l) => /(^|\s|\/)etcdctl(\s|$)/.test(l));
}

/** Reads etcdctl.sh; a string says why it cannot be run or graded. */
export function readEtcdctlScript(script: string): EtcdctlCommand | string {
  const line = etcdctlLine(script);
  if (!line) return 'etcdctl.sh has no etcdctl command';
  const split = splitCommand(line);
  if (!split.ok) return `the etcdctl line cannot be read: ${split.reason}`;
  const words = [...split.argv];
  while (words[0]?.includes('=') && !words[0].startsWith('-')) {
    const env = words.shift()!;
    if (!API_ENV.test(env)) return `${env.split('=')[0]} before etcdctl: only ETCDCTL_API=3 may stand there; give the files as --cacert/--cert/--key flags`;
  }
  const program = words.shift();
  if (program === undefined || program.split('/').pop() !== 'etcdctl') return `the command must start with etcdctl, not ${program ?? 'nothing'}`;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-')) {
      positional.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    if (SWITCHES.includes(name)) flags.set(name, eq > 0 ? w.slice(eq + 1) : 'true');
    else if (!VALUE_FLAGS.includes(name)) return `${name} is not a flag this lab runs (etcdctl endpoint health with ${VALUE_FLAGS.slice(0, 4).join(', ')})`;
    else if (eq > 0) flags.set(name, w.slice(eq + 1));
    else if (words[i + 1] === undefined) return `${name} has no value`;
    else flags.set(name, words[++i]!);
  }
  if (positional.join(' ') !== COMMAND.join(' ')) return `the command must be etcdctl ... ${COMMAND.join(' ')}, found ${positional.join(' ') || 'no command'}`;
  return {args: words, flags};
}

/** The value `flag` has in `args`, in either form. */
export function flagIn(args: readonly string[], flag: string): string | undefined {
  const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.slice(flag.length + 1) : args[i + 1];
}

/** `args` with `flag`'s value replaced, in the form it was written. */
export function withFlag(args: readonly string[], flag: string, value: (old: string) => string): string[] {
  const out = [...args];
  const i = out.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return out;
  if (out[i]!.includes('=')) out[i] = `${flag}=${value(out[i]!.slice(flag.length + 1))}`;
  else out[i + 1] = value(out[i + 1]!);
  return out;
}
