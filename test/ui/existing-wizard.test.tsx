// The Ink wizard on an output folder that already holds a PKI, at 80×24: the preview before anything is written,
// Enter keeps and creates as shown, a contradiction names its field and r re-issues only it, and cancelling
// writes nothing. Trees are made first with pool keys.

import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import type {Plan} from '../../src/plan/types.js';
import {initialAnswers, type Answers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import {App} from '../../src/ui/ink/App.js';
import type {ProduceResult} from '../../src/ui/produce.js';
import {STEPS} from '../../src/ui/steps.js';
import {initialState, type Outcome} from '../../src/ui/wizard-state.js';
import {generateTree} from '../support/generated-tree.js';
import {eventuallyFrameWith, flat, frameWith, KEY, press, resize, waitFor} from '../support/ink.js';
import {poolKeys} from '../support/key-pool.js';
import {snapshot} from '../support/snapshot.js';
import {SINGLE_PKI, single, withBob, withSan} from '../support/single-plans.js';
import {tmpDirs} from '../openssl/helpers.js';

const deps = {...realDeps, generate: (o: Parameters<typeof generateNative>[0]) => generateNative({...o, keys: poolKeys})};
const PKI = SINGLE_PKI;
const tmp = tmpDirs('kubepki-existing-wizard-');
afterAll(tmp.cleanup);


/** The paths whose snapshot line (kind, mode, owner, mtime, digest) differs, and those that are new. */
const changed = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys(after).filter((p) => before[p] !== after[p] && !after[p]!.startsWith('dir')).sort();

async function existingTree(): Promise<string> {
  const out = join(tmp.make(), 'pki');
  await generateTree('native', single(), out);
  // Past the file system's mtime granularity, so a rewrite would show.
  await new Promise((r) => setTimeout(r, 20));
  return out;
}

/** The wizard on its Output step, 80×24. */
async function atOutput(plan: Plan, out: string, produce: Answers['produce'] = 'native') {
  const outcomes: Outcome[] = [];
  const start = {...initialState(initialAnswers(plan, out, produce), 'step'), step: STEPS.length - 1, history: [0, 1, 2, 3, 4, 5, 6]};
  const app = render(<App start={start} deps={deps} onExit={(o) => outcomes.push(o)} />);
  resize(app.stdout, 80, 24);
  await frameWith(app.lastFrame, 'Step 8 of 10 · Output');
  return {...app, outcomes};
}

const rows = (f: string) => f.split('\n');

describe('the Output step\'s Map choice in the Ink wizard', () => {
  it('is one more field with its one-line explanation; yes draws map.html, named on the Done screen', async () => {
    const out = join(tmp.make(), 'pki');
    const app = await atOutput(single(), out);
    await press(app.stdin, KEY.tab, KEY.tab, KEY.tab, KEY.tab); // Folder → Layout → Write → Script → Map
    const frame = await frameWith(app.lastFrame, '‹ no ›');
    expect(frame).toContain('Map');
    expect(rows(frame).length).toBeLessThan(24);
    expect(Math.max(...rows(frame).map((l) => l.length))).toBeLessThanOrEqual(80);
    await press(app.stdin, KEY.right);
    expect(flat(await frameWith(app.lastFrame, '‹ yes ›'))).toContain('also map.html');
    await press(app.stdin, KEY.enter);
    const done = flat(await eventuallyFrameWith(app.lastFrame, 'Step 10 of 10 · Done'));
    expect(done).toContain(`Drew the map: ${join(out, 'map.html')}`);
    expect(existsSync(join(out, 'map.html'))).toBe(true);
    app.unmount();
  });
});

describe('the Ink wizard on a folder that holds a PKI', () => {
  it('shows what is kept and created before writing; Enter then writes only bob, the rest byte-identical', async () => {
    const out = await existingTree();
    const before = snapshot(out);
    const app = await atOutput(withBob(), out);
    await press(app.stdin, KEY.enter);
    const frame = await eventuallyFrameWith(app.lastFrame, 'already holds a PKI');
    expect(flat(frame)).toContain('Nothing is written until you choose');
    expect(frame).toMatch(/↺ reuse 3 authorities as they are: ca, etcd-ca, front-proxy-ca/);
    expect(frame).toMatch(/= keep \d+ certificates that match the plan/);
    expect(frame).toContain('✔ create 1 certificate: users/bob/bob.crt');
    expect(frame).toContain('Enter write');
    expect(Math.max(...rows(frame).map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(rows(frame).length).toBeLessThan(24);
    expect(snapshot(out)).toEqual(before); // looked at, not written

    await press(app.stdin, KEY.enter);
    const done = await eventuallyFrameWith(app.lastFrame, 'Step 10 of 10 · Done');
    expect(done).toContain('Saved the plan');
    await press(app.stdin, KEY.enter);
    await waitFor(() => app.outcomes.length > 0);
    const result = (app.outcomes[0] as {type: 'done'; result: ProduceResult}).result;
    expect(result.native!.certificates.filter((c) => c.status === 'created').map((c) => c.path)).toEqual(['users/bob/bob.crt']);
    // bob's files are new; the README (its list of users) and the RBAC examples follow the plan; nothing else moved.
    const moved = changed(before, snapshot(out));
    expect(moved.filter((p) => !p.startsWith('users/bob/') && p !== 'rbac/users/bob.yaml' && p !== 'README.md')).toEqual([]);
    expect(moved).toContain('users/bob/bob.key');
    app.unmount();
  });

  it('an added apiserver SAN: the preview names the field, Enter does not write, r re-issues only the apiserver', async () => {
    const out = await existingTree();
    const before = snapshot(out);
    const app = await atOutput(withSan(), out);
    await press(app.stdin, KEY.enter);
    const frame = await eventuallyFrameWith(app.lastFrame, 'contradict the plan');
    expect(frame).toContain('apiserver.crt: SAN IP:10.0.0.5 missing');
    expect(frame).toContain('r re-issue these');
    expect(frame).not.toContain('Enter write');
    expect(Math.max(...rows(frame).map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(rows(frame).length).toBeLessThan(24);
    await press(app.stdin, KEY.enter);
    expect(app.lastFrame()).toContain('contradict the plan');
    expect(snapshot(out)).toEqual(before);

    await press(app.stdin, 'r');
    const done = await eventuallyFrameWith(app.lastFrame, 'Step 10 of 10 · Done');
    expect(done).toContain('Wrote');
    expect(changed(before, snapshot(out))).toEqual([`${PKI}/apiserver.crt`, `${PKI}/apiserver.key`]);
    app.unmount();
  });

  it('the Generate log says kept, created and re-issued, as generate does', async () => {
    const out = await existingTree();
    const plan = withSan();
    plan.users = [...plan.users, {name: 'bob', groups: ['qa']}];
    const app = await atOutput(plan, out);
    await press(app.stdin, KEY.enter);
    await eventuallyFrameWith(app.lastFrame, 'contradict the plan');
    await press(app.stdin, 'r');
    await eventuallyFrameWith(app.lastFrame, 'Step 10 of 10 · Done');
    await press(app.stdin, KEY.enter);
    await waitFor(() => app.outcomes.length > 0);
    const frames = app.frames.join('\n');
    expect(frames).toContain('= kept');
    expect(frames).toContain('✔ created users/bob/bob.crt');
    expect(frames).toContain(`↻ re-issued ${PKI}/apiserver.crt`);
    app.unmount();
  });

  it('cancelling on the preview writes nothing; Esc goes back to the Output step', async () => {
    const out = await existingTree();
    const before = snapshot(out);
    const app = await atOutput(withSan(), out);
    await press(app.stdin, KEY.enter);
    await eventuallyFrameWith(app.lastFrame, 'contradict the plan');
    await press(app.stdin, KEY.esc);
    await frameWith(app.lastFrame, 'Step 8 of 10 · Output');
    await press(app.stdin, KEY.enter);
    await eventuallyFrameWith(app.lastFrame, 'contradict the plan');
    await press(app.stdin, KEY.ctrlC, 'y');
    await waitFor(() => app.outcomes.length > 0);
    expect(app.outcomes).toEqual([{type: 'cancelled'}]);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(out, '..', 'kubepki.yaml'))).toBe(false);
    app.unmount();
  });
});
