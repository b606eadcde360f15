// Entry for `kubepki practice` on a terminal: mounts the PracticeApp and resolves when the run ends.

import {render} from 'ink';
import type {Session} from '../../../practice/session.js';
import {PracticeApp} from './PracticeApp.js';

export async function runInkPractice(session: Session): Promise<void> {
  const instance = render(<PracticeApp session={session} onDone={() => undefined} />, {exitOnCtrlC: false, patchConsole: true});
  await instance.waitUntilExit();
}
