// `kubepki script`: the plan as a reviewable bash script (generate-pki.sh) with one openssl.cnf per certificate
// and a README; or, with --stdout, just the script for a quick read. Nothing runs here.

import {UnsafeValueError} from '../../openssl/allow-list.js';
import {emitScript, SCRIPT_FILE, type EmittedScript} from '../../openssl/emit.js';
import {ScriptFolderExistsError, writeScriptFolder} from '../../output/script-folder.js';
import {resolve} from '../../pki/resolve.js';
import {displayValue, escapeText} from '../../plan/escape.js';
import {FailureError, InvalidInputError, UsageError, type CommandRun} from '../command.js';
import {cliError} from '../failure.js';
import {planFromOption} from '../plan-option.js';

/** Plan validation refuses hostile values first; the emitter's allow-lists are the second line (still exit 2). */
function emitOrRefuse(plan: Parameters<typeof resolve>[0]): EmittedScript {
  try {
    return emitScript(resolve(plan));
  } catch (error) {
    if (!(error instanceof UnsafeValueError)) throw error;
    throw new InvalidInputError([
      {path: error.where, value: displayValue(error.value), rule: escapeText(error.rule, 200), hint: 'values written into the script and openssl.cnf must pass its allow-list'},
    ]);
  }
}

export const run: CommandRun = async ({values, io}) => {
  const out = values.out as string;
  if (!out) throw new UsageError('--out needs a folder');
  const plan = await planFromOption(values.plan, io);
  const emitted = emitOrRefuse(plan);
  if (values.stdout === true) {
    io.stdout(emitted.script);
    return 0;
  }
  let written: string[];
  try {
    written = await writeScriptFolder(out, emitted, {force: values.force === true});
  } catch (error) {
    if (error instanceof ScriptFolderExistsError) {
      throw new FailureError(`${escapeText(out)} already holds a script (${error.existing.join(', ')})`, 're-run with --force to replace it (a pki/ folder beside it is kept), or choose another --out');
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new FailureError(`cannot write to ${escapeText(out)} (${code})`, 'check the folder is writable, or choose another --out');
    // The folder checks' own errors: a planted link or the root is bad usage (exit 2), a failed write exit 1.
    throw cliError(error);
  }
  const shown = escapeText(out);
  io.stderr(
    `wrote ${shown}/${SCRIPT_FILE}, ${written.length - 2} openssl.cnf files in ${shown}/openssl/ and ${shown}/README.md\n` +
      `Read it, then run: bash ${shown}/${SCRIPT_FILE} [TARGET]   (TARGET defaults to ${shown}/pki; needs OpenSSL >= 3.0)\n`,
  );
  return 0;
};
