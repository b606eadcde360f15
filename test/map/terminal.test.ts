// The terminal map of a plan at 80 and 120 columns: nothing wider than the terminal, nothing cut, every
// authority, certificate, program instance and flag present; colour adds escapes and nothing else.

import {describe, expect, it} from 'vitest';
import {graphFromPlan} from '../../src/map/from-plan.js';
import {mapLines} from '../../src/map/terminal.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {expectCompleteMap} from './expect-map.js';

const NOW = new Date('2026-12-02T00:00:00Z');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('terminal map of a plan', () => {
  const g = graphFromPlan(examplePlan('ha'), NOW);

  it.each([80, 120])('shows example ha whole at %i columns', (width) => {
    expectCompleteMap(g, mapLines(g, {width, color: false}), width);
  });

  it('has the issue’s edges: etcd client certificate signed by etcd-ca, the kubelet’s client CA', () => {
    const flat = mapLines(g, {width: 200, color: false}).join('\n');
    expect(flat).toContain('--etcd-certfile → /etc/kubernetes/pki/apiserver-etcd-client.crt ← etcd-ca');
    expect(flat).toContain('authentication.x509.clientCAFile → /etc/kubernetes/pki/ca.crt (authority ca)');
    expect(flat).toMatch(/user@jane \[client\][^\n]*\n[^\n]*CN=jane {2}groups: developers, ops/);
    expect(flat).toMatch(/apiserver@cp-1 \[server\][^]*?SANs: [^\n]*k8s-api\.example\.internal/);
  });

  it('says in words what colour says: the coloured rows are the plain rows plus escapes', () => {
    const plain = mapLines(g, {width: 80, color: false});
    const coloured = mapLines(g, {width: 80, color: true});
    expect(plain.join('')).not.toMatch(ANSI);
    expect(coloured.join('')).toMatch(ANSI);
    expect(coloured.map((r) => r.replace(ANSI, ''))).toEqual(plain);
  });

  it('draws a plan with one authority: everything hangs under ca, etcd/ca.crt is a copy of it', () => {
    const plan = examplePlan('single');
    plan.certificates.authorities = 'single';
    const one = graphFromPlan(plan, NOW);
    expect(one.authorities.map((a) => a.id)).toEqual(['ca']);
    const rows = mapLines(one, {width: 80, color: false});
    expectCompleteMap(one, rows, 80);
    expect(rows.join('\n')).toContain('--etcd-cafile → /etc/kubernetes/pki/etcd/ca.crt (authority ca)');
  });
});
