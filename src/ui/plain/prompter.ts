// What plain mode needs from a prompt library: three prompts. The real one wraps @inquirer/prompts
// (loaded on demand); tests pass a scripted fake.

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

export interface Prompter {
  input(opts: {message: string; default?: string; validate?: (value: string) => true | string}): Promise<string>;
  select<T extends string>(opts: {message: string; choices: Choice<T>[]; default?: T}): Promise<T>;
  confirm(opts: {message: string; default?: boolean}): Promise<boolean>;
}

/** Inquirer rejects with ExitPromptError on Ctrl+C or EOF (matched by name, Inquirer.js#1502). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/** The real prompter: @inquirer/prompts writing to `output` (stderr, so stdout stays for data). */
export async function inquirerPrompter(output: NodeJS.WritableStream = process.stderr): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const context = {output};
  return {
    input: (opts) => prompts.input(opts, context),
    select: (opts) => prompts.select(opts, context),
    confirm: (opts) => prompts.confirm(opts, context),
  };
}
