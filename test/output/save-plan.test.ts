// savePlan writes kubepki.yaml beside the output folder: 0600, left alone when identical, replaced when
// it wrote it, and never a foreign file (a numbered name instead).

import {readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {planPathFor, savePlan, WIZARD_MARKER} from '../../src/output/save-plan.js';
import {basePlan} from '../../src/plan/defaults.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';

describe('save-plan', () => {
  let tmp: TmpDir;
  beforeEach(async () => {
    tmp = await tmpDir('kubepki-save-');
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('creates 0600, leaves an identical file, replaces its own, never a foreign one', async () => {
    const out = join(tmp.path, 'pki');
    const plan = basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]);
    const first = await savePlan(plan, out);
    expect(first).toEqual({path: planPathFor(out), status: 'created'});
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect(await savePlan(plan, out)).toEqual({path: first.path, status: 'unchanged'});
    expect((await savePlan({...plan, clusterName: 'lab'}, out)).status).toBe('replaced');
    await writeFile(first.path, 'mine: true\n');
    const second = await savePlan(plan, out);
    expect(second.path).toBe(join(tmp.path, 'kubepki-2.yaml'));
    expect(await readFile(first.path, 'utf8')).toBe('mine: true\n');
    expect(await readFile(second.path, 'utf8')).toMatch(new RegExp(`^${WIZARD_MARKER.replace(/\./g, '\\.')}`));
  });
});
