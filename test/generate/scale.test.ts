// Generation grows linearly with the plan: preparing a fresh folder and rendering every file for 2,000 nodes
// costs about 8× what 250 nodes cost, not 64× (a kubeconfig lookup per kubeconfig, an open per missing path and
// configs rendered twice once made a 5,000-node run take minutes). The writer takes files as a stream and holds
// only a few in memory. A re-run on a large tree reads back what the first run wrote, its README included.

import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {prepareRun} from '../../src/generate/prepare.js';
import type {Material} from '../../src/output/material.js';
import {renderFiles, type RenderedFile} from '../../src/output/render.js';
import {writeTree} from '../../src/output/write.js';
import {STAGING_PREFIX} from '../../src/pki/layout.js';
import {MAX_EXISTING_BYTES} from '../../src/pki/reuse-rules.js';
import {basePlan} from '../../src/plan/defaults.js';
import type {PlanNode} from '../../src/plan/types.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kubepki-scale-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

function plan(count: number) {
  const nodes: PlanNode[] = Array.from({length: count}, (_, i) => ({
    name: i < 3 ? `cp-${i + 1}` : `w${i}`,
    address: `10.${1 + Math.floor(i / 62_500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
    role: i < 3 ? 'control-plane' : 'worker',
  }));
  return basePlan(nodes, []);
}

/** Stand-in material: rendering only places PEM text, so one pair serves every certificate. */
const PEM = {certPem: '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n', keyPem: '-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----\n'};

/** What a run does before and after its keys, without the keys: prepare a fresh folder, render every file. */
async function prepareAndRender(count: number): Promise<number> {
  const p = plan(count);
  const start = performance.now();
  const prepared = await prepareRun(p, tmp(), false, new Date());
  try {
    const material: Material = {certs: new Map(prepared.model.certs.map((c) => [c.id, PEM])), sa: {privateKeyPem: PEM.keyPem, publicKeyPem: PEM.keyPem}};
    let files = 0;
    for (const f of renderFiles(prepared.model, prepared.entries, material)) files += f.content.length > 0 ? 1 : 0;
    expect(files).toBe(prepared.entries.length);
  } finally {
    await prepared.release();
  }
  return performance.now() - start;
}

describe('generation at scale', () => {
  it('2,000 nodes cost well under 64× (quadratic) what 250 nodes cost to prepare and render', async () => {
    await prepareAndRender(250); // warm up the JIT
    const small = Math.min(await prepareAndRender(250), await prepareAndRender(250));
    const large = await prepareAndRender(2000);
    // Linear is 8×; the bound leaves room for a busy machine and GC while still failing on n².
    expect(large / small).toBeLessThan(24);
  }, 300_000);

  it('a re-run on a 900-node tree keeps every certificate and writes nothing (its README reads back)', async () => {
    const out = tmp();
    const p = {...plan(900), certificates: {...plan(900).certificates, encryptionAlgorithm: 'ECDSA-P256' as const}};
    await generateNative({plan: p, out});
    const mtimes = () => ['README.md', 'w800/var/lib/kubelet/pki/kubelet.crt'].map((f) => statSync(join(out, f)).mtimeMs);
    const before = mtimes();
    const again = await generateNative({plan: p, out});
    expect(again.certificates.filter((c) => c.status !== 'kept' && c.status !== 'reused')).toEqual([]);
    expect(mtimes()).toEqual(before);
    expect(statSync(join(out, 'README.md')).size).toBeLessThan(MAX_EXISTING_BYTES);
  }, 300_000);

  it('the writer pulls files as it writes them: never more than a few rendered files ahead of the disk', async () => {
    const out = tmp();
    const total = 200;
    let ahead = 0;
    const staged = (): number => {
      const stage = readdirSync(out).find((n) => n.startsWith(STAGING_PREFIX));
      return stage ? readdirSync(join(out, stage)).length : 0;
    };
    function* files(): Generator<RenderedFile> {
      for (let i = 0; i < total; i++) {
        // Files handed over but not yet on disk in staging: what the writer holds in memory.
        ahead = Math.max(ahead, i - staged());
        yield {path: `f${i}.txt`, content: `file ${i}\n`, mode: 0o644};
      }
    }
    const written = await writeTree(out, files());
    expect(written).toHaveLength(total);
    expect(readdirSync(out).filter((n) => n.startsWith('f'))).toHaveLength(total);
    expect(ahead).toBeGreaterThan(0);
    expect(ahead).toBeLessThanOrEqual(16);
  }, 60_000);
});
