// `kubepki script`: the plan as a reviewable bash script (generate-pki.sh) with its openssl.cnf file(s) and a README,
// in the safe style (for real machines) or the exam style (for learning); with --stdout just the script.

import {UnsafeValueError} from '../../openssl/allow-list.js';
import {CNF_FOLDER} from '../../openssl/commands.js';
import {emitScript, SCRIPT_FILE} from '../../openssl/emit.js';
import {EXAM_CNF, EXAM_DEFAULT_TARGET, emitExamScript} from '../../openssl/exam-script.js';
import {examScriptFiles, safeScriptFiles, ScriptFolderExistsError, writeFolderFiles} from '../../output/script-folder.js';
import type {Plan} from '../../plan/types.js';
import {resolve} from '../../pki/resolve.js';
import {displayValue, escapeText} from '../../plan/escape.js';
import {FailureError, InvalidInputError, UsageError, type CommandRun} from '../command.js';
import {cliError} from '../failure.js';
import {planFromOption} from '../plan-option.js';

const STYLES = {
  safe: (plan: Plan) => {
    const emitted = emitScript(resolve(plan));
    return {script: emitted.script, files: safeScriptFiles(emitted), cnfs: (dir: string) => `${emitted.cnfs.size} openssl.cnf files in ${dir}/${CNF_FOLDER}/`};
  },
  exam: (plan: Plan) => {
    const exam = emitExamScript(plan);
    return {script: exam.script, files: examScriptFiles(exam), cnfs: (dir: string) => `${dir}/${EXAM_CNF}`};
  },
} as const;
type Style = keyof typeof STYLES;

/** Plan validation refuses hostile values first; the emitter's allow-lists are the second line (still exit 2). */
function emitOrRefuse(plan: Plan, style: Style): ReturnType<(typeof STYLES)[Style]> {
  try {
    return STYLES[style](plan);
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
  const style = values.style as string;
  if (!Object.hasOwn(STYLES, style)) throw new UsageError(`--style must be ${Object.keys(STYLES).join(' or ')}, not ${JSON.stringify(style)}`);
  const plan = await planFromOption(values.plan, io);
  const emitted = emitOrRefuse(plan, style as Style);
  if (values.stdout === true) {
    io.stdout(emitted.script);
    return 0;
  }
  try {
    await writeFolderFiles(out, emitted.files, {force: values.force === true});
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
  const target = style === 'exam' ? `./${EXAM_DEFAULT_TARGET}` : `${shown}/pki`;
  io.stderr(
    `wrote ${shown}/${SCRIPT_FILE}, ${emitted.cnfs(shown)} and ${shown}/README.md\n` +
      `Read it, then run: bash ${shown}/${SCRIPT_FILE} [TARGET]   (TARGET defaults to ${target}; needs OpenSSL >= 3.0)\n`,
  );
  return 0;
};
