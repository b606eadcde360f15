// The layout rules: the step columns add up to the terminal, the frame's rows never exceed it, and every
// step, in its heaviest states, renders at 80×24, 120×35 and 60×20 with no line wider and no frame taller
// than the terminal (Ink clears and redraws the whole screen when a frame reaches the last row).

import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {LESSONS} from '../../src/learn/lessons.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {checkPlan} from '../../src/ui/check.js';
import {visibleFields} from '../../src/ui/fields.js';
import {reviewRowsOf} from '../../src/ui/model.js';
import type {ProduceResult} from '../../src/ui/produce.js';
import {describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers, withPlan, type Answers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import type {Draft, ListSpec} from '../../src/ui/fields.js';
import {App} from '../../src/ui/ink/App.js';
import {frameRows, stepColumns, WIDE, wrapWords} from '../../src/ui/ink/layout.js';
import {hanging, widthOf} from '../../src/ui/ink/lines/line.js';
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

  it('wrapWords and hanging wrap, never cut: bullets and labels keep their column, no row starts with a stray space', () => {
    expect(wrapWords('  • one two three', 9, 4)).toEqual(['  • one', '    two', '    three']);
    expect(wrapWords('genrsa -out ca.key 2048   makes a key', 20, 2)).toEqual(['genrsa -out ca.key', '  2048   makes a key']);
    expect(wrapWords('a'.repeat(25), 10, 2)).toEqual(['a'.repeat(10), `  ${'a'.repeat(8)}`, `  ${'a'.repeat(7)}`]);
    // A long joined token breaks after a separator that fits, not in the middle of a flag.
    expect(wrapWords('x --kubelet-client-certificate/--kubelet-client-key', 32, 2))
      .toEqual(['x', '  --kubelet-client-certificate/', '  --kubelet-client-key']);
    expect(wrapWords('DNS:a.example,DNS:b.example', 20)).toEqual(['DNS:a.example,', 'DNS:b.example']);
    // ...but not when the separator would cost a row: a table cell keeps its rows.
    expect(wrapWords('controlplane/pki/apiserver-kubelet-client.crt', 27))
      .toEqual(['controlplane/pki/apiserver-', 'kubelet-client.crt']);
    const rows = hanging([{text: '  DNS kubernetes  '}], 'pods reach the API as the kubernetes Service', 40);
    expect(rows.map((l) => l.map((x) => x.text).join(''))).toEqual([
      '  DNS kubernetes  pods reach the API as',
      '                  the kubernetes Service',
    ]);
    for (const l of rows) expect(widthOf(l)).toBeLessThanOrEqual(40);
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

// Long values a learner may type: a 60-character DNS SAN, a user in five groups, a 40-character node name.
const LONG_SAN = `${'api-'.repeat(13)}lab.example`; // 63 characters
const LONG_NODE = `worker-${'x'.repeat(33)}`; // 40 characters
const longAnswers = (layout: 'kubeadm' | 'flat' = 'kubeadm'): Answers => withPlan(
  initialAnswers(basePlan([
    {name: 'controlplane', address: '192.168.56.11', role: 'control-plane'},
    {name: LONG_NODE, address: '192.168.56.21', role: 'worker'},
  ], [{name: 'john', groups: ['developers', 'qa', 'operators', 'auditors', 'release-managers']}]), './pki'),
  (p) => {
    p.apiServer.certSANs = [LONG_SAN];
    p.controlPlaneEndpoint = `${LONG_SAN.slice(0, 39)}.example:6443`;
    p.certificates.layout = layout;
  });

function doneState(a: Answers): WizardState {
  const checked = checkPlan(a.plan);
  if (!checked.plan) throw new Error(JSON.stringify(checked.problems));
  const model = resolve(checked.plan);
  const files = layoutFiles(model).map((e) => ({path: e.path, mode: e.mode, kind: e.source.type}));
  const result: ProduceResult = {out: a.out, produce: 'both', plan: model.plan, model, files,
    native: {out: a.out, mode: 'native', files, reused: [], certificates: []}, script: {dir: `${a.out}-script`, entry: 'generate-pki.sh', files: []},
    planFile: {path: join(process.cwd(), 'kubepki.yaml'), status: 'created'}};
  return {...initialState(a, 'done'), result};
}

/** Every screen a learner meets, with the long values in place and each focus that shows a note. */
function longStates(): [string, WizardState][] {
  const out: [string, WizardState][] = [];
  for (const layout of ['kubeadm', 'flat'] as const) {
    const a = longAnswers(layout);
    out.push([`home ${layout}`, initialState(a, 'home')]);
    LESSONS.forEach((_, i) => out.push([`lesson ${i}`, {...initialState(a, 'learn'), learnCursor: i}]));
    STEPS.forEach((step, i) => {
      const at: WizardState = {...initialState(a, 'step'), step: i, touched: true};
      out.push([`${step.id} ${layout}`, at], [`${step.id} help`, {...at, showHelp: true}]);
      const fields = step.body.kind === 'form' ? step.body.fields : [];
      fields.forEach((_, f) => out.push([`${step.id} field ${f}`, {...at, focus: f}]));
      const list = stepList(step);
      if (list) {
        list.items(a).forEach((d, k) => {
          out.push([`${step.id} item ${k}`, {...at, cursor: k}]);
          visibleFields(list, d).forEach((_, f) => out.push([`${step.id} editing ${k}.${f}`, {...at, cursor: k, edit: {index: k, draft: d, focus: f, showErrors: true}}]));
        });
      }
      if (step.body.kind === 'review') {
        reviewRowsOf(a).forEach((_, k) => out.push([`review row ${k}`, {...at, cursor: k, showCommands: true}]));
      }
    });
    out.push([`done ${layout}`, doneState(a)], [`done ${layout} scrolled`, {...doneState(a), cursor: 1000}]);
  }
  return out;
}

describe.each([[80, 24], [120, 35]])('long values at %i×%i', (columns, rows) => {
  it('nothing is cut with "…" and nothing is wider or taller than the terminal', async () => {
    const app = render(<App start={initialState(longAnswers())} deps={realDeps} />);
    app.unmount();
    for (const [name, start] of longStates()) {
      const view = render(<App start={start} deps={realDeps} />);
      resize(view.stdout, columns, rows);
      await settle();
      const frame = view.lastFrame() ?? '';
      const lines = frame.split('\n');
      // A "…" is text that was cut.
      expect(lines.filter((l) => l.includes('…')), `${name}\n${frame}`).toEqual([]);
      expect(Math.max(...lines.map((l) => l.length)), `${name}\n${frame}`).toBeLessThanOrEqual(columns);
      expect(lines.length, `${name}\n${frame}`).toBeLessThan(rows);
      view.unmount();
    }
  }, 120_000);
});
