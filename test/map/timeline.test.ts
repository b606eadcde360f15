// The terminal expiry timeline: within the width at 40, 80 and 120 columns, every certificate named, authorities
// above their leaves, today on the axis, and expired or expiring rows saying so in words (colour only adds escapes).

import {describe, expect, it} from 'vitest';
import {graphFromPlan} from '../../src/map/from-plan.js';
import {allCerts} from '../../src/map/graph.js';
import {timelineLines} from '../../src/map/timeline.js';
import {examplePlan} from '../../src/plan/defaults.js';

const NOW = new Date('2026-12-02T00:00:00Z');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function graph() {
  const g = graphFromPlan(examplePlan('ha'), NOW);
  Object.assign(g.leaves.find((c) => c.id === 'kube-proxy')!, {status: 'expired', notBefore: new Date('2025-06-01T00:00:00Z'), notAfter: new Date('2026-06-01T00:00:00Z')});
  Object.assign(g.leaves.find((c) => c.id === 'user@jane')!, {status: 'expiring', notAfter: new Date('2026-12-24T00:00:00Z')});
  return g;
}

describe('terminal timeline', () => {
  const g = graph();

  it.each([40, 80, 120])('fits %i columns and names every certificate, authorities before their leaves', (width) => {
    const rows = timelineLines(g, {width, color: false});
    expect(rows.filter((r) => [...r].length > width)).toEqual([]);
    expect(rows.join('\n')).not.toContain('…');
    const order = allCerts(g).map((c) => rows.findIndex((r) => new RegExp(`^ *${c.id.replace('.', '\\.')}( |$)`).test(r)));
    expect(order.filter((i) => i < 0)).toEqual([]);
    for (const ca of g.authorities) {
      for (const leaf of g.leaves.filter((l) => l.issuer === ca.id)) expect(order[allCerts(g).indexOf(leaf)]).toBeGreaterThan(order[allCerts(g).indexOf(ca)]!);
    }
    expect(rows.join('\n')).toContain('▼ today 2026-12-02');
  });

  it('says expired and expiring in words; colour adds escapes and nothing else', () => {
    const plain = timelineLines(g, {width: 100, color: false});
    expect(plain.find((r) => r.startsWith('  kube-proxy '))).toMatch(/█+[ ┆]+EXPIRED 2026-06-01$/);
    expect(plain.find((r) => r.startsWith('  user@jane '))).toMatch(/EXPIRING, until 2026-12-24$/);
    const coloured = timelineLines(g, {width: 100, color: true});
    expect(coloured.join('')).toMatch(ANSI);
    expect(coloured.map((r) => r.replace(ANSI, ''))).toEqual(plain);
  });
});
