// What every terminal map must be: rows within the width, nothing cut, and every authority, certificate,
// program instance and flag of its graph on them.

import {expect} from 'vitest';
import type {PkiGraph} from '../../src/map/graph.js';

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Asserts the rows show the whole graph within `width` columns. */
export function expectCompleteMap(g: PkiGraph, rows: string[], width: number): void {
  expect(rows.filter((r) => [...r].length > width)).toEqual([]);
  expect(rows.join('\n')).not.toContain('…');
  // Rows are wrapped, so ids are looked up in the text with the wrapping undone.
  const flat = rows.map((r) => r.trim()).join(' ');
  for (const c of [...g.authorities, ...g.leaves]) expect(flat, c.id).toMatch(new RegExp(`(■|├─|└─) ${literal(c.id)} \\[`));
  const headers = rows.filter((r) => r.startsWith('▸ '));
  for (const c of g.components) {
    const where = c.node ?? c.user!;
    expect(headers.some((h) => h.startsWith(`▸ ${c.program} `) && h.split(/[ ,]+/).includes(where)), c.id).toBe(true);
  }
  for (const e of g.edges) expect(flat, `${e.component} ${e.flag}`).toContain(`${e.flag} → ${e.file}`);
}

