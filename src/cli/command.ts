// The shape every subcommand has, and the errors that carry an exit code to the CLI edge.
// Only src/cli decides exit codes: 0 ok, 1 failure, 2 usage or invalid input, 130 cancelled.
// Kept free of runtime imports: `kubepki --help` loads this and nothing heavy.

import type {FieldProblem} from '../plan/types.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdin and stdout are terminals (the wizard needs both). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in --help: `--plan FILE  the plan file (YAML)`. */
  arg?: string;
  help: string;
  default?: string | boolean;
  /** May be given more than once (`--group a --group b`); the value is then a list. */
  multiple?: boolean;
}

/** What `--help` shows and the parser needs; the code that does the work is loaded only when it runs. */
export interface Command {
  name: string;
  summary: string;
  /** Usage lines without the program name: `generate [--plan FILE] [--out DIR]`. */
  usage: string[];
  options: Record<string, OptionSpec>;
  /** Accepts positional arguments (named in usage) when set. */
  positionals?: {min: number; max: number};
  examples: string[];
  /** `() => import('./commands/x.js')`: the generator, yaml, Ink load only for the command that needs them. */
  load: () => Promise<{run: CommandRun}>;
}

export type CommandRun = (ctx: RunContext) => Promise<number>;

export interface RunContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  io: Io;
}

export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Invalid input that was found before anything was written (exit 2). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(readonly problems: FieldProblem[], message = 'invalid input') {
    super(message);
  }
}

/** A failure while doing the work (exit 1). */
export class FailureError extends Error {
  override name = 'FailureError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'Cancelled, nothing written.') {
    super(message);
  }
}
