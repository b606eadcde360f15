// Bare `kubepki`: the guided wizard. Ink on a terminal, @inquirer/prompts with --plain (or TERM=dumb); each is
// imported only once it is clear which one runs, so a missing terminal is reported without loading either.

import type {Outcome} from '../../ui/wizard-state.js';
import {CancelledError, type CommandRun} from '../command.js';
import {mainHelp} from '../run.js';

export const NO_TTY_MESSAGE = 'the wizard needs a terminal; run `kubepki generate --plan FILE` instead (or `kubepki --plain`)';

export const run: CommandRun = async ({values, io}) => {
  const plain = values.plain === true || io.env.TERM === 'dumb';
  if (!plain && !io.isTTY) {
    io.stderr(`${mainHelp()}kubepki: ${NO_TTY_MESSAGE}\n`);
    return 2;
  }
  const {planFromOption} = await import('../plan-option.js');
  const plan = await planFromOption(values.plan, io);
  const {initialAnswers} = await import('../../ui/answers.js');
  const {realDeps} = await import('../../ui/deps.js');
  const answers = initialAnswers(plan, typeof values.out === 'string' && values.out ? values.out : './pki');
  let outcome: Outcome;
  if (plain) {
    const [{runPlainWizard}, {inquirerPrompter}] = await Promise.all([import('../../ui/plain/run.js'), import('../../ui/plain/prompter.js')]);
    // Plain mode has no raw mode: Ctrl+C during generation is a SIGINT, which aborts the run.
    const controller = new AbortController();
    const onSigint = () => controller.abort(new CancelledError());
    process.once('SIGINT', onSigint);
    try {
      outcome = await runPlainWizard({answers, prompter: await inquirerPrompter(), deps: realDeps, write: io.stderr, signal: controller.signal, home: true,
        ...(process.stderr.columns ? {columns: process.stderr.columns} : {})});
    } finally {
      process.off('SIGINT', onSigint);
    }
  } else {
    const {runInkWizard} = await import('../../ui/ink/run.js');
    outcome = await runInkWizard({answers, deps: realDeps});
  }
  if (outcome.type === 'cancelled') throw new CancelledError();
  // Practice is its own full-screen runner: the wizard hands over to it, as `kubepki practice` would start.
  if (outcome.type === 'practice') return (await import('./practice.js')).run({values: plain ? {plain: true} : {}, positionals: [], io});
  if (outcome.type === 'done') io.stderr(`Done. Read ${outcome.result.out}/README.md for what goes where; the plan is in ${outcome.result.planFile.path}.\n`);
  return 0;
};
