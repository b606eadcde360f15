// The full-screen practice runner at 80×24 and 120×35: a question, a wrong answer with its teaching feedback,
// the exam clock, and the summary; nothing wider than the terminal, nothing cut with "…".

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createLab, type LabCluster} from '../../src/practice/lab.js';
import {emptyProgress} from '../../src/practice/progress.js';
import {Session} from '../../src/practice/session.js';
import {PracticeApp} from '../../src/ui/ink/practice/PracticeApp.js';
import {poolKeys} from '../support/key-pool.js';
import {frameWith, KEY, press, resize, settle} from '../support/ink.js';

let root: string;
let lab: LabCluster;
const T0 = new Date('2026-12-02T10:00:00Z');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kubepki-practice-ui-'));
  lab = await createLab(join(root, 'lab'), {seed: 11, keys: poolKeys});
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

function mount(session: Session, columns: number, rows: number, now = () => T0) {
  const app = render(<PracticeApp session={session} now={now} onDone={() => undefined} />);
  resize(app.stdout, columns, rows);
  return app;
}

const fits = (frame: string, width: number) => {
  expect(frame.split('\n').filter((l) => l.length > width)).toEqual([]);
  expect(frame).not.toContain('…');
};

describe.each([[80, 24], [120, 35]])('practice at %i×%i', (columns, rows) => {
  it('asks, teaches after a wrong typed answer, and ends with the score', async () => {
    const session = new Session(lab, emptyProgress(), {topic: 'sans', level: 2, count: 2}, T0);
    const typedFirst = session.questions.findIndex((q) => q.kind === 'typed');
    expect(typedFirst).toBeGreaterThanOrEqual(0);
    const app = mount(session, columns, rows);
    await settle();
    fits(await frameWith(app.lastFrame, 'Practice lab'), columns);
    await press(app.stdin, KEY.enter);
    // Answer every question wrongly: choices with a wrong number, typed ones with a wrong value.
    for (let i = 0; i < 2; i++) {
      const current = session.ask()!;
      const frame = await frameWith(app.lastFrame, `Question ${i + 1} of 2`);
      fits(frame, columns);
      if (current.asked.choices) {
        const wrong = current.asked.choices.findIndex((c) => c !== current.asked.answer) + 1;
        await press(app.stdin, String(wrong));
      } else {
        await press(app.stdin, 'wrong.example', KEY.enter);
      }
      const feedback = await frameWith(app.lastFrame, 'Where the truth lives');
      fits(feedback, columns);
      expect(feedback).toContain('✘ Not right');
      await press(app.stdin, KEY.enter);
    }
    const summary = await frameWith(app.lastFrame, 'Score: 0 of 2');
    fits(summary, columns);
    app.unmount();
  });
});

describe('exam mode', () => {
  it('shows the time left and keeps the feedback for the summary', async () => {
    let now = T0;
    const session = new Session(lab, emptyProgress(), {topic: 'tls-basics', count: 1, examMinutes: 2}, T0);
    const app = mount(session, 80, 24, () => now);
    await frameWith(app.lastFrame, 'Practice lab');
    await press(app.stdin, KEY.enter);
    now = new Date(T0.getTime() + 30_000);
    await press(app.stdin, KEY.down, KEY.up);
    expect(await frameWith(app.lastFrame, '1:30 left')).toContain('Question 1 of 1');
    const current = session.ask()!;
    const right = current.asked.choices ? String(current.asked.choices.indexOf(current.asked.answer) + 1) : current.asked.answer;
    await press(app.stdin, ...(current.asked.choices ? [right] : [right, KEY.enter]));
    const summary = await frameWith(app.lastFrame, 'Score: 1 of 1');
    expect(summary).not.toContain('Where the truth lives');
    app.unmount();
  });
});
