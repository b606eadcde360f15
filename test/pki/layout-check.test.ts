// layoutProblems: every path collision a valid plan can still produce, named by the plan field behind it,
// and fast enough for thousands of nodes.

import {describe, expect, it, vi} from 'vitest';
import {basePlan, examplePlan} from '../../src/plan/defaults.js';
import type {FieldProblem, Layout, Plan, PlanNode, PlanUser} from '../../src/plan/types.js';
import {formatProblem} from '../../src/plan/validate.js';
import {layoutProblems} from '../../src/pki/layout-check.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';

const cp: PlanNode = {name: 'cp-1', address: '10.0.0.1', role: 'control-plane'};
const worker = (name: string, n: number): PlanNode => ({name, address: `10.0.${Math.floor(n / 250)}.${(n % 250) + 2}`, role: 'worker'});

function planOf(layout: Layout, nodes: PlanNode[], users: PlanUser[] = []): Plan {
  const plan = basePlan(nodes, users);
  plan.certificates.layout = layout;
  return plan;
}

/** `path: rule — hint`, as the user reads it; also checks each problem is one line. */
function lines(problems: FieldProblem[]): string[] {
  return problems.map((p) => {
    const line = formatProblem(p);
    expect(line).not.toMatch(/[\n\r]/);
    return line;
  });
}

describe('layoutProblems', () => {
  it.each(['kubeadm', 'flat'] as const)('finds nothing in the examples (%s layout, both authority modes)', (layout) => {
    for (const name of ['single', 'ha'] as const) {
      for (const authorities of ['separate', 'single'] as const) {
        const plan = examplePlan(name);
        plan.certificates.layout = layout;
        plan.certificates.authorities = authorities;
        expect(layoutProblems(plan)).toEqual([]);
      }
    }
  });

  it('flat: nodes x and client-x both need kubelet-client-x.crt', () => {
    const problems = layoutProblems(planOf('flat', [cp, worker('x', 1), worker('client-x', 2)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({path: 'nodes[2].name', value: '"client-x"', rule: 'writes kubelet-client-x.crt, as nodes[1].name "x" does'});
    expect(problems[0]!.hint).toBe('one file would overwrite the other; pick another name for nodes[2].name');
  });

  it('kubeadm: a node named users shares users/ with the people’s folders', () => {
    const problems = layoutProblems(planOf('kubeadm', [cp, worker('users', 1)], [{name: 'john', groups: []}, {name: 'jane', groups: []}]));
    expect(lines(problems)).toEqual([
      'nodes[1].name: "users" puts users/etc/kubernetes/pki/ca.crt in users/, beside users/john/john.crt of users[0].name "john" — '
        + "a node folder is copied whole onto its node, so it must hold that node's files only; pick another name for nodes[1].name",
    ]);
  });

  it('kubeadm: a node folder readme.md against README.md, which only differs in case', () => {
    const problems = layoutProblems(planOf('kubeadm', [cp, worker('readme.md', 1)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('nodes[1].name');
    expect(problems[0]!.rule).toBe("needs the folder readme.md/, where kubepki's README writes the file README.md");
    expect(problems[0]!.hint).toContain('differ only in case, which macOS and Windows ignore');
  });

  it('reports paths equal after lower-casing', () => {
    // Validation refuses these users; the layout check must not rely on it.
    const problems = layoutProblems(planOf('kubeadm', [cp], [{name: 'Ann', groups: []}, {name: 'ann', groups: []}]));
    expect(lines(problems)).toEqual([
      'users[1].name: "ann" writes users/ann/ann.crt, and users[0].name "Ann" writes users/Ann/Ann.crt — '
        + 'the names differ only in case, which macOS and Windows ignore: one file would overwrite the other; pick another name for users[1].name',
    ]);
  });

  it('keeps the lock file, the staging folders and each node’s install.sh for kubepki', () => {
    const lock = layoutProblems(planOf('kubeadm', [cp, worker('.kubepki.lock', 1)]));
    expect(lock.map((p) => [p.path, p.rule])).toEqual([['nodes[1].name', "needs the folder .kubepki.lock/, where kubepki's lock file writes the file .kubepki.lock"]]);
    const staging = layoutProblems(planOf('kubeadm', [cp, worker('.kubepki-staging-1', 1)]));
    expect(staging.map((p) => [p.path, p.rule])).toEqual([['nodes[1].name', 'uses .kubepki-staging-1, a name kubepki keeps for its staging folders (.kubepki-staging-*)']]);
    const install = layoutProblems(planOf('kubeadm', [cp, worker('users', 1)], [{name: 'install.sh', groups: []}]));
    expect(install.map((p) => [p.path, p.rule])).toEqual([
      ['nodes[1].name', 'writes the file users/install.sh, where users[0].name "install.sh" needs the folder users/install.sh/'],
      ['nodes[1].name', 'puts users/etc/kubernetes/pki/ca.crt in users/, beside users/install.sh/install.sh.crt of users[0].name "install.sh"'],
    ]);
  });

  it('names every field behind a collision, once per pair', () => {
    const nodes = [cp, worker('a', 1), worker('client-a', 2), worker('b', 3), worker('client-b', 4)];
    const problems = layoutProblems(planOf('flat', nodes));
    expect(problems.map((p) => `${p.path} ~ ${p.rule}`)).toEqual([
      'nodes[2].name ~ writes kubelet-client-a.crt, as nodes[1].name "a" does',
      'nodes[4].name ~ writes kubelet-client-b.crt, as nodes[3].name "b" does',
    ]);
  });
});

describe('layoutProblems is linear in the plan’s size', () => {
  const big = (count: number, layout: Layout) => {
    const nodes = [cp, {...cp, name: 'cp-2', address: '10.1.0.2'}, {...cp, name: 'cp-3', address: '10.1.0.3'}];
    for (let i = 0; i < count - 3; i++) nodes.push(worker(`w${i}`, i));
    return planOf(layout, nodes, Array.from({length: 50}, (_, i) => ({name: `user${i}`, groups: ['dev']})));
  };

  // About 1.5 s here alone (the layout now holds every node's configs too); the suite runs three files at once on
  // two cores, so the bound leaves room for that. A quadratic check would take minutes; the count test below is exact.
  it.each(['kubeadm', 'flat'] as const)('checks 5,000 nodes in seconds, not minutes (%s; < 8 s while the suite runs)', (layout) => {
    const plan = big(5000, layout);
    const start = performance.now();
    expect(layoutProblems(plan)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(8000);
  });

  it('does the same number of Map operations per path for 1,000 and 8,000 nodes', () => {
    // A count of work, unlike a timing: a lookup per path per other path would grow with the plan.
    const mapCalls = (plan: Plan) => {
      const spies = (['get', 'set', 'has'] as const).map((m) => vi.spyOn(Map.prototype, m));
      try {
        layoutProblems(plan);
        return spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    };
    const perPath = (plan: Plan) => mapCalls(plan) / layoutFiles(resolve(plan)).length;
    const small = perPath(big(1000, 'kubeadm'));
    const large = perPath(big(8000, 'kubeadm'));
    expect(large).toBeLessThan(16);
    expect(large).toBeLessThan(small * 1.05);
  });
});
