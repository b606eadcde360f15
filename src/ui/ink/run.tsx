// Entry for `kubepki` on a terminal: mounts the App with Ctrl+C handled by us (exitOnCtrlC off) and
// resolves with how the wizard ended. Loaded only through `await import()`, so other commands never load Ink.

import {render} from 'ink';
import type {ProduceDeps} from '../produce.js';
import {initialState, type Outcome, type Screen} from '../wizard-state.js';
import type {Answers} from '../answers.js';
import {App} from './App.js';

export interface InkWizardOptions {
  answers: Answers;
  deps: ProduceDeps;
  /** Where to start: Home, or straight into the build steps (`--plan`). */
  screen?: Screen;
}

export async function runInkWizard({answers, deps, screen = 'home'}: InkWizardOptions): Promise<Outcome> {
  let outcome: Outcome = {type: 'cancelled'};
  const start = initialState(answers, screen === 'step' ? 'step' : screen);
  const instance = render(<App start={start} deps={deps} onExit={(o) => (outcome = o)} />, {exitOnCtrlC: false, patchConsole: true});
  await instance.waitUntilExit();
  return outcome;
}
