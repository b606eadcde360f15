// Entries for `kubepki practice` on a terminal: the chooser and lab screen (PracticeHome), and the question
// runner (PracticeApp); each mounts, and resolves when it ends.

import {render} from 'ink';
import type {LabWork, PracticeOutcome} from '../../../practice/home-state.js';
import type {Session} from '../../../practice/session.js';
import {PracticeApp} from './PracticeApp.js';
import {PracticeHome} from './PracticeHome.js';

export async function runInkPractice(session: Session): Promise<void> {
  const instance = render(<PracticeApp session={session} onDone={() => undefined} />, {exitOnCtrlC: false, patchConsole: true});
  await instance.waitUntilExit();
}

export async function runInkPracticeHome(work: LabWork): Promise<PracticeOutcome> {
  let outcome: PracticeOutcome = {type: 'cancelled', labs: []};
  const instance = render(<PracticeHome work={work} onExit={(o) => (outcome = o)} />, {exitOnCtrlC: false, patchConsole: true});
  await instance.waitUntilExit();
  return outcome;
}
