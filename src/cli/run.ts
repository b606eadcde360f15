// argv → command → exit code. Parses flags with node:util parseArgs, prints help, loads the one command that
// runs, and turns typed errors into one-line messages (stack traces only with --debug).

import {createRequire} from 'node:module';
import {parseArgs} from 'node:util';
import {CancelledError, FailureError, InvalidInputError, UsageError, type Command, type Io} from './command.js';
import {COMMANDS, DEFAULT_COMMAND} from './registry.js';

export const PROGRAM = 'kubepki';

export function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as {version: string}).version;
}

const GLOBAL_HELP_OPTIONS = [
  '  -h, --help       show help (also: kubepki COMMAND --help)',
  '      --version    print the version',
  '      --no-color   no colours (also NO_COLOR=1 or TERM=dumb)',
  '      --debug      show stack traces on errors',
];

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `${PROGRAM} — learn, practise and produce a Kubernetes cluster PKI`,
    '',
    'Usage:',
    `  ${PROGRAM} [--plan FILE] [--out DIR] [--plain]`,
    '                                open the guided wizard (needs a terminal; --plain: line by line)',
    `  ${PROGRAM} COMMAND [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...GLOBAL_HELP_OPTIONS,
    '',
    'Examples:',
    `  ${PROGRAM} example ha > plan.yaml`,
    `  ${PROGRAM} generate --plan plan.yaml --out ./pki`,
    '',
    'Exit codes: 0 ok, 1 failure, 2 bad usage or invalid input, 130 cancelled.',
    '',
  ].join('\n');
}

export function commandHelp(cmd: Command): string {
  const opts = Object.entries(cmd.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.arg ? ` ${o.arg}` : ''}`;
    const def = o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : '';
    return `  ${flag.padEnd(26)} ${o.help}${def}`;
  });
  return [
    `${PROGRAM} ${cmd.name} — ${cmd.summary}`,
    '',
    'Usage:',
    ...cmd.usage.map((u) => `  ${PROGRAM} ${u}`),
    '',
    'Options:',
    ...opts,
    `  ${'-h, --help'.padEnd(26)} show this help`,
    '',
    'Examples:',
    ...cmd.examples.map((e) => `  ${e}`),
    '',
    'Exit codes: 0 ok, 1 failure, 2 bad usage or invalid input, 130 cancelled.',
    '',
  ].join('\n');
}

function parseFor(cmd: Command, argv: string[]) {
  const options: Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}> = {
    help: {type: 'boolean', short: 'h'},
    debug: {type: 'boolean'},
    'no-color': {type: 'boolean'},
  };
  for (const [name, o] of Object.entries(cmd.options)) options[name] = {type: o.type, ...(o.short ? {short: o.short} : {}), ...(o.multiple ? {multiple: true} : {})};
  try {
    const parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true});
    const max = cmd.positionals?.max ?? 0;
    const min = cmd.positionals?.min ?? 0;
    if (!parsed.values.help && (parsed.positionals.length > max || parsed.positionals.length < min)) {
      throw new OptionError(
        parsed.positionals.length > max
          ? `unexpected argument ${JSON.stringify(parsed.positionals[max])}`
          : `missing argument: ${cmd.usage[0]}`,
        cmd,
      );
    }
    const values: Record<string, string | boolean | string[] | undefined> = {};
    for (const [name, o] of Object.entries(cmd.options)) values[name] = (parsed.values[name] as string | boolean | string[] | undefined) ?? o.default;
    for (const name of ['help', 'debug']) values[name] = parsed.values[name] as boolean | undefined;
    return {values, positionals: parsed.positionals};
  } catch (error) {
    if (error instanceof OptionError) throw error;
    // parseArgs's messages name the flag; drop Node's "To specify a positional argument…" advice.
    throw new OptionError((error as Error).message.split('. To ')[0]!.replace(/^TypeError \[\w+\]: /, ''), cmd);
  }
}

const helpCommand = (cmd: Command): string => (cmd === DEFAULT_COMMAND ? `${PROGRAM} --help` : `${PROGRAM} ${cmd.name} --help`);

/** A bad option or argument: the message, and the command whose help (and options) the hint points at. */
class OptionError extends UsageError {
  constructor(message: string, readonly cmd: Command) {
    super(message.charAt(0).toLowerCase() + message.slice(1));
  }
}

/** The hint for a bad option: the known option nearest to an unknown one, and the command's help.
 *  The suggester is loaded only here: `--help` and `--version` load nothing outside the CLI. */
async function withOptionHint(error: OptionError): Promise<UsageError> {
  const {cmd} = error;
  const where = helpCommand(cmd);
  const unknown = /^unknown option '--?([^'=]+)/.exec(error.message)?.[1];
  const near = unknown ? (await import('../plan/suggest.js')).closest(unknown, Object.keys(cmd.options)) : undefined;
  return new UsageError(error.message, `${near ? `did you mean --${near}? ` : ''}see ${where}`);
}

/** Runs one command line; returns the process exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  const [first, ...rest] = argv;
  let cmd: Command | undefined;
  try {
    if (first === '--version' || first === '-V') {
      io.stdout(`${version()}\n`);
      return 0;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      io.stdout(mainHelp());
      return 0;
    }
    const byName = first && !first.startsWith('-') ? COMMANDS.find((c) => c.name === first) : undefined;
    if (first && !first.startsWith('-') && !byName) {
      const near = (await import('../plan/suggest.js')).closest(first, COMMANDS.map((c) => c.name));
      throw new UsageError(`unknown command ${JSON.stringify(first)} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
        `${near ? `did you mean ${PROGRAM} ${near}? ` : ''}see ${PROGRAM} --help`);
    }
    cmd = byName ?? DEFAULT_COMMAND;
    const {values, positionals} = parseFor(cmd, byName ? rest : argv);
    if (values.help) {
      io.stdout(commandHelp(cmd));
      return 0;
    }
    const {run: runCommand} = await cmd.load();
    return await runCommand({values, positionals, io});
  } catch (error) {
    if (error instanceof OptionError) return report(await withOptionHint(error), io, debug);
    // A command's own usage error without a hint of its own points at that command's help.
    if (error instanceof UsageError && !error.hint && cmd) return report(new UsageError(error.message, `see ${helpCommand(cmd)}`), io, debug);
    return report(error, io, debug);
  }
}

async function report(error: unknown, io: Io, debug: boolean): Promise<number> {
  const stack = debug && error instanceof Error ? `${error.stack}\n` : '';
  if (error instanceof UsageError) {
    const hint = error.hint ? `${PROGRAM}: hint: ${error.hint}\n` : `Run '${PROGRAM} --help' for usage.\n`;
    io.stderr(`${PROGRAM}: ${error.message}\n${hint}${stack}`);
    return 2;
  }
  if (error instanceof InvalidInputError) {
    // Only a command that read a plan gets here, so the plan modules are loaded already.
    const {formatProblem} = await import('../plan/validate.js');
    io.stderr(error.problems.map((p) => `${PROGRAM}: ${formatProblem(p)}\n`).join('') + `${PROGRAM}: nothing was written.\n${stack}`);
    return 2;
  }
  if (error instanceof CancelledError) {
    io.stderr(`${PROGRAM}: ${error.message}\n`);
    return 130;
  }
  if (error instanceof FailureError) {
    io.stderr(`${PROGRAM}: ${error.message}${error.hint ? `\n${PROGRAM}: hint: ${error.hint}` : ''}\n${stack}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${PROGRAM}: unexpected error: ${message.split('\n')[0]}\n${stack || `Run again with --debug for details.\n`}`);
  return 1;
}
