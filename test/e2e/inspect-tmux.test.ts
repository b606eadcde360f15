// Home → Inspect in a real terminal (tmux, 80×24): the built binary opens Inspect from Home, reads the output
// folder it offers, selects a certificate and shows its fields, scrolls the detail, opens the timeline, quits.

import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {HOME_ITEMS} from '../../src/ui/wizard-state.js';
import {BIN} from '../support/cli.js';
import {generateTree} from '../support/generated-tree.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';
import {ensureBuilt, hasTmux, terminal, type Pane} from '../support/tmux.js';


describe.skipIf(!hasTmux)('Home → Inspect in tmux', () => {
  let tmp: TmpDir;
  let pane: Pane | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    tmp = await tmpDir('kubepki-inspect-tmux-');
    // The wizard's default output folder, ./pki, holds a tree: Inspect offers it.
    await generateTree('native', basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]), join(tmp.path, 'pki'));
  }, 180_000);
  afterAll(async () => {
    await pane?.close();
    await tmp?.cleanup();
  });

  it('80×24: Home → Inspect → ./pki → apiserver.crt’s fields with their openssl options → timeline → q', async () => {
    pane = await terminal(`kubepki-inspect-e2e-${process.pid}`, 80, 24, `cd '${tmp.path}' && TERM=xterm-256color node '${BIN}'; echo "EXIT=$?"; sleep 60`);
    await pane.waitFor('Inspect a PKI or endpoint');
    await pane.keys(...Array<string>(HOME_ITEMS.indexOf('inspect')).fill('Down'), 'Enter');
    expect(await pane.waitFor('./pki')).toMatch(/Path or HOST:PORT +\.\/pki/);
    await pane.keys('Enter');
    const list = await pane.waitFor('[Files');
    expect(list).toMatch(/\d+ entries: \d+ ✔ ok/);
    let screen = list;
    for (let i = 0; i < 40 && !/› ✔ apiserver\.crt/.test(screen); i++) {
      await pane.keys('Down');
      screen = await pane.screen();
    }
    expect(screen).toMatch(/› ✔ apiserver\.crt {2}ok · apiserver serving/);
    expect(screen).toMatch(/Subject +CN=kube-apiserver +-subject/);
    await pane.keys('Tab', ...Array<string>(25).fill('Down'));
    const detail = await pane.waitFor('-fingerprint -sha256');
    expect(detail).toContain('› Detail');
    for (const s of [list, screen, detail]) {
      expect(s.split('\n').every((l) => l.length <= 80)).toBe(true);
      expect(s.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    }
    await pane.keys('Right', 'Right', 'Right');
    expect(await pane.waitFor('▼ today')).toContain('[Timeline]');
    await pane.keys('q');
    expect(await pane.waitFor('EXIT=')).toContain('EXIT=0');
  }, 180_000);
});
