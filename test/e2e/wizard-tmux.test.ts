// The built binary in a real terminal (tmux): press Enter through the default path until the Done screen,
// then check the PKI in the output folder with openssl. CI installs tmux; locally it is skipped without it.

import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {layoutFiles, certFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {parsePlanText} from '../../src/plan/load.js';
import {PRELOAD_OPTIONS} from '../support/key-pool.js';
import {hasOpenssl, opensslVerify, tmpDir, type TmpDir} from '../support/openssl.js';
import {ensureBuilt, hasTmux, sleep, tmux} from '../support/tmux.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin', 'kubepki.js');
if (!hasTmux && process.env.CI_REAL === 'true') throw new Error('tmux is required in CI (.ci/run installs it)');
const SESSION = `kubepki-e2e-${process.pid}`;
const capture = async () => String((await tmux('capture-pane', '-p', '-t', SESSION)).stdout);

describe.skipIf(!hasTmux)('the wizard in tmux', () => {
  let tmp: TmpDir;
  beforeAll(async () => {
    await ensureBuilt();
    tmp = await tmpDir('kubepki-tmux-');
  }, 180_000);
  afterAll(async () => {
    await tmux('kill-session', '-t', SESSION);
    await tmp?.cleanup();
  });

  it('Enter through the defaults writes a PKI that openssl verifies', async () => {
    const r = await tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30',
      `cd '${tmp.path}' && TERM=xterm-256color NODE_OPTIONS='${PRELOAD_OPTIONS}' node '${BIN}'; echo "EXIT=$?"; sleep 60`);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    let screen = '';
    for (let i = 0; i < 300 && !screen.includes('Step 10 of 10 · Done'); i++) {
      await sleep(200);
      screen = await capture();
      // Enter on every screen until Generate starts; then wait for it to finish.
      if (!screen.includes('Generate') || screen.includes('Step 8 of 10')) await tmux('send-keys', '-t', SESSION, 'Enter');
    }
    expect(screen).toContain('Step 10 of 10 · Done');
    await tmux('send-keys', '-t', SESSION, 'Enter');
    for (let i = 0; i < 50 && !screen.includes('EXIT='); i++) {
      await sleep(100);
      screen = await capture();
    }
    expect(screen).toContain('EXIT=0');

    const planText = await readFile(join(tmp.path, 'kubepki.yaml'), 'utf8');
    const parsed = parsePlanText(planText, 'kubepki.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const model = resolve(parsed.plan);
    const out = join(tmp.path, 'pki');
    expect(existsSync(join(tmp.path, 'pki-script', 'generate-pki.sh'))).toBe(true);
    const paths = certFiles(layoutFiles(model));
    if (!hasOpenssl()) return;
    let verified = 0;
    for (const spec of model.certs) {
      const own = paths.get(spec.id);
      if (!own) continue;
      const verdict = await opensslVerify(await readFile(join(out, paths.get(spec.signer)!), 'utf8'), await readFile(join(out, own), 'utf8'));
      expect(verdict.ok, `${spec.id}: ${verdict.output}`).toBe(true);
      verified++;
    }
    expect(verified).toBeGreaterThan(10);
  }, 120_000);

  it('80×24: F1 opens help from a text field of every step (and from the steps without one)', async () => {
    const session = `${SESSION}-help`;
    const r = await tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24',
      `cd '${tmp.path}' && TERM=xterm-256color node '${BIN}'; echo "EXIT=$?"; sleep 60`);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const screen = async () => String((await tmux('capture-pane', '-p', '-t', session)).stdout);
    const keys = async (...k: string[]) => {
      for (const key of k) {
        await tmux('send-keys', '-t', session, key);
        await sleep(250);
      }
    };
    // Generous: on a loaded machine the first frame alone can take 10 s.
    const waitFor = async (text: string): Promise<string> => {
      let seen = '';
      for (let i = 0; i < 300; i++) {
        seen = await screen();
        if (seen.includes(text)) return seen;
        await sleep(100);
      }
      throw new Error(`no screen showed ${JSON.stringify(text)}; last:\n${seen}`);
    };
    try {
      await waitFor('Build a cluster PKI');
      // [step title, keys that put a text field in focus, keys that leave it again]
      const steps: [string, string[], string[]][] = [
        ['TLS basics', [], []],
        ['Cluster', [], []],
        ['Nodes', ['e'], ['Escape']],
        ['Certificate authorities', ['Tab', 'Tab'], []],
        ['Client certificates and groups', ['a'], ['Escape']],
        ['Server certificates and SANs', ['a'], ['Escape']],
        ['Review', [], []],
        ['Output', [], []],
      ];
      await keys('Enter');
      for (const [title, into, out] of steps) {
        await waitFor(`· ${title}`);
        await keys(...into);
        const before = await screen();
        if (into.length > 0 || title === 'Cluster' || title === 'Output') expect(before, title).toContain('F1 help'); // a text field: ? is text
        await keys('F1');
        const help = await waitFor(`Help: ${title}`);
        expect(help.split('\n').every((l) => l.length <= 80)).toBe(true);
        await keys('Escape');
        await waitFor(`· ${title}`);
        await keys(...out, 'Enter');
      }
      await waitFor('Step 9 of 10');
    } finally {
      await tmux('kill-session', '-t', session);
    }
  }, 300_000);
});
