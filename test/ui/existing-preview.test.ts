// Build on an existing output folder, below the front ends: the preview says what generate would keep, create
// and refuse (with the fields), and the reducer writes nothing before the user chose; re-issuing needs its own key.

import {mkdirSync, symlinkSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Plan} from '../../src/plan/types.js';
import {initialAnswers, type Answers} from '../../src/ui/answers.js';
import {existingLines, needsReissue, previewBlocked, previewRun, type RunPreview} from '../../src/ui/existing-preview.js';
import {keymap} from '../../src/ui/keymap.js';
import {STEPS} from '../../src/ui/steps.js';
import {initialState, wizardReducer, type Action, type WizardState} from '../../src/ui/wizard-state.js';
import {generateTree} from '../support/generated-tree.js';
import {SINGLE_PKI, single, withBob, withSan} from '../support/single-plans.js';
import {tmpDirs} from '../openssl/helpers.js';

const PKI = SINGLE_PKI;
const tmp = tmpDirs('kubepki-existing-preview-');
afterAll(tmp.cleanup);


let tree: string;
beforeAll(async () => {
  tree = join(tmp.make(), 'pki');
  await generateTree('native', single(), tree);
});

const answersFor = (plan: Plan, out = tree, produce: Answers['produce'] = 'native'): Answers => initialAnswers(plan, out, produce);
const texts = (p: RunPreview) => existingLines(p).map((l) => l.text);

describe('previewRun', () => {
  it('says nothing for a folder that is missing or holds no PKI', async () => {
    expect(await previewRun(answersFor(single(), join(tmp.make(), 'nothing-here')))).toBeUndefined();
    const empty = tmp.make();
    mkdirSync(join(empty, 'unrelated'));
    expect(await previewRun(answersFor(single(), empty))).toBeUndefined();
  });

  it('the same plan: every certificate kept, none created, nothing to decide', async () => {
    const p = (await previewRun(answersFor(single())))!;
    expect(p.reused.map((c) => c.id)).toEqual(['ca', 'etcd-ca', 'front-proxy-ca']);
    expect(p.created).toEqual([]);
    expect(p.refused).toEqual([]);
    expect(p.kept.map((c) => c.path)).toContain(`${PKI}/apiserver.crt`);
    expect(needsReissue(p)).toBe(false);
    expect(texts(p)[0]).toContain('already holds a PKI. Nothing is written until you choose');
    expect(texts(p)).toContain(`= keep ${p.kept.length} certificates that match the plan (${p.filesKept} files left byte for byte)`);
  });

  it('a grown plan: bob is created, the rest kept', async () => {
    const p = (await previewRun(answersFor(withBob())))!;
    expect(p.created.map((c) => c.path)).toEqual(['users/bob/bob.crt']);
    expect(p.refused).toEqual([]);
    expect(texts(p)).toContain('✔ create 1 certificate: users/bob/bob.crt');
  });

  it('an added apiserver SAN: refused with the field, as generate --force would re-issue it', async () => {
    const p = (await previewRun(answersFor(withSan())))!;
    expect(p.refused).toEqual([`${PKI}/apiserver.crt: SAN IP:10.0.0.5 missing`]);
    expect(needsReissue(p)).toBe(true);
    expect(texts(p)).toContain(`  ${PKI}/apiserver.crt: SAN IP:10.0.0.5 missing`);
    expect(texts(p).join('\n')).toContain('Re-issue only these (as generate --force');
  });

  it('for Write script: what generate-pki.sh will decide, and KUBEPKI_FORCE=1 for the refusals', async () => {
    const p = (await previewRun(answersFor(withSan(), tree, 'script')))!;
    expect(p.by).toBe('script');
    expect(texts(p)[0]).toContain('when you run it on');
    expect(texts(p).join('\n')).toContain('KUBEPKI_FORCE=1');
  });

  it('a link where a CA goes blocks the run whatever is chosen', async () => {
    const out = join(tmp.make(), 'pki');
    mkdirSync(join(out, PKI), {recursive: true});
    symlinkSync('/etc/hostname', join(out, PKI, 'ca.crt'));
    const p = (await previewRun(answersFor(single(), out)))!;
    expect(previewBlocked(p)).toBe(true);
    expect(texts(p).join('\n')).toContain('stop the run, whatever you choose');
  });
});

/** The Output step with `answers`, as after the earlier steps. */
const atOutput = (answers: Answers): WizardState => ({...initialState(answers, 'step'), step: STEPS.length - 1, history: [0, 1, 2, 3, 4, 5, 6]});
const run = (s: WizardState, ...actions: Action[]) => actions.reduce(wizardReducer, s);
const enter: Action = {type: 'key', input: '', key: {return: true}};
const key = (input: string): Action => ({type: 'key', input, key: {}});

describe('the wizard reducer between Output and Generate', () => {
  it('Enter on Output looks at the folder first; an empty one goes straight to Generate, without --force', () => {
    const s = run(atOutput(answersFor(single())), enter);
    expect(s.screen).toBe('existing');
    expect(s.existing).toEqual({status: 'checking'});
    expect(s.runId).toBe(0);
    expect(run(s, {type: 'preview-ready', id: 0})).toBe(s); // a late answer for an earlier look
    const gen = run(s, {type: 'preview-ready', id: 1});
    expect(gen).toMatchObject({screen: 'generate', runId: 1, force: false});
  });

  it('a folder that only needs keeping and creating: Enter writes', async () => {
    const preview = (await previewRun(answersFor(withBob())))!;
    const s = run(atOutput(answersFor(withBob())), enter, {type: 'preview-ready', id: 1, preview});
    expect(s.screen).toBe('existing');
    expect(keymap(s).find((b) => b.keys === 'r')).toBeUndefined();
    expect(run(s, key('r')).screen).toBe('existing');
    expect(run(s, enter)).toMatchObject({screen: 'generate', runId: 1, force: false});
  });

  it('a contradiction: Enter does nothing, r re-issues (force), Esc goes back to Output, Ctrl+C asks and writes nothing', async () => {
    const preview = (await previewRun(answersFor(withSan())))!;
    const s = run(atOutput(answersFor(withSan())), enter, {type: 'preview-ready', id: 1, preview});
    expect(keymap(s).filter((b) => b.label).map((b) => `${b.keys} ${b.label}`)).toContain('r re-issue these');
    expect(run(s, enter)).toMatchObject({screen: 'existing', runId: 0});
    expect(run(s, key('r'))).toMatchObject({screen: 'generate', runId: 1, force: true});
    const back = run(s, {type: 'key', input: '', key: {escape: true, meta: true}});
    expect(back).toMatchObject({screen: 'step', step: STEPS.length - 1, runId: 0});
    expect(back.existing).toBeUndefined();
    const quit = run(s, {type: 'key', input: 'c', key: {ctrl: true}}, key('y'));
    expect(quit.outcome).toEqual({type: 'cancelled'});
    expect(quit.runId).toBe(0);
  });

  it('a retry after a failed forced run stays forced; a new pass through Output starts unforced', async () => {
    const preview = (await previewRun(answersFor(withSan())))!;
    const forced = run(atOutput(answersFor(withSan())), enter, {type: 'preview-ready', id: 1, preview}, key('r'), {type: 'gen-failed', message: 'boom'});
    expect(run(forced, enter)).toMatchObject({runId: 2, force: true});
    const again = run(forced, {type: 'key', input: '', key: {escape: true}}, enter);
    expect(again).toMatchObject({screen: 'existing', force: false});
  });

  it('a blocked folder offers only going back', async () => {
    const out = join(tmp.make(), 'pki');
    mkdirSync(join(out, PKI), {recursive: true});
    symlinkSync('/etc/hostname', join(out, PKI, 'ca.crt'));
    const preview = (await previewRun(answersFor(single(), out)))!;
    const s = run(atOutput(answersFor(single(), out)), enter, {type: 'preview-ready', id: 1, preview});
    expect(run(s, enter).screen).toBe('existing');
    expect(run(s, key('r')).screen).toBe('existing');
    expect(keymap(s).some((b) => b.label === 'back to Output')).toBe(true);
  });

  it('for Write script, Enter writes the script (the folder is only read by it later)', async () => {
    const preview = (await previewRun(answersFor(withSan(), tree, 'script')))!;
    const s = run(atOutput(answersFor(withSan(), tree, 'script')), enter, {type: 'preview-ready', id: 1, preview});
    expect(run(s, key('r')).screen).toBe('existing');
    expect(run(s, enter)).toMatchObject({screen: 'generate', force: false});
  });
});
