// The Ink wizard driven like a person: Enter all the way writes a PKI openssl accepts; a custom path ends
// with exactly the certificates asked for; Esc keeps answers; bad input shows the plan's message and stays.

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {layoutFiles, certFiles} from '../../src/pki/layout.js';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import {generateNative} from '../../src/generate/native.js';
import {poolKeys} from '../support/key-pool.js';
import {App} from '../../src/ui/ink/App.js';
import type {ProduceResult} from '../../src/ui/produce.js';
import {initialState, type Outcome, type Screen} from '../../src/ui/wizard-state.js';
import {eventuallyFrameWith, flat, frameWith, KEY, press, resize, settle, waitFor} from '../support/ink.js';
import {hasOpenssl, opensslVerify, tmpDir, type TmpDir} from '../support/openssl.js';

/** The real Generate work, with keys from the test pool. */
const deps = {...realDeps, generate: (o: Parameters<typeof generateNative>[0]) => generateNative({...o, keys: poolKeys})};

const canVerify = hasOpenssl();
let tmp: TmpDir;
beforeEach(async () => {
  tmp = await tmpDir('kubepki-wizard-');
});
afterEach(async () => {
  await tmp.cleanup();
});

function start(screen: Screen = 'home', out = join(tmp.path, 'pki')) {
  const plan = basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]);
  const outcomes: Outcome[] = [];
  const app = render(<App start={initialState(initialAnswers(plan, out), screen)} deps={deps} onExit={(o) => outcomes.push(o)} />);
  return {...app, outcomes};
}

/** Every certificate in the tree verifies against its signer with `openssl verify -x509_strict`. */
async function expectVerified(result: ProduceResult): Promise<number> {
  const paths = certFiles(layoutFiles(result.model));
  let checked = 0;
  for (const spec of result.model.certs) {
    const own = paths.get(spec.id);
    if (!own) continue; // lives only inside a kubeconfig
    const pem = await readFile(join(result.out, own), 'utf8');
    const ca = await readFile(join(result.out, paths.get(spec.signer)!), 'utf8');
    const verdict = await opensslVerify(ca, pem);
    expect(verdict.ok, `${spec.id}: ${verdict.output}`).toBe(true);
    checked++;
  }
  return checked;
}

describe('the Ink wizard', () => {
  it('Enter only: writes a PKI that openssl verifies, the script and kubepki.yaml', async () => {
    const {stdin, lastFrame, outcomes, unmount} = start();
    await frameWith(lastFrame, 'Build a cluster PKI');
    await settle();
    for (let i = 0; i < 9; i++) {
      const frame = lastFrame() ?? '';
      if (frame.includes('Generate') && !frame.includes('Step 8')) break;
      await press(stdin, KEY.enter);
    }
    const done = await eventuallyFrameWith(lastFrame, 'Step 10 of 10 · Done');
    expect(done).toContain('Saved the plan');
    await press(stdin, KEY.enter);
    await waitFor(() => outcomes.length > 0);
    expect(outcomes.map((o) => o.type)).toEqual(['done']);
    const result = (outcomes[0] as {type: 'done'; result: ProduceResult}).result;
    expect(result.native?.files.length).toBeGreaterThan(20);
    expect(result.script?.entry).toBe('generate-pki.sh');
    const saved = await readFile(join(tmp.path, 'kubepki.yaml'), 'utf8');
    expect(saved).toContain('name: cp-1');
    if (canVerify || process.env.CI_REAL === 'true') expect(await expectVerified(result)).toBeGreaterThan(10);
    unmount();
  });

  it('custom path: 3 nodes, a user with two groups and an extra SAN give exactly those certificates', async () => {
    const {stdin, lastFrame, outcomes, unmount} = start('step');
    await frameWith(lastFrame, 'Step 1 of 10');
    await press(stdin, KEY.enter, KEY.enter); // basics, cluster
    await frameWith(lastFrame, 'Step 3 of 10 · Nodes');
    // Two workers: the suggested names and addresses are node01/.12 and node02/.13.
    await press(stdin, 'a');
    await frameWith(lastFrame, 'New node');
    await press(stdin, KEY.enter, 'a', KEY.enter);
    await frameWith(lastFrame, 'node02');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 4 of 10');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 5 of 10');
    await press(stdin, 'a', 'jane', KEY.tab, 'developers, qa', KEY.enter);
    await frameWith(lastFrame, 'groups: developers, qa');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 6 of 10');
    await press(stdin, 'a', 'api.example.com', KEY.enter);
    await frameWith(lastFrame, '› api.example.com');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 7 of 10 · Review');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 8 of 10 · Output');
    await press(stdin, KEY.tab, KEY.tab, KEY.right); // Write: both → native
    await frameWith(lastFrame, '‹ native ›');
    await press(stdin, KEY.enter);
    await eventuallyFrameWith(lastFrame, 'Step 10 of 10 · Done');
    await press(stdin, 'q');
    await waitFor(() => outcomes.length > 0);
    const result = (outcomes[0] as {type: 'done'; result: ProduceResult}).result;
    expect(result.script).toBeUndefined();
    expect(result.plan.nodes.map((n) => `${n.name} ${n.address} ${n.role}`)).toEqual([
      'cp-1 192.168.56.11 control-plane', 'node01 192.168.56.12 worker', 'node02 192.168.56.13 worker',
    ]);
    expect(result.plan.users).toEqual([{name: 'jane', groups: ['developers', 'qa']}]);
    const ids = result.model.certs.map((c) => c.id);
    expect(ids.filter((id) => id.startsWith('kubelet-client@'))).toEqual(['kubelet-client@cp-1', 'kubelet-client@node01', 'kubelet-client@node02']);
    expect(ids.filter((id) => id.startsWith('kubelet-serving@'))).toHaveLength(3);
    expect(ids.filter((id) => id.startsWith('apiserver@'))).toEqual(['apiserver@cp-1']);
    expect(ids.filter((id) => id.startsWith('user@'))).toEqual(['user@jane']);
    expect(result.model.certs.find((c) => c.id === 'user@jane')!.subject).toEqual({cn: 'jane', o: ['developers', 'qa']});
    expect(result.model.certs.find((c) => c.id === 'apiserver@cp-1')!.sans.dns).toContain('api.example.com');
    // …and the files on disk are exactly the layout's.
    const written = result.native!.files.map((f) => f.path).sort();
    expect(written).toEqual(layoutFiles(result.model).map((e) => e.path).sort());
    const jane = await readFile(join(result.out, 'users/jane/jane.crt'), 'utf8');
    expect(jane).toContain('BEGIN CERTIFICATE');
    if (canVerify || process.env.CI_REAL === 'true') await expectVerified(result);
    unmount();
  });

  it('Esc goes back with the answers kept', async () => {
    const {stdin, lastFrame, unmount} = start('step');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 2 of 10 · Cluster');
    await press(stdin, ...Array(10).fill(KEY.backspace), 'lab');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 3 of 10 · Nodes');
    await press(stdin, KEY.esc);
    const frame = await frameWith(lastFrame, 'Step 2 of 10 · Cluster');
    expect(frame).toMatch(/Cluster name\s+lab/);
    await press(stdin, KEY.esc);
    await frameWith(lastFrame, 'Step 1 of 10');
    unmount();
  });

  it('invalid input shows the plan message and does not advance', async () => {
    const {stdin, stdout, lastFrame, unmount} = start('step');
    resize(stdout, 80, 40); // stacked, so the message is not interleaved with the why column
    await press(stdin, KEY.enter, KEY.tab, 'x', KEY.enter);
    const frame = await frameWith(lastFrame, 'has an invalid prefix');
    expect(flat(frame)).toContain('networking.serviceSubnet: "10.96.0.0/12x"');
    expect(frame).toContain('Step 2 of 10 · Cluster');
    await press(stdin, KEY.backspace, KEY.enter);
    await frameWith(lastFrame, 'Step 3 of 10 · Nodes');
    // A node with a bad address is refused in place too.
    await press(stdin, 'a', KEY.tab, 'x', KEY.enter);
    await frameWith(lastFrame, 'nodes[1].address');
    expect(lastFrame()).toContain('New node');
    unmount();
  });

  it('warns about system:masters and needs the explicit opt-in', async () => {
    const {stdin, lastFrame, unmount} = start('step');
    await press(stdin, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await frameWith(lastFrame, 'Step 5 of 10');
    await press(stdin, 'a', 'root', KEY.tab, 'system:masters', KEY.enter);
    await frameWith(lastFrame, 'is a system: group');
    await press(stdin, KEY.tab, KEY.right, KEY.enter);
    const frame = await frameWith(lastFrame, 'root in system:masters');
    expect(flat(frame)).toContain('cannot be revoked');
    unmount();
  });

  it('asks before quitting with unsaved answers; Ctrl+C then y cancels', async () => {
    const {stdin, lastFrame, outcomes, unmount} = start('step');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 2 of 10');
    await press(stdin, KEY.ctrlC);
    await frameWith(lastFrame, 'Quit now?');
    await press(stdin, 'n');
    expect(lastFrame()).not.toContain('Quit now?');
    await press(stdin, KEY.ctrlC, 'y');
    await waitFor(() => outcomes.length > 0);
    expect(outcomes).toEqual([{type: 'cancelled'}]);
    unmount();
  });

  it('q on Home quits at once', async () => {
    const {stdin, lastFrame, outcomes, unmount} = start();
    await frameWith(lastFrame, 'Build a cluster PKI');
    await press(stdin, 'q');
    await waitFor(() => outcomes.length > 0);
    expect(outcomes).toEqual([{type: 'quit'}]);
    unmount();
  });

  it('Learn TLS basics shows the lessons', async () => {
    const {stdin, lastFrame, unmount} = start();
    await press(stdin, KEY.down, KEY.enter);
    await frameWith(lastFrame, '1/14 Key pairs');
    await press(stdin, KEY.down, KEY.down);
    await frameWith(lastFrame, 'CA, CSR, CRT, PEM, KEY');
    await press(stdin, KEY.esc);
    await frameWith(lastFrame, 'Build a cluster PKI');
    unmount();
  });
});

describe('rendering', () => {
  const lines = (f: string) => f.split('\n');

  it('80×24: stacked, no line wider than 80, the frame fits the screen', async () => {
    const app = start('step');
    resize(app.stdout, 80, 24);
    await press(app.stdin, KEY.enter);
    const frame = await frameWith(app.lastFrame, 'Step 2 of 10');
    expect(Math.max(...lines(frame).map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(lines(frame).length).toBeLessThan(24);
    expect(frame).toMatch(/^Why: /m); // below the question, not beside it
    expect(frame).toContain('$ openssl genrsa');
    for (const key of [KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter]) {
      await press(app.stdin, key);
      expect(lines(app.lastFrame() ?? '').length).toBeLessThan(24);
    }
    await frameWith(app.lastFrame, 'Step 7 of 10 · Review');
    app.unmount();
  });

  it('120×35: the why panel sits beside the question, and it adapts to a resize', async () => {
    const app = start('step');
    resize(app.stdout, 120, 35);
    await press(app.stdin, KEY.enter);
    const wide = await frameWith(app.lastFrame, 'Step 2 of 10');
    expect(wide).toMatch(/decide the API\s+Why: /);
    resize(app.stdout, 80, 24);
    await settle();
    await waitNarrow(app.lastFrame);
    app.unmount();
  });

  it('says so when the terminal is too narrow', async () => {
    const app = start();
    resize(app.stdout, 30, 24);
    await frameWith(app.lastFrame, 'too narrow');
    app.unmount();
  });
});

async function waitNarrow(frame: () => string | undefined) {
  await frameWith(frame, 'Why:');
  expect((frame() ?? '').split('\n').some((l) => l.startsWith('Why:'))).toBe(true);
}
