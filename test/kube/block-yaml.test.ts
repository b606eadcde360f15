// blockYaml against the `yaml` package: every document the component configs hold (static pods, kubelet configs,
// RBAC) prints byte for byte as `yaml` prints it, and awkward strings in every position read back unchanged with
// `yaml`'s parser in YAML 1.2 and 1.1; where the text differs from `yaml`'s, the list of values says so.

import {describe, expect, it} from 'vitest';
import {parse, parseAllDocuments, stringify} from 'yaml';
import {blockYaml} from '../../src/kube/block-yaml.js';
import {kubeletConfig} from '../../src/kube/manifests/kubelet-config.js';
import {RBAC_DOCS, userRbac} from '../../src/kube/manifests/rbac.js';
import {staticPod} from '../../src/kube/manifests/static-pods.js';
import {RBAC_FILES, STATIC_POD_COMPONENTS} from '../../src/pki/config-files.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {basePlan} from '../../src/plan/defaults.js';
import {controlPlanes, type Plan} from '../../src/plan/types.js';
import {PLANS as SCRIPT_PLANS, valid} from '../openssl/helpers.js';

const ipv6Nodes = (): Plan => {
  const p = basePlan([
    {name: 'cp-1', address: 'fd00::11', role: 'control-plane'}, {name: 'cp-2', address: 'fd00::12', role: 'control-plane'},
    {name: 'node01', address: 'fd00::21', role: 'worker'},
  ], [{name: 'ana', groups: ['dev', 'ops']}]);
  return valid({...p, controlPlaneEndpoint: '[fd00::10]:6443', networking: {...p.networking, serviceSubnet: 'fd00:10:96::/112'}});
};
const PLANS: Record<string, () => Plan> = {...SCRIPT_PLANS, 'IPv6 nodes': ipv6Nodes};
/** What the configs wrote with `yaml` before blockYaml. */
const theirs = (doc: unknown): string => stringify(doc, {lineWidth: 0});

describe.each(Object.entries(PLANS))('the documents of the component configs: %s', (_, makePlan) => {
  const plan = makePlan();
  const model = resolve(plan);
  const entries = layoutFiles(model);
  const docs = [
    ...controlPlanes(plan).flatMap((n) => STATIC_POD_COMPONENTS.map((c) => staticPod(model, entries, c, n).pod)),
    ...plan.nodes.map((n) => kubeletConfig(model, entries, n.name).config),
    ...RBAC_FILES.flatMap((f) => RBAC_DOCS[f].docs),
    ...plan.users.flatMap((u) => userRbac(u).docs),
  ];

  it('print exactly as the yaml package prints them', () => {
    expect(docs.length).toBeGreaterThan(plan.nodes.length);
    for (const doc of docs) expect(blockYaml(doc)).toBe(theirs(doc));
  });
});

const AWKWARD = [
  'plain', 'a: b', 'a:b', 'a:', ':', ' lead', 'trail ', '\ttab', 'a\tb', '#x', 'a #b', 'a#b', '', '-', '- a', '-a', '?', '? a',
  '---', '--- a', '...', '%x', '@x', '`x', '!x', '&x', '*x', '|', '>', '[a]', '{a}', 'a,b', '=', '.', '-.', '<<',
  "'", '"', "it's", 'say "hi"', `both ' and "`, '\\back\\slash', 'C:\\path',
  'yes', 'no', 'on', 'off', 'y', 'N', 'true', 'False', 'null', '~', 'NULL',
  '0', '007', '10000', '-1', '+1', '1.5', '1.', '.5', '1e3', 'e5', '0x1F', '0o17', '0b101', '1_000', '1:20', '.inf', '-.Inf', '.nan',
  '2024-01-01', '2024-1-1 10:00:00', '10.96.0.10', 'fd00::10', 'https://x:6443/a?b=c#d', '--flag=a b', 'system:nodes',
  'ünïcødé ✓', '日本語', '😀', 'multi\nline', 'trailing\n', 'cr\r', 'bell\x07', 'nul\x00', 'esc\x1b', 'del\x7f', 'nel\x85',
  'nbsp\u00a0', 'ls\u2028', 'lone\ud800',
];
/** Every place a string sits in the documents: a map value, a key, a sequence item and a value in a sequence's map. */
const shapes = (v: string): Record<string, unknown>[] => [
  {apiVersion: 'v1', metadata: {name: v, labels: {tier: v}}},
  {[v]: 'value', nested: {[v]: [v]}},
  {command: ['etcd', v, `--x=${v}`], list: [[v, 1], []]},
  {subjects: [{kind: 'User', name: v}, {name: v, empty: {}}], port: 10250, enabled: false, none: null},
];

describe('awkward strings', () => {
  it.each(AWKWARD.map((v) => [JSON.stringify(v), v]))('%s reads back unchanged in YAML 1.2 and 1.1', (_, v) => {
    for (const doc of shapes(v)) {
      const text = blockYaml(doc);
      expect(parse(text), text).toEqual(doc);
      expect(parse(text, {version: '1.1'}), text).toEqual(doc);
      expect(parseAllDocuments(text).flatMap((d) => d.errors), text).toEqual([]);
    }
  });

  it('differ from the yaml package only where its text reads back otherwise in YAML 1.1, spans lines or starts a document', () => {
    const differing = AWKWARD.filter((v) => shapes(v).some((doc) => blockYaml(doc) !== theirs(doc)));
    expect(differing).toEqual([
      '---', '--- a', '...', '.', '-.', '<<', 'yes', 'no', 'on', 'off', 'y', 'N', 'e5', '0b101', '1_000', '1:20',
      '2024-01-01', '2024-1-1 10:00:00', 'multi\nline', 'trailing\n', 'ls\u2028',
    ]);
    for (const v of differing) {
      const misread = shapes(v).some((doc) => {
        try {
          return JSON.stringify(parse(theirs(doc), {version: '1.1'})) !== JSON.stringify(doc);
        } catch {
          return true; // `<<` as a key: a merge of a string, which YAML 1.1 refuses
        }
      });
      expect(misread || /[\n\u2028]/.test(v) || /^(?:---|\.\.\.)/.test(v), JSON.stringify(v)).toBe(true);
    }
  });
});
