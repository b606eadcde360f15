// The Done screen names every file as the layout writes it: the flat layout's kubeconfigs are *.kubeconfig,
// kubeadm's are *.conf, and a client certificate says which kubeconfig carries it.

import {describe, expect, it} from 'vitest';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {basePlan} from '../../src/plan/defaults.js';
import {validatePlan} from '../../src/plan/validate.js';
import {doneLines} from '../../src/ui/done-text.js';
import type {ProduceResult} from '../../src/ui/produce.js';

function result(layout: 'flat' | 'kubeadm'): ProduceResult {
  const plan = basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}], [{name: 'john', groups: ['developers']}]);
  plan.certificates.layout = layout;
  const v = validatePlan(plan);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const model = resolve(v.plan);
  const files = layoutFiles(model).map((e) => ({path: e.path, mode: e.mode, kind: e.source.type}));
  return {out: './pki', produce: 'native', plan: model.plan, model, files, native: {out: './pki', mode: 'native', files, reused: [], certificates: []},
    planFile: {path: '/tmp/kubepki.yaml', status: 'created'}};
}

describe('the Done screen', () => {
  it('flat layout: admin.kubeconfig, never a kubeadm .conf name', () => {
    const text = doneLines(result('flat')).map((l) => l.text);
    expect(text.find((l) => l.trim().startsWith('admin.{crt,key}'))).toContain('embedded in admin.kubeconfig');
    expect(text.find((l) => l.trim().startsWith('john.{crt,key}'))).toContain('embedded in john.kubeconfig');
    expect(text.join('\n')).not.toMatch(/\b[\w-]+\.conf\b/);
  });

  it('ends with the map of the PKI: every authority and the flags that read its files', () => {
    const text = doneLines(result('kubeadm')).map((l) => l.text).join('\n');
    const map = text.slice(text.indexOf('The PKI as a map'));
    expect(map).toContain('kubepki map --plan');
    for (const id of ['ca', 'etcd-ca', 'front-proxy-ca']) expect(map).toContain(id);
    expect(map).toMatch(/--etcd-certfile/);
  });

  it('kubeadm layout: admin.conf, as kubeadm names it', () => {
    const text = doneLines(result('kubeadm')).map((l) => l.text).join('\n');
    expect(text).toMatch(/admin\.conf {2}←/);
    const paths = layoutFiles(result('kubeadm').model).map((e) => e.path.slice(e.path.lastIndexOf('/') + 1));
    // Every file name the screen shows before the arrow is one the layout writes.
    const lines = doneLines(result('kubeadm'));
    // The file list, before the map (whose rows point at files with arrows of their own).
    for (const line of lines.slice(0, lines.findIndex((l) => l.text.startsWith('The PKI as a map')))) {
      const name = /^\s+(\S+)\s+←/.exec(line.text)?.[1];
      if (!name) continue;
      for (const n of name.includes('{crt,key}') ? [name.replace('{crt,key}', 'crt'), name.replace('{crt,key}', 'key')] : [name]) expect(paths).toContain(n);
    }
  });
});
