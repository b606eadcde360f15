// What the wizard teaches, item by item: the preview is the exam-style script's own commands and cnf
// section, help opens with F1 from any field, help stops at its last page, the Generate log stays inside
// the frame, invalid answers show no stale names, the lessons end in Build, and Review tells roles apart.

import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {EXAM_CNF, examCertificate, examModel} from '../../src/openssl/exam-script.js';
import {basePlan} from '../../src/plan/defaults.js';
import {LESSONS} from '../../src/learn/lessons.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {App} from '../../src/ui/ink/App.js';
import type {ProduceDeps} from '../../src/ui/produce.js';
import {stepById, STEPS} from '../../src/ui/steps.js';
import {initialState, type Screen, type WizardState} from '../../src/ui/wizard-state.js';
import {checkPlan} from '../../src/ui/check.js';
import {eventuallyFrameWith, flat, frameWith, KEY, press, resize, settle, waitFor} from '../support/ink.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';
import {realDeps} from '../../src/ui/deps.js';

const F1 = '\u001BOP';
let tmp: TmpDir;
beforeEach(async () => {
  tmp = await tmpDir('kubepki-teach-');
});
afterEach(async () => {
  await tmp.cleanup();
});

const plan = () => basePlan([{name: 'controlplane', address: '192.168.56.11', role: 'control-plane'}], [{name: 'john', groups: ['developers']}]);

async function start(state: Partial<WizardState> & {screen?: Screen} = {}, deps: ProduceDeps = realDeps, size: [number, number] = [80, 24]) {
  const app = render(<App start={{...initialState(initialAnswers(plan(), `${tmp.path}/pki`), state.screen ?? 'step'), ...state}} deps={deps} />);
  await settle(); // the resize listener attaches in an effect
  resize(app.stdout, ...size);
  await settle();
  return app;
}

describe('the preview', () => {
  it('shows the exam form with the files the exam script writes, then its cnf section, then how the safe script differs', async () => {
    const clients = STEPS.indexOf(stepById('clients'));
    const {lastFrame, unmount} = await start({step: clients}, realDeps, [120, 60]);
    const frame = flat(await frameWith(lastFrame, 'openssl'));
    const exam = examCertificate(examModel(checkPlan(plan()).plan!), 'user@john');
    // The very commands of `kubepki script --style exam`, continuation backslash included.
    for (const command of exam.commands) expect(frame).toContain(flat(command));
    expect(frame).toContain("openssl genrsa -out 'users/john/john.key' 2048");
    expect(frame).toContain("-subj '/O=developers/CN=john'");
    expect(frame).toContain("x509 -req -in 'users/john/john.csr' -CA 'ca.crt' -CAkey 'ca.key' -days 365");
    expect(frame).toContain(`${EXAM_CNF}:`);
    expect(frame).toContain(exam.cnf[0]!); // [ v3_john ]
    expect(frame).toContain('extendedKeyUsage = clientAuth');
    expect(frame).toMatch(/backdating/);
    expect(frame).not.toContain('openssl ca -batch');
    expect(frame).not.toMatch(/'[^' ]*@[^' ]*'/); // no work-folder names such as 'user@john.crt'
    unmount();
  });

  it('shows no names from earlier answers while a field is invalid', async () => {
    const nodes = STEPS.indexOf(stepById('nodes'));
    const {stdin, lastFrame, unmount} = await start({step: nodes});
    await frameWith(lastFrame, 'kubelet-client@controlplane');
    await press(stdin, 'e', ...Array(12).fill(KEY.backspace), 'no');
    await frameWith(lastFrame, 'kubelet-client@no');
    await press(stdin, '_1');
    const frame = await frameWith(lastFrame, 'waiting for valid answers');
    expect(frame).not.toContain('kubelet-client@no');
    expect(frame).not.toContain("'kubelet-no");
    unmount();
  });
});

describe('help', () => {
  it('opens with F1 from a text field, where ? is typed as text; the footer always names it', async () => {
    const cluster = STEPS.indexOf(stepById('cluster'));
    const {stdin, lastFrame, unmount} = await start({step: cluster});
    expect(await frameWith(lastFrame, 'Cluster name')).toContain('F1 help');
    await press(stdin, '?');
    expect(await frameWith(lastFrame, 'kubernetes?')).not.toContain('Help:');
    await press(stdin, F1);
    await frameWith(lastFrame, 'Help: Cluster');
    await press(stdin, F1);
    await frameWith(lastFrame, 'Step 2 of 10 · Cluster');
    unmount();
  });

  it('opens on Home, Learn and Done as well, and scrolling stops at the last full page', async () => {
    const {stdin, lastFrame, unmount} = await start({screen: 'home'});
    expect(await frameWith(lastFrame, 'Build a cluster PKI')).toContain('F1/? help');
    await press(stdin, '?');
    await frameWith(lastFrame, 'Help: kubepki');
    await press(stdin, KEY.esc, KEY.down, KEY.enter);
    await frameWith(lastFrame, 'Learn TLS basics');
    await press(stdin, F1);
    await frameWith(lastFrame, 'Help: Learn TLS basics');
    await press(stdin, KEY.esc);
    // A long help page: scroll far past its end, then one step up must move it.
    const servers = await start({step: STEPS.indexOf(stepById('servers')), showHelp: true});
    await frameWith(servers.lastFrame, 'Help: Server certificates');
    for (let i = 0; i < 20; i++) await press(servers.stdin, '\u001B[6~'); // PageDown
    const end = servers.lastFrame() ?? '';
    expect(end).not.toContain('more rows');
    expect(end.split('\n').length).toBeGreaterThan(20); // a full page, not an empty screen
    await press(servers.stdin, KEY.up);
    await waitFor(() => (servers.lastFrame() ?? '').includes('↓ 1 more rows'));
    servers.unmount();
    unmount();
  });
});

describe('Generate', () => {
  it('keeps its log inside the frame: nothing above the header while it runs or after', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const deps: ProduceDeps = {...realDeps, generate: async (o) => {

      o.onProgress?.({type: 'keys', total: 23});
      await gate;
      throw Object.assign(new Error('stopped by the test'), {name: 'Error'});
    }};
    const app = await start({step: STEPS.length - 1, touched: true, screen: 'step'}, deps);
    await frameWith(app.lastFrame, 'Step 8 of 10');
    await press(app.stdin, KEY.enter);

    const running = await eventuallyFrameWith(app.lastFrame, 'generating 23 keys', 3000);
    expect(running.split('\n')[0]).toMatch(/^kubepki · Step 9 of 10 · Generate/);
    release();
    // The failure reaches the screen through the produce promise and Ink's throttled render: real time, like the start.
    const failed = await eventuallyFrameWith(app.lastFrame, 'stopped by the test', 3000);
    expect(failed.split('\n')[0]).toMatch(/^kubepki · Step 9 of 10 · Generate/);
    app.unmount();
  });
});

describe('lessons', () => {
  it('the inspect lesson teaches -text -noout, -enddate, -checkend and kubeadm certs check-expiration; the last lesson leads to Build', async () => {
    const text = LESSONS.find((l) => l.id === 'inspect')!.body.join('\n');
    for (const needle of ['openssl x509 -in apiserver.crt -text -noout', '-enddate', '-checkend', 'kubeadm certs check-expiration']) expect(text).toContain(needle);
    for (const l of LESSONS) for (const line of l.body) expect(line, l.id).not.toMatch(/ {2,}/);
    const {stdin, lastFrame, unmount} = await start({screen: 'learn', learnCursor: LESSONS.length - 1});
    expect(await frameWith(lastFrame, 'Inspecting a certificate')).toContain('Enter build a PKI');
    await press(stdin, KEY.enter);
    await frameWith(lastFrame, 'Step 1 of 10');
    unmount();
  });

  it('wrapped bullets keep their indent', async () => {
    const {lastFrame, unmount} = await start({screen: 'learn', learnCursor: LESSONS.findIndex((l) => l.id === 'ca')});
    const frame = await frameWith(lastFrame, 'Certificate authorities');
    const rows = frame.split('\n');
    const bullet = rows.findIndex((r) => r.startsWith('  • One CA works'));
    expect(rows[bullet + 1]).toMatch(/^ {4}\S/);
    unmount();
  });
});

describe('review', () => {
  it('tells etcd server from etcd peer by role', async () => {
    const {lastFrame, unmount} = await start({step: STEPS.indexOf(stepById('review'))}, realDeps, [120, 40]);
    const frame = await frameWith(lastFrame, 'Role');
    expect(frame).toContain('etcd-server');
    expect(frame).toContain('etcd-peer');
    unmount();
    await settle();
  });
});
