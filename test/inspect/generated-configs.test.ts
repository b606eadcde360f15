// inspect follows every manifest and kubelet config kubepki writes back to the files they name: on every node of
// a generated HA cluster, each TLS flag resolves to a file of the kind the flag needs and of the expected role.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {inspectPaths} from '../../src/inspect/index.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {poolKeys} from '../support/key-pool.js';

const plan = examplePlan('ha');
let out: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'kubepki-inspect-configs-'));
  await generateNative({plan, out, keys: poolKeys});
});
afterAll(() => rmSync(out, {recursive: true, force: true}));

describe('inspect on every generated node', () => {
  it.each(plan.nodes.map((n) => [n.name, n.role] as const))('%s (%s): every flag of its manifests and kubelet config names a file of the right kind', async (node, role) => {
    const report = await inspectPaths([join(out, node)]);
    const configs = report.files.filter((f) => f.kind === 'manifest' || f.kind === 'kubelet-config');
    expect(configs.length).toBe(role === 'control-plane' ? 5 : 1);
    let flags = 0;
    for (const f of configs) {
      for (const use of 'manifest' in f ? f.manifest.flags : []) {
        if (!use.ref) continue;
        flags++;
        expect({flag: use.flag, found: use.ref.found, problem: use.ref.problem}, f.path).toEqual({flag: use.flag, found: true, problem: undefined});
      }
    }
    expect(flags).toBeGreaterThan(role === 'control-plane' ? 25 : 2);
  });
});
