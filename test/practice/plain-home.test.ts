// The chooser and lab screen in plain mode, through a fake Prompter: the same choices and words as the Ink
// runner, a lab made and checked (failing untouched, passing after an openssl solution), a busy folder refused.

import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runPlainPracticeHome} from '../../src/practice/plain-home.js';
import {selectQuestions} from '../../src/practice/session.js';
import type {Choice, Prompter} from '../../src/ui/plain/prompter.js';
import {hasBinary} from '../support/binaries.js';
import {solveKubeletClient, testLabWork} from '../support/lab-solutions.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kubepki-plain-home-'));
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** An answer, or work to do before answering (a learner solving the lab in another terminal). */
type Step = string | (() => Promise<string>);

/** Answers each prompt in turn; a select answer must be one of its choices, and the choices are recorded. */
function prompter(script: Step[]) {
  const asked: {message: string; choices?: string[]; default?: string}[] = [];
  const next = async (message: string) => {
    const step = script.shift();
    if (step === undefined) throw new Error(`no scripted answer for ${message}`);
    return typeof step === 'function' ? step() : step;
  };
  const p: Prompter = {
    input: async (o) => {
      asked.push({message: o.message, ...(o.default !== undefined ? {default: o.default} : {})});
      const a = await next(o.message);
      return a === '' && o.default !== undefined ? o.default : a;
    },
    select: async <T extends string>(o: {message: string; choices: Choice<T>[]}) => {
      asked.push({message: o.message, choices: o.choices.map((c) => c.name)});
      const a = await next(o.message);
      if (!o.choices.some((c) => c.value === a)) throw new Error(`${a} is not a choice of ${o.message}: ${o.choices.map((c) => c.value).join(', ')}`);
      return a as T;
    },
    confirm: async () => {
      throw new Error('the practice chooser asks no yes/no question');
    },
  };
  return {p, asked};
}

describe('plain practice home', () => {
  it('questions: the counts on each choice, and the choice made', async () => {
    const {p, asked} = prompter(['questions', 'sans', '2', 'exam']);
    const outcome = await runPlainPracticeHome({work: testLabWork(root, 'q'), prompter: p, write: () => undefined});
    expect(outcome).toEqual({type: 'questions', choice: {type: 'questions', topic: 'sans', level: 2, exam: true}, labs: []});
    expect(asked[1]!.choices).toContain(`Subject alternative names: ${selectQuestions({topic: 'sans'}).length} questions`);
    expect(asked[2]!.choices).toContain(`Level 2: exam: ${selectQuestions({topic: 'sans', level: 2}).length} questions`);
    expect(asked[2]!.choices!.at(-1)).toBe('← Back');
  });

  it.runIf(hasBinary('openssl'))('a lab: TASK.md, check fails untouched, passes after openssl, back, quit keeps the lab', async () => {
    const out: string[] = [];
    const dir = join(root, 'kubelet-client-cert-plain');
    const {p, asked} = prompter(['lab', 'kubelet-client-cert', '', 'check', async () => {
      await solveKubeletClient(dir);
      return 'check';
    }, 'back', '__back', 'quit']);
    const outcome = await runPlainPracticeHome({work: testLabWork(root, 'plain'), prompter: p, write: (t) => out.push(t), width: 80});
    expect(outcome).toEqual({type: 'quit', labs: [{id: 'kubelet-client-cert', dir}]});
    expect(asked[2]).toEqual({message: 'Folder (empty or new)', default: dir});
    const text = out.join('');
    expect(text.split('\n').filter((l) => l.length > 80)).toEqual([]);
    expect(text).toContain(`cd ${dir} && cat TASK.md`);
    expect(text).toContain('- `node01.crt`: the certificate, valid for client authentication');
    expect(text).toMatch(/Check 1: 0 of \d+ right\.\n✘ node01.crt is missing/);
    expect(text).toMatch(/Check 2: (\d+) of \1 right: every item passes, the lab is done\.\n✔ /);
  }, 60_000);

  it('refuses a busy folder with the line `practice lab` says, and asks again', async () => {
    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const out: string[] = [];
    const {p, asked} = prompter(['lab', 'etcd-client', busy, 'busy/../other', 'quit']);
    // The busy folder goes to the real lab maker; the second folder to a stub (this test is about the refusal).
    const real = testLabWork(root, 'busy');
    const work = {...real, make: async (id: string, d: string) => (d === busy ? real.make(id, d) : '# Talk to etcd\n')};
    await runPlainPracticeHome({work, prompter: p, write: (t) => out.push(t)});
    expect(out.join('').replace(/\s+/g, ' ')).toContain(`✘ ${busy} is not empty; a lab needs an empty or new folder`);
    expect(asked.filter((a) => a.message === 'Folder (empty or new)')).toHaveLength(2);
  });
});
