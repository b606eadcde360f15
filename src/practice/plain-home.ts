// The chooser and the lab screen line by line (--plain, screen readers, logs): the same reducer and words as
// the Ink runner, asked through plain mode's Prompter; "← Back" stands for Esc.

import {isPromptExit, type Prompter} from '../ui/plain/prompter.js';
import {chooserMenu} from './chooser.js';
import {checkWork, homeReducer, initialHome, makeWork, makingParas, type HomeAction, type HomeState, type LabWork, type PracticeOutcome} from './home-state.js';
import {feedbackParas, labHeadParas, taskParas} from './lab-screen.js';
import {renderParas} from './plain.js';
import type {Para} from './text.js';

export interface PlainHomeOptions {
  work: LabWork;
  prompter: Prompter;
  write: (text: string) => void;
  width?: number;
}

const BACK = '__back';
type LabMove = 'check' | 'task' | 'back' | 'quit';

export async function runPlainPracticeHome({work, prompter, write, width = 80}: PlainHomeOptions): Promise<PracticeOutcome> {
  const say = (paras: Para[]) => write(`${renderParas(paras, width)}\n\n`);
  let s: HomeState = initialHome();
  const act = (a: HomeAction) => (s = homeReducer(s, a, work));
  try {
    while (!s.outcome) {
      if (s.lab) {
        await labTurn();
        continue;
      }
      const menu = chooserMenu(s.chooser);
      say([{text: menu.title, tone: 'title'}, {text: menu.intro, tone: 'dim'}]);
      if (s.chooser.step === 'folder') {
        const folder = await prompter.input({message: 'Folder (empty or new)', default: s.chooser.folder});
        act({type: 'chooser', action: {type: 'set-folder', folder}});
        act({type: 'chooser', action: {type: 'select'}});
      } else {
        const back = s.chooser.step === 'mode' ? [] : [{value: BACK, name: '← Back'}];
        const value = await prompter.select({message: menu.title, choices: [
          ...menu.options.map((o) => ({value: o.value, name: o.hint ? `${o.label}: ${o.hint}` : o.label})), ...back]});
        act({type: 'chooser', action: value === BACK ? {type: 'back'} : {type: 'select', value}});
      }
      if (s.chooser.problem) say([{text: `✘ ${s.chooser.problem}`, tone: 'bad', hang: 2}]);
      const making = s.making;
      if (making) {
        say(makingParas(making));
        act(await makeWork(work, making));
        if (s.lab) say(labParas());
        else say([{text: `✘ ${s.chooser.problem}`, tone: 'bad', hang: 2}]);
      }
    }
    return s.outcome;
  } catch (error) {
    if (!isPromptExit(error)) throw error;
    return {type: 'cancelled', labs: s.labs};
  }

  function labParas(): Para[] {
    return [...labHeadParas(s.lab!), {text: ''}, ...taskParas(s.lab!.task)];
  }

  async function labTurn(): Promise<void> {
    const move = await prompter.select<LabMove>({message: 'Your lab', choices: [
      {value: 'check', name: 'Check my work'},
      {value: 'task', name: 'Show the task again'},
      {value: 'back', name: '← Other labs (this one stays)'},
      {value: 'quit', name: 'Quit (the lab stays)'},
    ]});
    if (move === 'task') say(labParas());
    else if (move === 'back') act({type: 'leave-lab'});
    else if (move === 'quit') act({type: 'quit'});
    else {
      act({type: 'lab', action: {type: 'check'}});
      act(await checkWork(work, s.lab!));
      say(feedbackParas(s.lab!));
    }
  }
}
