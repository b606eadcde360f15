// Home → Inspect in the Ink wizard at 80×24 and 120×35: a generated tree's files with marks and a detail pane,
// the openssl-built faulty trees' marks and findings, a live TLS endpoint, and every frame within the terminal.

import {readFile} from 'node:fs/promises';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {createServer, type Server} from 'node:tls';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import {App} from '../../src/ui/ink/App.js';
import {HOME_ITEMS, initialState, type Outcome} from '../../src/ui/wizard-state.js';
import {generateTree} from '../support/generated-tree.js';
import {eventuallyFrameWith, flat, frameWith, KEY, press, resize, settle} from '../support/ink.js';
import {hasOpenssl, tmpDir, type TmpDir} from '../support/openssl.js';
import {faultyTree, FAULTS, removeTrees} from '../support/openssl-tree.js';

let tmp: TmpDir;
let out: string;
beforeAll(async () => {
  tmp = await tmpDir('kubepki-inspect-ui-');
  out = join(tmp.path, 'pki');
  await generateTree('native', basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]), out);
}, 120_000);
afterAll(async () => {
  await tmp.cleanup();
});

function start(columns: number, rows: number, outDir = out) {
  const plan = basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]);
  const outcomes: Outcome[] = [];
  const app = render(<App start={initialState(initialAnswers(plan, outDir))} deps={realDeps} onExit={(o) => outcomes.push(o)} />);
  resize(app.stdout, columns, rows);
  return {...app, outcomes};
}

async function openInspect(app: ReturnType<typeof start>): Promise<void> {
  await frameWith(app.lastFrame, 'Build a cluster PKI');
  await settle();
  await press(app.stdin, ...Array<string>(HOME_ITEMS.indexOf('inspect')).fill(KEY.down), KEY.enter);
  await frameWith(app.lastFrame, 'Path or HOST:PORT');
}

/** Every frame row within the terminal: no row wider than it, no more rows than it has. */
function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(rows);
  for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
}

const PAGE_DOWN = '\u001B[6~';

/** The file list's column of a side-by-side frame (120 columns: the list takes 48). */
const leftColumn = (frame: string): string => frame.split('\n').map((l) => l.slice(0, 48)).join('\n');

/** Down the list until the selected row names `name` (the list is in path order). */
async function select(app: ReturnType<typeof start>, name: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const frame = app.lastFrame() ?? '';
    if (frame.split('\n').some((l) => l.includes('› ') && l.includes(` ${name}`))) return frame;
    await press(app.stdin, KEY.down);
  }
  throw new Error(`${name} never selected; last:\n${app.lastFrame()}`);
}

/** Keys one by one, checking each frame on the way fits the terminal. */
async function pressFitting(app: ReturnType<typeof start>, columns: number, rows: number, ...keys: string[]): Promise<string> {
  for (const k of keys) {
    await press(app.stdin, k);
    expectFits(app.lastFrame() ?? '', columns, rows);
  }
  return app.lastFrame() ?? '';
}

describe('Home → Inspect', () => {
  it('80×24: the output folder by default, its files with marks, a certificate’s fields beside their openssl options, then the tabs', async () => {
    const app = start(80, 24);
    await frameWith(app.lastFrame, 'Inspect a PKI or endpoint');
    await settle();
    expectFits(app.lastFrame()!, 80, 24);
    await openInspect(app);
    // The wizard's output folder exists: it is offered as the path.
    expect(flat(await frameWith(app.lastFrame, out))).toContain(`Path or HOST:PORT ${out}`);
    // F1 (letters type into the path) opens the inspect lesson; Esc closes it.
    await press(app.stdin, '\u001BOP');
    expect(await frameWith(app.lastFrame, 'Help: Inspect')).toContain('openssl x509 -in');
    await press(app.stdin, KEY.esc);
    await frameWith(app.lastFrame, 'Enter inspect');
    await press(app.stdin, KEY.enter);
    const list = await eventuallyFrameWith(app.lastFrame, '[Files');
    expectFits(list, 80, 24);
    expect(list).toMatch(/\d+ entries: \d+ ✔ ok/);
    expect(list).toContain('cp-1/etc/kubernetes/');
    const frame = await select(app, 'apiserver.crt');
    expectFits(frame, 80, 24);
    expect(frame).toMatch(/› ✔ apiserver\.crt {2}ok · apiserver serving · 36\dd left/);
    // The detail pane: the selected certificate's fields, each beside its openssl option; scrolled with Tab + ↓.
    expect(frame).toContain('Role');
    expect(frame).toMatch(/Subject +CN=kube-apiserver +-subject/);
    const detail = await pressFitting(app, 80, 24, KEY.tab, ...Array<string>(30).fill(KEY.down));
    expect(detail).toContain('› Detail');
    expect(detail).toMatch(/SHA-256 +[0-9A-F:]+/);
    expect(flat(detail)).toContain('-fingerprint -sha256');
    expect(flat(detail)).toMatch(/Command +openssl x509 -in \S+\/ ?apiserver\.crt -noout OPTION/);
    const findings = await pressFitting(app, 80, 24, KEY.right);
    expect(findings).toContain('[Findings 0]');
    expect(findings).toContain('✔ No findings');
    const map = await pressFitting(app, 80, 24, KEY.right);
    expect(map).toContain('[Map]');
    expect(map).toContain('PKI map of cluster');
    expect(map).toMatch(/↓ \d+ more rows/);
    // PgDn pages through it and stops with its last row on screen.
    const paged = await pressFitting(app, 80, 24, ...Array<string>(20).fill(PAGE_DOWN));
    expect(paged).not.toContain('PKI map of cluster');
    expect(paged).toContain('▸ etcdctl on cp-1');
    expect(paged).not.toMatch(/↓ \d+ more rows/);
    const timeline = await pressFitting(app, 80, 24, KEY.right);
    expect(timeline).toContain('[Timeline]');
    expect(timeline).toContain('▼ today');
    expect(timeline).toMatch(/apiserver@cp-1 +█+ +ok, until/);
    // Esc: back to the path (kept), then Home.
    await press(app.stdin, KEY.esc);
    expect(flat(await frameWith(app.lastFrame, 'Enter inspect'))).toContain(out);
    await press(app.stdin, KEY.esc);
    await frameWith(app.lastFrame, 'Build a cluster PKI');
    app.unmount();
  }, 60_000);

  it('a path that is not there: one line naming the rule, the field kept, nothing crashes', async () => {
    const app = start(80, 24, join(tmp.path, 'nothing-here'));
    await openInspect(app);
    await press(app.stdin, ...'./no/such/dir', KEY.enter);
    const frame = await eventuallyFrameWith(app.lastFrame, 'no such file or folder');
    expectFits(frame, 80, 24);
    expect(flat(frame)).toContain('✖ ./no/such/dir: no such file or folder — give a certificate, key or kubeconfig file, a folder of them, or HOST:PORT');
    expect(frame).toContain('Enter inspect');
    // An empty field says so too.
    await press(app.stdin, ...Array<string>(13).fill(KEY.backspace), KEY.enter);
    expect(flat(await frameWith(app.lastFrame, 'the path is empty'))).toContain('the path is empty: give a certificate, key or kubeconfig file, a folder of them, or HOST:PORT of a TLS server (Esc goes back to Home)');
    expect(app.outcomes).toEqual([]);
    app.unmount();
  }, 30_000);
});

describe.skipIf(!hasOpenssl())('Home → Inspect on openssl-built faulty trees', () => {
  afterAll(removeTrees);

  it('120×35: the expired certificate is ✖ EXPIRED in the list, its finding in the detail and the findings tab, EXPIRED on the timeline', async () => {
    const dir = await faultyTree('expired');
    const app = start(120, 35, join(tmp.path, 'nothing-here'));
    await openInspect(app);
    await press(app.stdin, ...dir, KEY.enter);
    await eventuallyFrameWith(app.lastFrame, '[Files', 60_000);
    const frame = await select(app, 'apiserver-kubelet-client.crt');
    expectFits(frame, 120, 35);
    expect(frame).toMatch(/1 ✖ problem/);
    expect(flat(leftColumn(frame))).toMatch(/› ✖ apiserver-kubelet-client\.crt EXPIRED · apiserver client to the kubelets · expired \d+d ago/);
    expect(flat(frame)).toContain('✖ ERROR cert-expired');
    expect(flat(frame)).toContain('fix: run kubepki renew apiserver-kubelet-client');
    expect(flat(frame)).toMatch(/Not after +2025-01-01 00:00 UTC \(EXPIRED/);
    const findings = await pressFitting(app, 120, 35, KEY.right);
    expect(findings).toMatch(/\[Findings \d+\]/);
    expect(flat(findings)).toContain(`✖ ERROR cert-expired ${FAULTS.expired.path}`);
    const timeline = await pressFitting(app, 120, 35, KEY.right, KEY.right);
    expect(timeline).toMatch(/apiserver-kubelet-client.*EXPIRED 2025-01-01/);
    app.unmount();
  }, 180_000);

  it('80×24: the apiserver certificate without the service IP is marked and its finding shown', async () => {
    const dir = await faultyTree('missing-san');
    const app = start(80, 24, join(tmp.path, 'nothing-here'));
    await openInspect(app);
    await press(app.stdin, ...dir, KEY.enter);
    await eventuallyFrameWith(app.lastFrame, '[Files', 60_000);
    const frame = await select(app, 'apiserver.crt');
    expectFits(frame, 80, 24);
    expect(frame).toMatch(/› [✖!] apiserver\.crt {2}(error|warning) · apiserver serving/);
    expect(flat(frame)).toMatch(/[✖!] (ERROR|WARNING) [a-z-]*san[a-z-]*/);
    app.unmount();
  }, 180_000);
});

describe('Home → Inspect on a live endpoint', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    const pki = join(out, 'cp-1', 'etc', 'kubernetes', 'pki');
    server = createServer({cert: await readFile(join(pki, 'apiserver.crt'), 'utf8'), key: await readFile(join(pki, 'apiserver.key'), 'utf8')}, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('120×35: HOST:PORT shows the presented chain with its fields; 127.0.0.1 is not among its SANs', async () => {
    const app = start(120, 35, join(tmp.path, 'nothing-here'));
    await openInspect(app);
    await press(app.stdin, ...`127.0.0.1:${port}`, KEY.enter);
    const frame = await eventuallyFrameWith(app.lastFrame, '[Files', 30_000);
    expectFits(frame, 120, 35);
    expect(frame).toContain(`127.0.0.1:${port}`);
    expect(frame).toMatch(/› ✖ 127\.0\.0\.1:\d+ {2}name NOT COVERED · TLS/);
    expect(flat(frame)).toContain('[1/1] presented (leaf)');
    expect(flat(frame)).toMatch(/Subject +CN=kube-apiserver/);
    // Findings, map and timeline need a folder, and say so.
    expect(flat(await pressFitting(app, 120, 35, KEY.right, KEY.right))).toContain('inspect a folder to see it');
    app.unmount();
  }, 60_000);
});
