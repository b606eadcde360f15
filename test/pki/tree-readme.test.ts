// The tree's README lists every file of the first nodes of each kind and names the rest in one line: a 5,000-node
// README stays readable, and small enough for a re-run to read it back.

import {describe, expect, it} from 'vitest';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {renderTreeReadme} from '../../src/pki/tree-readme.js';
import {basePlan, examplePlan} from '../../src/plan/defaults.js';
import {MAX_EXISTING_BYTES} from '../../src/pki/reuse-rules.js';
import type {PlanNode} from '../../src/plan/types.js';

const nodes = (count: number, cps = 3): PlanNode[] => Array.from({length: count}, (_, i) => ({
  name: i < cps ? `cp-${i + 1}` : `worker-${i - cps + 1}`,
  address: `10.${Math.floor(i / 250) >> 8}.${Math.floor(i / 250) & 255}.${(i % 250) + 1}`,
  role: i < cps ? 'control-plane' as const : 'worker' as const,
}));
const readme = (plan: ReturnType<typeof basePlan>) => {
  const model = resolve(plan);
  const entries = layoutFiles(model);
  return {text: renderTreeReadme(model, entries), entries};
};
/** The files the README lists one by one (map.html, written only on request, is listed with its condition). */
const listed = (text: string) => [...text.matchAll(/^- `([^`]+)` \(0\d{3}\)/gm)].map((m) => m[1]!).filter((p) => p !== 'map.html');

describe('the tree README', () => {
  it('lists every file of the ha example (three nodes of each kind)', () => {
    const {text, entries} = readme(examplePlan('ha'));
    expect(listed(text)).toEqual(entries.map((e) => e.path));
    expect(text).not.toMatch(/more nodes? ha/);
  });

  it('lists three workers in full and names the others in one line, in the plan order', () => {
    const {text, entries} = readme(basePlan(nodes(100)));
    const paths = listed(text);
    expect(paths.filter((p) => p.startsWith('worker-3/'))).toEqual(entries.filter((e) => e.node === 'worker-3').map((e) => e.path));
    expect(paths.some((p) => p.startsWith('worker-4/'))).toBe(false);
    expect(text).toContain('- 94 more nodes have the same files as `worker-1`, each with its own name in their paths and certificates (`worker-4` … `worker-97`, in the plan\'s order)');
    expect(paths.every((p) => entries.some((e) => e.path === p))).toBe(true);
  });

  it('stays the same size for 5,000 nodes, far below what a re-run reads back', () => {
    const small = readme(basePlan(nodes(100))).text.length;
    const large = readme(basePlan(nodes(5000))).text.length;
    expect(large - small).toBeLessThan(100);
    expect(large).toBeLessThan(MAX_EXISTING_BYTES / 8);
  });

  it('folds control planes as it folds workers (cp-1, which has more, apart), and a single extra node by its name', () => {
    const {text} = readme(basePlan(nodes(9, 6)));
    expect(text).toContain('- 2 more nodes have the same files as `cp-2`, each with its own name in their paths and certificates (`cp-5` … `cp-6`, in the plan\'s order)');
    expect(readme(basePlan(nodes(7))).text).toContain('- 1 more node has the same files as `worker-1`, each with its own name in their paths and certificates (`worker-4`, in the plan\'s order)');
  });
});
