// `node bin/kubepki.js` in a real terminal (tmux, 80×24): Home → Practice → a lab → check my work fails, the
// learner solves it with openssl, check passes; quitting keeps the lab and says how to check it later.

import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {LABS} from '../../src/practice/labs/definitions.js';
import {BIN} from '../support/cli.js';
import {hasBinary} from '../support/binaries.js';
import {PRELOAD_OPTIONS} from '../support/key-pool.js';
import {solveKubeletClient} from '../support/lab-solutions.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';
import {ensureBuilt, hasTmux, terminal} from '../support/tmux.js';

const LAB = 'kubelet-client-cert';

describe.skipIf(!hasTmux || !hasBinary('openssl'))('practice in tmux', () => {
  let tmp: TmpDir;
  beforeAll(async () => {
    await ensureBuilt();
    tmp = await tmpDir('kubepki-practice-tmux-');
  }, 180_000);
  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('Home → Practice → a lab → check, solve, check again → quit keeps the lab', async () => {
    const t = await terminal(`kubepki-practice-${process.pid}`, 80, 24,
      `cd '${tmp.path}' && TERM=xterm-256color NODE_OPTIONS='${PRELOAD_OPTIONS}' node '${BIN}'; echo "EXIT=$?"; sleep 60`);
    try {
      await t.waitFor('Build a cluster PKI');
      for (let i = 0; i < 8 && !(await t.screen()).includes('› Practice'); i++) await t.keys('Down');
      await t.keys('Enter');
      await t.waitFor('A hands-on lab');
      await t.keys('2');
      await t.waitFor('Each lab is');
      await t.keys(String(LABS.findIndex((l) => l.id === LAB) + 1));
      await t.waitFor(`./kubepki-lab-${LAB}`);
      await t.keys('Enter');
      const task = await t.waitFor(`Practice lab · ${LAB}`, 60_000);
      const dir = join(tmp.path, `kubepki-lab-${LAB}`);
      expect(task.replace(/\s+/g, ' ')).toContain(`cd ${dir} && cat TASK.md`);
      expect(task.split('\n').every((l) => l.length <= 80)).toBe(true);

      await t.keys('c');
      expect(await t.waitFor('Check 1:')).toContain('✘ node01.crt is missing');
      await solveKubeletClient(dir);
      await t.keys('c');
      const passed = await t.waitFor('Check 2:');
      expect(passed.replace(/\s+/g, ' ')).toMatch(/Check 2: (\d+) of \1 right: every item passes/);
      expect(passed).not.toContain('✘');

      await t.keys('q');
      const end = (await t.waitFor('EXIT=')).replace(/\s+/g, ' ');
      expect(end).toContain('EXIT=0');
      expect(end).toContain(`The lab stays in ${dir}. Check it later with: kubepki practice check ${LAB} --dir ${dir}`);
      expect(existsSync(join(dir, 'TASK.md'))).toBe(true);
    } finally {
      await t.close();
    }
  }, 180_000);
});
