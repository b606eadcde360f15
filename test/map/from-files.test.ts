// The map of folders, read with check's reader: a tree `generate` wrote for `example ha` shows every certificate
// of the plan and every flag as fine; a faulty tree shows the expired certificate and the flag naming a missing
// file, in words, at 80 and 120 columns, in the timeline and on the page.

import {mkdtempSync, rmSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {graphFromFiles} from '../../src/map/from-files.js';
import {graphFromPlan} from '../../src/map/from-plan.js';
import {allCerts, type PkiGraph} from '../../src/map/graph.js';
import {mapHtml} from '../../src/map/page.js';
import {mapLines} from '../../src/map/terminal.js';
import {timelineLines} from '../../src/map/timeline.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {hasBinary} from '../support/binaries.js';
import {poolKeys} from '../support/key-pool.js';
import {faultyTree, K8S_DIR, removeTrees} from '../support/openssl-tree.js';
import {expectCompleteMap} from './expect-map.js';

describe('the map of a tree generate wrote for example ha', () => {
  const plan = examplePlan('ha');
  const dir = mkdtempSync(join(tmpdir(), 'kubepki-map-tree-'));
  let g: PkiGraph;
  beforeAll(async () => {
    await generateNative({keys: poolKeys, plan, out: join(dir, 'pki')});
    g = await graphFromFiles(join(dir, 'pki'), {plan});
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('holds every certificate of the plan once, under the authority the plan names, all fine', () => {
    const planned = graphFromPlan(plan);
    expect(allCerts(g).map((c) => c.id).sort()).toEqual(allCerts(planned).map((c) => c.id).sort());
    for (const c of g.leaves) expect(c.issuer, c.id).toBe(planned.leaves.find((p) => p.id === c.id)!.issuer);
    expect(allCerts(g).filter((c) => c.status !== 'ok').map((c) => `${c.id} ${c.status} ${c.notes.join('; ')}`)).toEqual([]);
    expect(g.edges.filter((e) => e.status !== 'ok')).toEqual([]);
    // No manifests in a generated tree: the edges are kubeadm's paths that exist, for the programs kubeadm runs.
    expect(g.edges.find((e) => e.component === 'kube-apiserver@cp-2' && e.flag === '--etcd-certfile')).toMatchObject({cert: 'apiserver-etcd-client@cp-2', file: '/etc/kubernetes/pki/apiserver-etcd-client.crt'});
    expect(g.edges.find((e) => e.component === 'kubelet@node01' && e.flag === 'authentication.x509.clientCAFile')).toMatchObject({cert: 'ca'});
  });

  it.each([80, 120])('shows it whole at %i columns', (width) => {
    expectCompleteMap(g, mapLines(g, {width, color: false}), width);
  });
});

describe.skipIf(!hasBinary('openssl'))('the map of a faulty tree', () => {
  let g: PkiGraph;
  beforeAll(async () => {
    // An expired apiserver-kubelet-client.crt, and a manifest whose --tls-cert-file names a file that is not there.
    const root = await faultyTree('expired');
    const manifest = join(root, K8S_DIR, 'manifests', 'kube-apiserver.yaml');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('/apiserver.crt', '/apiserve.crt'));
    g = await graphFromFiles(root, {now: new Date()});
  });
  afterAll(removeTrees);

  it.each([80, 120])('shows the faults in words at %i columns, and everything else', (width) => {
    const rows = mapLines(g, {width, color: false});
    expectCompleteMap(g, rows, width);
    const text = rows.map((r) => r.trim()).join(' ');
    expect(text).toMatch(/apiserver-kubelet-client@\S+ \[client\] EXPIRED 2025-01-01/);
    expect(text).toMatch(/--tls-cert-file → \/etc\/kubernetes\/pki\/apiserve\.crt \(no such file\)\s+MISSING: kube-apiserver --tls-cert-file names \/etc\/kubernetes\/pki\/apiserve\.crt, which does not exist/);
  });

  it('marks the same faults on the timeline and the page', () => {
    const timeline = timelineLines(g, {width: 80, color: false});
    expect(timeline.filter((r) => [...r].length > 80)).toEqual([]);
    // A long label takes a row of its own; the bar and the words follow on the next.
    const at = timeline.findIndex((r) => r.includes('apiserver-kubelet-client'));
    expect(`${timeline[at]} ${timeline[at + 1]}`).toContain('EXPIRED 2025-01-01');
    const html = mapHtml(g);
    expect(html).toMatch(/data-id="apiserver-kubelet-client@[^"]+" data-kind="apiserver-kubelet-client" data-issuer="ca" data-status="expired"/);
    expect(html).toMatch(/class="edge part-cert status-missing"[^>]*data-flag="--tls-cert-file"/);
  });
});
