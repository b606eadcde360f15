// A step's body kind decides how each front end shows and drives it: every kind has an Ink screen, keys
// and a plain-mode handler, and no front end names a step by its id.

import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import {LIST_VIEWS} from '../../src/ui/ink/screens/list-views.js';
import {STEP_SCREENS} from '../../src/ui/ink/screens/step-screens.js';
import {keymap, STEP_KEYS} from '../../src/ui/keymap.js';
import type {Choice, Prompter} from '../../src/ui/plain/prompter.js';
import {PLAIN_BODIES, runPlainWizard} from '../../src/ui/plain/run.js';
import {BODY_KINDS, STEPS, stepList} from '../../src/ui/steps.js';
import {initialState} from '../../src/ui/wizard-state.js';

const answers = () => initialAnswers(basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]));

describe('body kinds', () => {
  it('every kind has a screen, keys and a plain handler, and every step has a known kind', () => {
    for (const kind of BODY_KINDS) {
      expect(STEP_SCREENS[kind], kind).toBeTypeOf('function');
      expect(STEP_KEYS[kind], kind).toBeTypeOf('function');
      expect(PLAIN_BODIES[kind], kind).toBeTypeOf('function');
    }
    for (const step of STEPS) expect(BODY_KINDS, step.id).toContain(step.body.kind);
    expect(Object.keys(STEP_SCREENS).sort()).toEqual([...BODY_KINDS].sort());
  });

  it('every list has its Ink view', () => {
    for (const step of STEPS) {
      const list = stepList(step);
      if (list) expect(LIST_VIEWS[list.id], list.id).toBeDefined();
    }
  });

  it('every step offers Enter and Esc; only the last one says generate', () => {
    STEPS.forEach((step, i) => {
      const bindings = keymap({...initialState(answers(), 'step'), step: i});
      const enter = bindings.find((b) => b.keys === 'Enter');
      expect(enter?.label, step.id).toBe(i === STEPS.length - 1 ? 'generate' : 'next');
      expect(bindings.some((b) => b.keys === 'Esc'), step.id).toBe(true);
    });
  });

  it('no file of either front end compares a step id', () => {
    const ids = STEPS.map((s) => s.id).join('|');
    const pattern = new RegExp(`\\.id\\s*[!=]==?\\s*'(${ids})'|'(${ids})'\\s*[!=]==?`);
    const root = fileURLToPath(new URL('../../src/ui', import.meta.url));
    const files = readdirSync(root, {recursive: true, encoding: 'utf8'}).filter((f) => /\.tsx?$/.test(f) && f !== 'steps.ts');
    for (const file of files) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(pattern);
  });

  it('plain mode: the review offers to edit each earlier step that takes answers', async () => {
    let offered: string[] = [];
    const prompter: Prompter = {
      input: async (o) => o.default ?? '',
      select: async <T extends string>(o: {message: string; choices: Choice<T>[]; default?: T}): Promise<T> => {
        if (o.message === 'Review: what next?') {
          offered = o.choices.map((c) => c.name);
          return 'quit' as T;
        }
        return (o.choices.find((c) => c.value === 'next' || c.value === 'skip')?.value ?? o.default ?? o.choices[0]!.value) as T;
      },
      confirm: async () => true,
    };
    const outcome = await runPlainWizard({answers: answers(), prompter, deps: realDeps, write: () => {}});
    expect(outcome).toEqual({type: 'cancelled'});
    expect(offered.filter((n) => n.startsWith('Edit: '))).toEqual([
      'Edit: Cluster', 'Edit: Nodes', 'Edit: Certificate authorities', 'Edit: Client certificates and groups', 'Edit: Server certificates and SANs',
    ]);
  });
});
