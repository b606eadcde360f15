// Emitting the script grows linearly with the plan: a plan four times larger takes about four times as long
// (it took 55 s for 10,000 nodes when lookups scanned every certificate per certificate).

import {describe, expect, it} from 'vitest';
import {emitScript} from '../../src/openssl/emit.js';
import {fixedContent} from '../../src/output/render.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {basePlan} from '../../src/plan/defaults.js';
import type {PlanNode} from '../../src/plan/types.js';

function workers(n: number) {
  const nodes: PlanNode[] = [{name: 'cp-1', address: '10.0.0.1', role: 'control-plane'}];
  for (let i = 0; i < n; i++) nodes.push({name: `w${i}`, address: `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, role: 'worker'});
  return resolve(basePlan(nodes, []));
}

/** The fastest of a few runs: the machine's other work only ever adds time. */
function fastest(run: () => void, times = 3): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('emitting a large plan', () => {
  it('scales linearly: 4× the nodes costs well under 16× (quadratic) the time, script and fixed files alike', () => {
    const small = workers(150);
    const large = workers(600);
    const emit = (m: ReturnType<typeof workers>) => () => {
      emitScript(m);
      const entries = layoutFiles(m);
      for (const e of entries) fixedContent(m, entries, e);
    };
    emit(small)(); // warm up the JIT on both sizes
    emit(large)();
    const ratio = fastest(emit(large)) / fastest(emit(small));
    expect(ratio).toBeLessThan(10);
  }, 120_000);
});
