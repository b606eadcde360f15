// The layout rules: the step columns add up to the terminal, the frame's rows never exceed it, and every
// step, in its heaviest states, renders at 80×24, 120×35 and 60×20 with no line wider and no frame taller
// than the terminal (Ink clears and redraws the whole screen when a frame reaches the last row).

import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers, withPlan, type Answers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import type {Draft, ListSpec} from '../../src/ui/fields.js';
import {App} from '../../src/ui/ink/App.js';
import {frameRows, stepColumns, WIDE, wrapWords} from '../../src/ui/ink/layout.js';
import {fit, widthOf, type Line} from '../../src/ui/ink/lines/line.js';
import {STEPS, stepList} from '../../src/ui/steps.js';
import {initialState, type WizardState} from '../../src/ui/wizard-state.js';
import {resize, settle} from '../support/ink.js';

describe('layout rules', () => {
  it('stepColumns: side by side from WIDE, the columns adding up to the terminal', () => {
    for (let columns = 40; columns <= 220; columns++) {
      const c = stepColumns(columns);
      expect(c.wide, String(columns)).toBe(columns >= WIDE);
      if (c.wide) {
        expect(c.main + c.gap + c.why).toBe(columns);
        expect(c.why).toBeLessThanOrEqual(44);
      } else {
        expect([c.main, c.why]).toEqual([columns, columns]);
      }
    }
  });

  it('frameRows: header, question and body, why and preview never exceed the rows; the preview gets the rest', () => {
    for (const wide of [false, true]) {
      for (let rows = 8; rows <= 40; rows += 4) {
        for (let main = 1; main <= 45; main += 2) {
          for (const why of [2, 5, 9]) {
            const f = frameRows({rows, main, why, wide});
            const top = wide ? Math.max(f.main, f.why) : f.main + (f.showWhy ? 1 + f.why : 0);
            const height = 1 + top + (f.preview > 0 ? 2 + f.preview : 0);
            const label = JSON.stringify({rows, main, why, wide, f});
            expect(height, label).toBeLessThanOrEqual(rows);
            if (f.preview > 0) expect(height, label).toBe(rows);
            if (f.main === main && f.why === (f.showWhy ? why : 0) && f.preview === 0) expect(height, label).toBeGreaterThan(rows - 3);
          }
        }
      }
    }
  });

  it('fit cuts a styled line to the width with an ellipsis; wrapWords keeps a bullet’s indent', () => {
    const line: Line = [{text: '› ', color: 'cyan'}, {text: 'Cluster name  '}, {text: 'kubernetes', bold: true}];
    for (let width = 0; width <= 30; width++) expect(widthOf(fit(line, width))).toBeLessThanOrEqual(width);
    expect(fit(line, 12).map((s) => s.text).join('')).toBe('› Cluster n…');
    expect(fit(line, 40)).toBe(line);
    expect(wrapWords('  • one two three', 9)).toEqual(['  • one', 'two three']);
  });
});

const nodes = [
  {name: 'cp-1', address: '192.168.56.11', role: 'control-plane' as const},
  {name: 'cp-2', address: '192.168.56.12', role: 'control-plane' as const},
  {name: 'cp-3', address: '192.168.56.13', role: 'control-plane' as const},
  ...[1, 2, 3, 4, 5, 6, 7].map((i) => ({name: `worker-${i}`, address: `192.168.56.${20 + i}`, role: 'worker' as const})),
];
const users = ['jane', 'john', 'ops', 'ci', 'auditor', 'dev'].map((name) => ({name, groups: ['developers', 'qa']}));
const big = (): Answers => {
  const a = initialAnswers(basePlan(nodes, users), '/tmp/kubepki-layout/pki');
  return withPlan(a, (p) => void (p.apiServer.certSANs = ['api.example.com', '10.0.0.100']));
};

/** A draft with problems in every field it has: the most rows an edited item takes. */
const WORST_DRAFT: Record<ListSpec['id'], Draft> = {
  nodes: {name: 'Not A Name', address: 'nowhere', role: 'worker'},
  users: {name: 'root', groups: 'system:masters, developers', allowSystemGroups: 'no'},
  sans: {value: 'not a name!'},
};

function states(): [string, WizardState][] {
  const a = big();
  const bad = {...withPlan(a, (p) => {
    p.networking.serviceSubnet = '10.96.0.0/12x';
    p.certificates.certificateValidityPeriod = 'soon';
  }), out: ''};
  return STEPS.flatMap((step, i): [string, WizardState][] => {
    const at: WizardState = {...initialState(a, 'step'), step: i, touched: true};
    // The heaviest states also ask the quit question, which takes rows under the frame.
    const heavy: WizardState = {...at, confirmQuit: true};
    const list = stepList(step);
    return [
      [step.id, at],
      ...(list ? [[`${step.id} adding`, {...heavy, edit: {index: -1, draft: WORST_DRAFT[list.id], focus: 1, showErrors: true}}] as [string, WizardState]] : []),
      ...(step.body.kind === 'form' ? [[`${step.id} with errors`, {...heavy, answers: bad, showErrors: true}] as [string, WizardState]] : []),
      ...(step.body.kind === 'review' ? [[`${step.id} with openssl`, {...heavy, cursor: 5, showCommands: true}] as [string, WizardState]] : []),
      [`${step.id} help`, {...at, showHelp: true}],
    ];
  });
}

// 60×20 is shorter than an edited item with its messages: the preview and the question give way.
describe.each([[80, 24], [120, 35], [60, 20]])('every step at %i×%i', (columns, rows) => {
  it('fits: no line wider, no frame taller than the terminal', async () => {
    for (const [name, start] of states()) {
      const app = render(<App start={start} deps={realDeps} />);
      resize(app.stdout, columns, rows);
      await settle();
      const frame = app.lastFrame() ?? '';
      const lines = frame.split('\n');
      expect(frame, name).toContain('kubepki · ');
      expect(Math.max(...lines.map((l) => l.length)), `${name}\n${frame}`).toBeLessThanOrEqual(columns);
      expect(lines.length, `${name}\n${frame}`).toBeLessThan(rows);
      app.unmount();
    }
  });
});
