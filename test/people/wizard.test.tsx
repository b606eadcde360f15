// "Add a person to a cluster" from the wizard's Home, driven like a person at 80×24: live feedback on the name
// and groups, the exam flow's files and commands, local signing with a tree's CA, and system:masters refused.

import {existsSync} from 'node:fs';
import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import {App} from '../../src/ui/ink/App.js';
import {initialState} from '../../src/ui/wizard-state.js';
import {eventuallyFrameWith, flat, frameWith, KEY, press, resize} from '../support/ink.js';
import {poolKeys} from '../support/key-pool.js';
import {hasOpenssl, openssl, opensslVerify, tmpDir, type TmpDir} from '../support/openssl.js';

const deps = {...realDeps, keys: poolKeys};
const plan = basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}]);
let tmp: TmpDir;
let tree: string;

beforeAll(async () => {
  tmp = await tmpDir('kubepki-person-');
  tree = join(tmp.path, 'pki');
  await generateNative({keys: poolKeys, plan, out: tree});
});
afterAll(async () => {
  await tmp.cleanup();
});

/** The wizard on Home at 80×24, its suggested output folder the generated tree. */
async function openPersonFlow() {
  const app = render(<App start={initialState(initialAnswers(plan, tree), 'home')} deps={deps} />);
  resize(app.stdout, 80, 24);
  await frameWith(app.lastFrame, 'Add a person to a cluster');
  await press(app.stdin, KEY.down, KEY.down, KEY.enter); // Build, Learn, Add a person
  await frameWith(app.lastFrame, 'Name (CN)');
  return app;
}

/** Every row of the frame fits 80 columns and the frame 24 rows. */
function expectFits(frame: string): void {
  const rows = frame.split('\n');
  expect(rows.length).toBeLessThanOrEqual(24);
  for (const row of rows) expect(row.length, row).toBeLessThanOrEqual(80);
}

const typeInto = async (stdin: {write(d: string): void}, value: string) => press(stdin, ...Array.from(value));

describe('Add a person to a cluster (Ink, 80×24)', () => {
  it('says what the name and groups were understood as, and shows the plan’s message for a reserved name', async () => {
    const {stdin, lastFrame, unmount} = await openPersonFlow();
    await typeInto(stdin, 'kubernetes-admin');
    const bad = await frameWith(lastFrame, 'is the identity of kubernetes-admin');
    expect(bad).toContain('✖');
    expectFits(bad);
    for (let i = 0; i < 'kubernetes-admin'.length; i++) await press(stdin, KEY.backspace);
    await typeInto(stdin, 'jane');
    await press(stdin, KEY.tab);
    await typeInto(stdin, 'developers, qa');
    const good = await frameWith(lastFrame, 'understood: 2 groups → O=developers, O=qa');
    expect(flat(good)).toContain('Certificate subject: O=developers, O=qa, CN=jane');
    expect(good).not.toContain('✖');
    expectFits(good);
    unmount();
  });

  it('refuses system:masters with the reason, and writes nothing', async () => {
    const {stdin, lastFrame, unmount} = await openPersonFlow();
    await typeInto(stdin, 'root');
    await press(stdin, KEY.tab);
    await typeInto(stdin, 'system:masters');
    await press(stdin, KEY.enter);
    const frame = flat(await frameWith(lastFrame, 'is a system: group'));
    expect(frame).toContain('cannot be revoked');
    expect(frame).toContain('refuses a CertificateSigningRequest');
    expect(existsSync(join(tree, 'users/root'))).toBe(false);
    expect(existsSync(join(tmp.path, 'root'))).toBe(false);
    unmount();
  });

  it('exam flow: writes the key and the CertificateSigningRequest and shows the kubectl commands', async () => {
    const {stdin, lastFrame, unmount} = await openPersonFlow();
    const out = join(tmp.path, 'exam-jane');
    await typeInto(stdin, 'jane');
    await press(stdin, KEY.tab);
    await typeInto(stdin, 'developers');
    await press(stdin, KEY.tab, KEY.tab); // signing (exam) → output folder
    await typeInto(stdin, out);
    await press(stdin, KEY.enter);
    const done = await eventuallyFrameWith(lastFrame, '✔ Wrote:');
    expect(flat(done)).toContain('exam flow');
    expectFits(done);
    expect(((await stat(join(out, 'jane.key'))).mode & 0o777).toString(8)).toBe('600');
    expect(await readFile(join(out, 'jane-csr.yaml'), 'utf8')).toContain('signerName: kubernetes.io/kube-apiserver-client');
    // The commands scroll into view.
    let all = flat(done);
    for (let i = 0; i < 20 && !all.includes('kubectl config use-context jane@kubernetes'); i++) {
      await press(stdin, KEY.down);
      all += flat(lastFrame() ?? '');
    }
    expect(all).toContain('kubectl certificate approve jane');
    expect(all).toContain('kubectl config use-context jane@kubernetes');
    if (hasOpenssl()) {
      const r = await openssl(['req', '-in', join(out, 'jane.csr'), '-noout', '-subject', '-verify', '-nameopt', 'RFC2253'], {all: true});
      expect(String(r.all)).toContain('verify OK');
      expect(String(r.stdout)).toContain('subject=CN=jane,O=developers');
    }
    unmount();
  });

  it('local signing: the tree’s CA signs, into the tree’s users/NAME/, with a ready kubeconfig', async () => {
    const {stdin, lastFrame, unmount} = await openPersonFlow();
    await typeInto(stdin, 'ann');
    await press(stdin, KEY.tab);
    await typeInto(stdin, 'ops');
    await press(stdin, KEY.tab, KEY.right); // signing → local
    const form = await frameWith(lastFrame, 'CA tree');
    expect(flat(form)).toContain(tree);
    await press(stdin, KEY.enter);
    const done = await eventuallyFrameWith(lastFrame, '✔ Wrote:');
    expect(flat(done)).toContain('manual flow');
    expectFits(done);
    const crt = await readFile(join(tree, 'users/ann/ann.crt'), 'utf8');
    expect(existsSync(join(tree, 'users/ann/ann.kubeconfig'))).toBe(true);
    if (hasOpenssl()) {
      const v = await opensslVerify(await readFile(join(tree, 'cp/etc/kubernetes/pki/ca.crt'), 'utf8'), crt, 'sslclient');
      expect(v.ok, v.output).toBe(true);
    }
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Build a cluster PKI');
    unmount();
  });
});
