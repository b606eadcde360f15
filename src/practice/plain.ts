// The line-by-line practice runner (--plain, screen readers, logs): the same session and text as the Ink one,
// asked through the Prompter plain mode already uses.

import type {Prompter} from '../ui/plain/prompter.js';
import {wrapWords} from '../ui/ink/layout.js';
import type {Session} from './session.js';
import {labIntro, questionParas, summaryParas, verdictParas, type Para} from './text.js';

export interface PlainPracticeOptions {
  session: Session;
  prompter: Prompter;
  write: (text: string) => void;
  now?: () => Date;
  width?: number;
}

export function renderParas(paras: readonly Para[], width: number): string {
  return paras
    .map((p) => wrapWords(p.text, width - (p.hang ?? 0)).map((row, i) => (i > 0 && p.hang ? `${' '.repeat(p.hang)}${row}` : row)).join('\n'))
    .join('\n');
}

export async function runPlainPractice({session, prompter, write, now = () => new Date(), width = 80}: PlainPracticeOptions): Promise<void> {
  const say = (paras: Para[]) => write(`${renderParas(paras, width)}\n\n`);
  say(labIntro(session.lab));
  for (let current = session.ask(); current; current = session.ask()) {
    const {question, asked} = current;
    say(questionParas(question, asked, session.position, session.timeLeft(now())));
    let input: string;
    if (asked.choices) {
      input = await prompter.select({message: 'Your answer', choices: asked.choices.map((c, i) => ({value: String(i + 1), name: `${i + 1}. ${c}`}))});
    } else {
      input = await prompter.input({message: 'Your answer (empty to skip)'});
    }
    const rec = input.trim() === '' ? await session.skip(now()) : await session.answer(input, now());
    // In an exam the feedback waits for the end, as on the real one.
    if (!session.exam) say(verdictParas(rec));
  }
  say(summaryParas(session));
}
