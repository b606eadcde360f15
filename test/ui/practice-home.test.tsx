// The practice chooser and lab screen at 80×24 and 120×35: the chooser with its counts, a lab made in a
// folder, TASK.md whole (scrolled, wrapped, never cut), "check my work" failing on the untouched lab and passing
// after a solution done with real openssl, Esc back to the labs, and a quit that names the lab kept.

import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {PracticeOutcome} from '../../src/practice/home-state.js';
import {LABS} from '../../src/practice/labs/definitions.js';
import {selectQuestions} from '../../src/practice/session.js';
import {PracticeHome} from '../../src/ui/ink/practice/PracticeHome.js';
import {hasBinary} from '../support/binaries.js';
import {eventuallyFrameWith, flat, frameWith, KEY, press, resize, settle} from '../support/ink.js';
import {solveKubeletClient, testLabWork} from '../support/lab-solutions.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kubepki-practice-home-'));
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

const LAB = 'kubelet-client-cert';
const labKey = String(LABS.findIndex((l) => l.id === LAB) + 1);

function mount(columns: number, rows: number, tag: string) {
  let outcome: PracticeOutcome | undefined;
  const app = render(<PracticeHome work={testLabWork(root, tag)} onExit={(o) => (outcome = o)} />);
  resize(app.stdout, columns, rows);
  return {app, outcome: () => outcome};
}

const fits = (frame: string, columns: number, rows: number) => {
  const lines = frame.split('\n');
  expect(lines.filter((l) => l.length > columns)).toEqual([]);
  expect(lines.length).toBeLessThanOrEqual(rows);
  expect(frame).not.toContain('…');
};

describe.runIf(hasBinary('openssl')).each([[80, 24], [120, 35]])('practice home at %i×%i', (columns, rows) => {
  it('chooser → a lab → TASK.md → check fails untouched, passes solved → Esc → quit keeps the lab', async () => {
    const {app, outcome} = mount(columns, rows, `${columns}`);
    await settle();
    const home = await frameWith(app.lastFrame, 'A hands-on lab');
    fits(home, columns, rows);
    expect(flat(home)).toContain(`${selectQuestions({}).length} questions in the bank`);

    await press(app.stdin, '2');
    const list = await frameWith(app.lastFrame, 'Each lab is');
    fits(list, columns, rows);
    await press(app.stdin, labKey);
    const dir = join(root, `${LAB}-${columns}`);
    expect(flat(await frameWith(app.lastFrame, 'must be empty or new'))).toContain(`› ${dir}`);
    await press(app.stdin, KEY.enter);

    const screen = await eventuallyFrameWith(app.lastFrame, `Practice lab · ${LAB}`, 60_000);
    fits(screen, columns, rows);
    expect(flat(screen)).toContain(`cd ${dir} && cat TASK.md`);
    // TASK.md whole: scroll to the end, one row at a time, and every word of it was on screen.
    const task = await readFile(join(dir, 'TASK.md'), 'utf8');
    let seen = flat(screen);
    for (let i = 0; i < 60 && !app.lastFrame()!.includes('Not checked yet'); i++) {
      await press(app.stdin, KEY.down);
      fits(app.lastFrame()!, columns, rows);
      seen += flat(app.lastFrame()!);
    }
    for (const word of task.replaceAll('**', '').replaceAll('```', '').split(/\s+/).filter((w) => w && !/^#+$/.test(w))) expect(seen).toContain(word);

    await press(app.stdin, 'c');
    const failing = await eventuallyFrameWith(app.lastFrame, 'Check 1:', 20_000);
    fits(failing, columns, rows);
    expect(failing).toContain('✘ node01.crt is missing');
    expect(flat(failing)).toMatch(/Check 1: 0 of \d+ right\./);

    await solveKubeletClient(dir);
    await press(app.stdin, KEY.enter);
    const passing = await eventuallyFrameWith(app.lastFrame, 'Check 2:', 20_000);
    fits(passing, columns, rows);
    expect(flat(passing)).toMatch(/Check 2: (\d+) of \1 right: every item passes, the lab is done\./);
    expect(passing).not.toContain('✘');
    expect(passing.match(/✔/g)!.length).toBeGreaterThanOrEqual(3);

    await press(app.stdin, KEY.esc);
    const back = await frameWith(app.lastFrame, 'Each lab is');
    expect(back).toMatch(new RegExp(`› ${labKey}\\. ${LABS[Number(labKey) - 1]!.title}`));
    await press(app.stdin, 'q');
    await settle();
    expect(outcome(), app.lastFrame()).toEqual({type: 'quit', labs: [{id: LAB, dir}]});
    app.unmount();
  }, 120_000);
});

describe('practice home', () => {
  it('refuses a folder that is not empty with the one line `practice lab` says, and stays on the folder', async () => {
    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const {app} = mount(80, 24, 'busy');
    await settle();
    await press(app.stdin, '2', labKey);
    await frameWith(app.lastFrame, 'must be empty or new');
    // Clear the suggestion, type the busy folder's name (relative to the root).
    await press(app.stdin, ...Array.from({length: 200}, () => KEY.backspace).join(''), 'busy', KEY.enter);
    const refused = await eventuallyFrameWith(app.lastFrame, 'is not empty', 20_000);
    expect(flat(refused)).toContain(`✘ ${busy} is not empty; a lab needs an empty or new folder`);
    expect(refused).toContain('› busy');
    app.unmount();
  });

  it('questions: topic, level and exam end the chooser with that choice', async () => {
    const {app, outcome} = mount(80, 24, 'q');
    await settle();
    await press(app.stdin, KEY.enter);
    const topics = await frameWith(app.lastFrame, 'Which topic?');
    fits(topics, 80, 24);
    expect(flat(topics)).toContain(`Subject alternative names ${selectQuestions({topic: 'sans'}).length} questions`);
    await press(app.stdin, KEY.down, KEY.down, KEY.down, KEY.enter);
    const levels = await frameWith(app.lastFrame, 'Level 2: exam');
    expect(flat(levels)).toContain(`Level 2: exam ${selectQuestions({topic: 'sans', level: 2}).length} questions`);
    await press(app.stdin, '2', '2');
    await settle();
    expect(outcome()).toEqual({type: 'questions', choice: {type: 'questions', topic: 'sans', level: 2, exam: true}, labs: []});
    app.unmount();
  });
});
