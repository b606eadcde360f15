// Home → Inspect's pure parts: the reducer and its keys (path → view → back), the entries and marks a real tree
// reads into, and the rows of the screen at 80×24 and 120×35 (never wider or taller than given).

import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {initialInspect, inspectKeymap} from '../../src/ui/inspect.js';
import type {KeyInfo} from '../../src/ui/keymap.js';
import {loadInspection} from '../../src/ui/inspect-load.js';
import {entryText, inspectEntries, MARKS, tallyText, type Inspection} from '../../src/ui/inspect-text.js';
import {inspectRows} from '../../src/ui/ink/lines/inspect.js';
import {widthOf} from '../../src/ui/ink/lines/line.js';
import {HOME_ITEMS, initialState, wizardReducer, type Action, type WizardState} from '../../src/ui/wizard-state.js';
import {footerLines} from '../../src/ui/ink/lines/footer.js';
import {generateTree} from '../support/generated-tree.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';

const plan = () => basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]);
let tmp: TmpDir;
let out: string;
let inspection: Inspection;
beforeAll(async () => {
  tmp = await tmpDir('kubepki-inspect-state-');
  out = join(tmp.path, 'pki');
  await generateTree('native', plan(), out);
  const loaded = await loadInspection(out);
  if (!loaded.ok) throw new Error(loaded.message);
  inspection = loaded.inspection;
}, 120_000);
afterAll(async () => {
  await tmp.cleanup();
});

const key = (input: string, k: KeyInfo = {}): Action => ({type: 'key', input, key: k});
const run = (s: WizardState, ...actions: Action[]) => actions.reduce(wizardReducer, s);
const home = () => initialState(initialAnswers(plan(), '/nowhere'));
const opened = () => wizardReducer(home(), {type: 'home-select', item: 'inspect'});

describe('the inspect reducer', () => {
  it('Home lists Inspect, Enter on it opens the path field', () => {
    expect(HOME_ITEMS).toContain('inspect');
    const s = wizardReducer({...home(), homeCursor: HOME_ITEMS.indexOf('inspect')}, key('', {return: true}));
    expect(s.screen).toBe('inspect');
    expect(s.inspect).toMatchObject({stage: 'path', path: ''});
  });

  it('letters type into the path (q and ? too), Backspace erases, an empty Enter says so, Esc goes Home', () => {
    let s = run(opened(), key('q/?x'), key('', {delete: true}));
    expect(s.inspect!.path).toBe('q/?');
    expect(s.outcome).toBeUndefined();
    expect(s.showHelp).toBe(false);
    s = run(s, ...Array.from({length: 3}, () => key('', {delete: true})), key('', {return: true}));
    expect(s.inspect!.error).toMatch(/^the path is empty/);
    expect(s.inspect!.stage).toBe('path');
    expect(run(s, key('', {escape: true})).screen).toBe('home');
  });

  it('the output folder is offered once, never over what was typed', () => {
    expect(run(opened(), {type: 'inspect', action: {type: 'i-suggest', path: '/out'}}).inspect!.path).toBe('/out');
    expect(run(opened(), key('a'), {type: 'inspect', action: {type: 'i-suggest', path: '/out'}}).inspect!.path).toBe('a');
  });

  it('Enter reads; an answer for an older read is dropped; a refusal returns to the field with its message', () => {
    const loading = run(opened(), key('/x'), key('', {return: true}));
    expect(loading.inspect).toMatchObject({stage: 'loading', runId: 1});
    expect(run(loading, {type: 'inspect', action: {type: 'i-loaded', runId: 0, inspection}}).inspect!.stage).toBe('loading');
    const refused = run(loading, {type: 'inspect', action: {type: 'i-failed', runId: 1, message: '/x: no such file or folder'}});
    expect(refused.inspect).toMatchObject({stage: 'path', path: '/x', error: '/x: no such file or folder'});
  });

  it('the view: ↑↓ select (clamped), Tab moves them to the detail, ←→ switch tabs, Esc returns to the path, then Home', () => {
    const loading = run(opened(), key(out), key('', {return: true}));
    let s = run(loading, {type: 'inspect', action: {type: 'i-loaded', runId: 1, inspection}});
    expect(s.inspect).toMatchObject({stage: 'view', tab: 'files', cursor: 0});
    s = run(s, ...Array.from({length: 500}, () => key('', {downArrow: true})));
    expect(s.inspect!.cursor).toBe(inspection.entries.length - 1);
    s = run(s, key('', {tab: true}), {type: 'inspect', action: {type: 'i-limit', max: 5}}, ...Array.from({length: 9}, () => key('', {downArrow: true})));
    expect(s.inspect).toMatchObject({focus: 'detail', scroll: 5, cursor: inspection.entries.length - 1});
    s = run(s, key('', {rightArrow: true}));
    expect(s.inspect).toMatchObject({tab: 'findings', scroll: 0});
    s = run(s, key('', {leftArrow: true}), key('', {leftArrow: true}));
    expect(s.inspect!.tab).toBe('timeline');
    // ? opens help here (no text field has focus), q quits.
    expect(run(s, key('?')).showHelp).toBe(true);
    expect(run(s, key('q')).outcome).toEqual({type: 'quit'});
    s = run(s, key('', {escape: true}));
    expect(s.inspect).toMatchObject({stage: 'path', path: out});
    expect(s.inspect!.inspection).toBeUndefined();
    expect(run(s, key('', {escape: true})).screen).toBe('home');
  });

  it('the footer names the keys the reducer acts on', () => {
    const view = run(opened(), key(out), key('', {return: true}), {type: 'inspect', action: {type: 'i-loaded', runId: 1, inspection}});
    const footer = footerLines(view, 200).map((l) => l.map((x) => x.text).join('')).join('\n');
    for (const b of inspectKeymap(view).filter((x) => x.label)) expect(footer).toContain(`${b.keys} ${b.label}`);
    expect(footerLines(opened(), 200).map((l) => l.map((x) => x.text).join('')).join('')).toContain('F1 help');
    expect(initialInspect().stage).toBe('path');
  });
});

describe('entries and marks', () => {
  it('every PKI file of the tree is an entry, all ✔ ok; labels are relative to the folder', () => {
    expect(inspection.folder).toBe(true);
    expect(inspection.entries.length).toBeGreaterThan(20);
    expect(inspection.entries.every((e) => e.mark === 'ok')).toBe(true);
    expect(inspection.entries.map((e) => e.label)).toContain('cp-1/etc/kubernetes/pki/apiserver.crt');
    expect(tallyText(inspection.entries)).toBe(`${inspection.entries.length} entries: ${inspection.entries.length} ✔ ok`);
  });

  it('a finding on a file marks it with the finding’s severity and is kept with it', () => {
    const finding = {severity: 'warning' as const, code: 'test-code', path: 'cp-1/etc/kubernetes/pki/apiserver.crt', message: 'm', hint: 'h'};
    const entries = inspectEntries(inspection.report, [finding], out);
    const e = entries.find((x) => x.label === finding.path)!;
    expect(e).toMatchObject({mark: 'warn', status: 'warning', findings: [finding]});
    expect(entryText(e).head).toBe(`${MARKS.warn.symbol} ${finding.path}`);
  });

  it('a time before the certificates: every certificate NOT YET VALID, ✖', async () => {
    const loaded = await loadInspection(join(out, 'cp-1', 'etc', 'kubernetes', 'pki', 'ca.crt'), {now: new Date('2001-01-01T00:00:00Z')});
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.inspection.folder).toBe(false);
    expect(loaded.inspection.entries).toHaveLength(1);
    expect(loaded.inspection.entries[0]).toMatchObject({mark: 'bad', status: 'NOT YET VALID'});
  });
});

describe('the screen as rows', () => {
  const view = (patch: Partial<ReturnType<typeof initialInspect>> = {}) => ({...initialInspect(), stage: 'view' as const, inspection, ...patch});

  it('a scrolled list still names the folder of the first entry it shows', () => {
    const rows = inspectRows(view({cursor: inspection.entries.length - 1}), 80, 20).lines.map((l) => l.map((x) => x.text).join(''));
    const above = rows.findIndex((r) => /^↑ \d+ more files$/.test(r));
    expect(above).toBeGreaterThan(0);
    expect(rows[above + 1]).toMatch(/^cp-1\/\S*\/$/);
  });

  it.each([[80, 20], [120, 31], [40, 10]])('at %i columns and %i rows: no row wider, never more rows, on every tab', (width, rows) => {
    for (const tab of ['files', 'findings', 'map', 'timeline'] as const) {
      for (const cursor of [0, 7, inspection.entries.length - 1]) {
        const {lines, scrollMax} = inspectRows(view({tab, cursor}), width, rows);
        expect(lines.length, `${tab} ${cursor}`).toBeLessThanOrEqual(rows);
        for (const l of lines) expect(widthOf(l), l.map((x) => x.text).join('')).toBeLessThanOrEqual(width);
        // Scrolled to its end the pane shows its last row and no "more" line.
        const end = inspectRows(view({tab, cursor, scroll: scrollMax}), width, rows).lines.map((l) => l.map((x) => x.text).join(''));
        expect(end.join('\n')).not.toMatch(/↓ \d+ more rows/);
      }
    }
  });
});
