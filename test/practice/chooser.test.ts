// The chooser as a pure reducer: questions by topic, level and exam with the counts of the bank, a lab and its
// folder, Esc back a step at a time, and the lab screen's check, feedback and scrolling.

import {describe, expect, it} from 'vitest';
import {chooserMenu, chooserReducer, initialChooser, suggestFolder, type ChooserAction, type ChooserState} from '../../src/practice/chooser.js';
import {homeKeymap, homeReducer, initialHome, footerText, type HomeAction, type HomeState} from '../../src/practice/home-state.js';
import {checkSummary, feedbackParas, initialLabScreen, labScreenReducer, shownTop, taskParas} from '../../src/practice/lab-screen.js';
import {LABS} from '../../src/practice/labs/definitions.js';
import {selectQuestions} from '../../src/practice/session.js';
import {TOPICS} from '../../src/practice/types.js';

const run = (s: ChooserState, ...actions: ChooserAction[]) => actions.reduce((x, a) => chooserReducer(x, a), s);
const sel = (value?: string): ChooserAction => (value === undefined ? {type: 'select'} : {type: 'select', value});

describe('the chooser', () => {
  it('offers questions or a lab, and counts the bank’s questions per topic and level', () => {
    const start = initialChooser();
    expect(chooserMenu(start).options.map((o) => o.value)).toEqual(['questions', 'lab', 'quit']);
    const topic = run(start, sel('questions'));
    const menu = chooserMenu(topic);
    expect(menu.options.map((o) => o.value)).toEqual(['all', ...TOPICS]);
    expect(menu.options[0]!.hint).toBe(`${selectQuestions({}).length} questions`);
    expect(menu.options.find((o) => o.value === 'sans')!.hint).toBe(`${selectQuestions({topic: 'sans'}).length} questions`);
    const level = chooserMenu(run(topic, sel('sans')));
    expect(level.options.map((o) => o.label)).toEqual(['Level 1: foundation', 'Level 2: exam', 'Level 3: expert']);
    expect(level.options[1]!.hint).toBe(`${selectQuestions({topic: 'sans', level: 2}).length} questions`);
  });

  it('ends with the questions chosen: topic, level and exam', () => {
    const s = run(initialChooser(), sel('questions'), sel('rbac'), sel('2'), sel('exam'));
    expect(s.chosen).toEqual({type: 'questions', topic: 'rbac', level: 2, exam: true});
    const all = run(initialChooser(), sel(), sel(), sel(), sel());
    expect(all.chosen).toEqual({type: 'questions', level: 3, exam: false});
    expect(chooserMenu(run(initialChooser(), sel(), sel(), sel())).options[1]!.hint).toMatch(/^20 questions in 40 minutes/);
  });

  it('moves with the cursor, picks by number, and goes back one step at a time with the cursor on the last choice', () => {
    let s = run(initialChooser(), {type: 'move', by: 1}, sel());
    expect(s.step).toBe('lab');
    s = run(s, {type: 'pick', index: 2});
    expect([s.step, s.lab, s.folder]).toEqual(['folder', LABS[2]!.id, `./kubepki-lab-${LABS[2]!.id}`]);
    s = run(s, {type: 'back'});
    expect([s.step, s.cursor]).toEqual(['lab', 2]);
    s = run(s, {type: 'back'});
    expect([s.step, s.cursor]).toEqual(['mode', 1]);
    expect(run(s, {type: 'back'}).quit).toBe(true);
    expect(run(s, {type: 'move', by: -2}).cursor).toBe(2); // wraps around
  });

  it('edits the folder, refuses an empty one, and says why a folder was refused until the next key', () => {
    let s = run(initialChooser(), sel('lab'), sel('create-user'));
    s = run(s, ...Array.from({length: s.folder.length}, (): ChooserAction => ({type: 'erase'})), sel());
    expect(s.problem).toBe('type a folder for the lab');
    s = run(s, {type: 'type', text: 'my-lab'}, sel());
    expect(s.chosen).toEqual({type: 'lab', id: 'create-user', folder: 'my-lab'});
    s = run(s, {type: 'refused', reason: '/x/my-lab is not empty; a lab needs an empty or new folder'});
    expect(s.problem).toMatch(/not empty/);
    expect(run(s, {type: 'type', text: '2'}).problem).toBeUndefined();
  });

  it('suggests the first folder not in use', () => {
    expect(suggestFolder('etcd-client', () => false)).toBe('./kubepki-lab-etcd-client');
    const used = new Set(['./kubepki-lab-etcd-client', './kubepki-lab-etcd-client-2']);
    expect(suggestFolder('etcd-client', (f) => used.has(f))).toBe('./kubepki-lab-etcd-client-3');
  });
});

describe('the lab screen', () => {
  const items = [{id: 'a', pass: true, message: 'made from john.key'}, {id: 'b', pass: false, message: 'john.crt is missing'}];

  it('shows TASK.md as paragraphs: headings, bullets with a hang, code without fences', () => {
    const paras = taskParas('# Title\n\nText **bold** here\nand on\n\n- `john.key`: a key\n  of EC\n- `john.csr`\n\n```\nkubepki practice check x --dir d\nsecond\n```\n');
    expect(paras).toEqual([
      {text: 'Title', tone: 'title'}, {text: ''}, {text: 'Text bold here and on'}, {text: ''},
      {text: '- `john.key`: a key of EC', hang: 2}, {text: '- `john.csr`', hang: 2}, {text: ''},
      {text: 'kubepki practice check x --dir d', tone: 'code', hang: 2}, {text: 'second', tone: 'code', hang: 2},
    ]);
  });

  it('checks as often as asked: each check numbered, a mark per item and "n of m right"', () => {
    let s = initialLabScreen({id: 'create-user', title: 'T'}, '/tmp/lab', '# T');
    expect(feedbackParas(s)).toEqual([{text: 'Not checked yet.', tone: 'dim'}]);
    s = labScreenReducer(s, {type: 'check'});
    expect(feedbackParas(s)[0]!.text).toBe('Checking your work…');
    s = labScreenReducer(s, {type: 'checked', items});
    expect(feedbackParas(s).map((p) => p.text)).toEqual(['Check 1: 1 of 2 right.', '✔ made from john.key', '✘ john.crt is missing']);
    s = labScreenReducer(labScreenReducer(s, {type: 'check'}), {type: 'checked', items: [items[0]!]});
    expect(feedbackParas(s)[0]!.text).toBe('Check 2: 1 of 1 right: every item passes, the lab is done.');
    s = labScreenReducer(labScreenReducer(s, {type: 'check'}), {type: 'check-failed', message: 'x is not a lab folder'});
    expect(feedbackParas(s)[0]).toMatchObject({text: 'Check 3: the check could not run: x is not a lab folder', tone: 'bad'});
    expect(checkSummary(items)).toBe('1 of 2 right.');
  });

  it('scrolls within the text and jumps to the feedback after a check', () => {
    let s = labScreenReducer(initialLabScreen({id: 'x', title: 'T'}, '/d', ''), {type: 'layout', max: 30, feedbackAt: 25});
    s = labScreenReducer(s, {type: 'scroll', by: 10});
    s = labScreenReducer(s, {type: 'scroll', by: 100});
    expect(shownTop(s)).toBe(30);
    s = labScreenReducer(s, {type: 'scroll', by: -100});
    expect(shownTop(s)).toBe(0);
    s = labScreenReducer(labScreenReducer(s, {type: 'check'}), {type: 'checked', items});
    expect(shownTop(s)).toBe(25);
    expect(shownTop(labScreenReducer(s, {type: 'scroll', by: -1}))).toBe(24);
  });
});

describe('the practice home', () => {
  const work = {resolve: (f: string) => `/work/${f.replace(/^\.\//, '')}`};
  const act = (s: HomeState, ...actions: HomeAction[]) => actions.reduce((x, a) => homeReducer(x, a, work), s);
  const ch = (action: ChooserAction): HomeAction => ({type: 'chooser', action});

  it('makes the lab in the resolved folder, opens its screen, goes back to the labs, and remembers each lab made', () => {
    let s = act(initialHome(), ch(sel('lab')), ch(sel('etcd-client')), ch(sel()));
    expect(s.making).toEqual({id: 'etcd-client', dir: '/work/kubepki-lab-etcd-client'});
    s = act(s, {type: 'made', id: 'etcd-client', dir: '/work/kubepki-lab-etcd-client', task: '# Talk'});
    expect([s.making, s.lab?.title, s.labs]).toEqual([undefined, 'Talk to etcd with etcdctl', [{id: 'etcd-client', dir: '/work/kubepki-lab-etcd-client'}]]);
    expect(footerText(homeKeymap(s))).toBe('Enter/c check my work · ↑↓ PgUp PgDn scroll · Esc other labs · q quit (the lab stays)');
    s = act(s, {type: 'leave-lab'});
    expect([s.lab, s.chooser.step, chooserMenu(s.chooser).options[s.chooser.cursor]!.value]).toEqual([undefined, 'lab', 'etcd-client']);
    expect(act(s, {type: 'quit'}).outcome).toEqual({type: 'quit', labs: [{id: 'etcd-client', dir: '/work/kubepki-lab-etcd-client'}]});
  });

  it('a refused folder stays on the folder step with the reason; questions end the chooser', () => {
    const s = act(initialHome(), ch(sel('lab')), ch(sel('etcd-client')), ch(sel()), {type: 'make-failed', reason: '/work/x is not empty; a lab needs an empty or new folder'});
    expect([s.making, s.chooser.step, s.chooser.problem]).toEqual([undefined, 'folder', '/work/x is not empty; a lab needs an empty or new folder']);
    const q = act(initialHome(), ch(sel('questions')), ch(sel('sans')), ch(sel('1')), ch(sel('practice')));
    expect(q.outcome).toEqual({type: 'questions', choice: {type: 'questions', topic: 'sans', level: 1, exam: false}, labs: []});
  });

  it('maps keys by screen: letters type in the folder field, q quits elsewhere', () => {
    const folder = act(initialHome(), ch(sel('lab')), ch(sel('etcd-client')));
    const key = (s: HomeState, input: string, k = {}) => homeKeymap(s).find((b) => b.match(input, k))?.action(input);
    expect(key(folder, 'q')).toEqual(ch({type: 'type', text: 'q'}));
    expect(key(initialHome(), 'q')).toEqual({type: 'quit'});
    expect(key(initialHome(), '2')).toEqual(ch({type: 'pick', index: 1}));
    expect(key(folder, 'c', {ctrl: true})).toEqual({type: 'cancel'});
  });
});
