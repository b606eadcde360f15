// Bare `kubepki`: the guided wizard. Ink on a terminal, @inquirer/prompts with --plain (or TERM=dumb);
// both are loaded with `await import()` only here, so --help and the other commands never load them.

import type {Outcome} from '../../ui/wizard-state.js';
import {CancelledError, type Command} from '../command.js';
import {planFromOption} from '../plan-option.js';

export const NO_TTY_MESSAGE = 'the wizard needs a terminal; run `kubepki generate --plan FILE` instead (or `kubepki --plain`)';

export const wizardCommand: Command = {
  name: 'wizard',
  summary: 'the guided wizard: build a cluster PKI step by step, or learn the TLS basics',
  usage: ['[--plan FILE] [--out DIR] [--plain]'],
  options: {
    plan: {type: 'string', arg: 'FILE', help: 'open the wizard pre-filled from this plan'},
    out: {type: 'string', arg: 'DIR', help: 'the output folder it suggests', default: './pki'},
    plain: {type: 'boolean', help: 'ask line by line (screen readers, logs, dumb terminals) instead of the full-screen wizard'},
  },
  examples: ['kubepki', 'kubepki --plan kubepki.yaml', 'kubepki --plain --out /tmp/pki'],
  run: async ({values, io}) => {
    const plain = values.plain === true || io.env.TERM === 'dumb';
    if (!plain && !io.isTTY) {
      const {mainHelp} = await import('../run.js');
      io.stderr(`${mainHelp()}kubepki: ${NO_TTY_MESSAGE}\n`);
      return 2;
    }
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
        outcome = await runPlainWizard({answers, prompter: await inquirerPrompter(), deps: realDeps, write: io.stderr, signal: controller.signal});
      } finally {
        process.off('SIGINT', onSigint);
      }
    } else {
      const {runInkWizard} = await import('../../ui/ink/run.js');
      outcome = await runInkWizard({answers, deps: realDeps});
    }
    if (outcome.type === 'cancelled') throw new CancelledError();
    if (outcome.type === 'done') io.stderr(`Done. Read ${outcome.result.out}/README.md for what goes where; the plan is in ${outcome.result.planFile.path}.\n`);
    return 0;
  },
};
