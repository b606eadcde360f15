// The whole way to a node: a tree made by `kubepki generate` (by root, and by an ordinary user), each node
// folder installed with its own install.sh into a fake root whose /, /etc, /var and /var/lib already exist
// 0755 root:root. Those folders must come out exactly as they were; every file lands with its mode, owned by root.

import {chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {installFiles} from '../../src/install/node-install.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {tmpDirs} from '../openssl/helpers.js';
import {snapshot} from '../support/snapshot.js';

const isRoot = process.getuid?.() === 0;
const tmp = tmpDirs('kubepki-install-e2e-');
afterAll(tmp.cleanup);

const SYSTEM = ['', 'etc', 'var', 'var/lib'];

/** A fake root with the system folders a node has: 0755, root:root when we are root. */
function fakeRoot(): string {
  const root = tmp.make();
  for (const d of SYSTEM) {
    mkdirSync(join(root, d), {recursive: true});
    chmodSync(join(root, d), 0o755);
  }
  return root;
}


const systemState = (root: string) => SYSTEM.map((d) => {
  const st = statSync(join(root, d));
  return `${d || '/'} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
});

function install(tree: string, node: string, root: string, ...args: string[]) {
  return execa('bash', [join(tree, node, 'install.sh'), ...args], {reject: false, env: {DESTDIR: root}});
}

describe.skipIf(!hasBinary('openssl'))('installing example ha, node by node', () => {
  const plan = examplePlan('ha');
  const model = resolve(plan);
  const entries = layoutFiles(model);
  let tree: string;
  let planFile: string;

  beforeAll(async () => {
    tree = join(tmp.make(), 'pki');
    planFile = join(tmp.make(), 'plan.yaml');
    writeFileSync(planFile, planToYaml(plan));
    const r = await kubepki(['generate', '--plan', planFile, '--out', tree]);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('--all on every node: system folders untouched, every file with its mode and owner, new folders 0755', async () => {
    for (const node of plan.nodes.map((n) => n.name)) {
      const root = fakeRoot();
      const before = systemState(root);
      const r = await install(tree, node, root);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(systemState(root), node).toEqual(before);
      for (const f of installFiles(model, entries, node)) {
        const st = statSync(join(root, f.relative));
        expect((st.mode & 0o777).toString(8), `${node}:${f.target}`).toBe(f.mode.toString(8));
        expect(readFileSync(join(root, f.relative))).toEqual(readFileSync(join(tree, node, f.relative)));
        if (isRoot) expect([st.uid, st.gid]).toEqual([0, 0]);
      }
      for (const dir of ['etc/kubernetes', 'etc/kubernetes/pki', 'var/lib/kubelet', 'var/lib/kubelet/pki']) {
        expect(statSync(join(root, dir)).mode & 0o777, `${node}:${dir}`).toBe(0o755);
      }
    }
  });

  it('a second install of the same files changes nothing; of a regenerated tree it refuses and changes nothing', async () => {
    const root = fakeRoot();
    expect((await install(tree, 'cp-1', root)).exitCode).toBe(0);
    const before = snapshot(root);
    const again = await install(tree, 'cp-1', root);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(snapshot(root)).toEqual(before);
    const other = join(tmp.make(), 'pki');
    await execa('cp', ['-a', tree, other]);
    // generate keeps what matches the plan: remove the API server's pair so the rerun issues a new one.
    await execa('rm', [join(other, 'cp-1/etc/kubernetes/pki/apiserver.crt'), join(other, 'cp-1/etc/kubernetes/pki/apiserver.key')]);
    const regen = await kubepki(['generate', '--plan', planFile, '--out', other]);
    expect(regen.exitCode, regen.stderr).toBe(0);
    const refused = await install(other, 'cp-1', root);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('/etc/kubernetes/pki/apiserver.crt');
    expect(snapshot(root)).toEqual(before);
  });

  it('--kubeadm-join-control-plane installs exactly kubeadm’s shared set; --kubeadm-init the pki folder and kubeconfigs', async () => {
    const join2 = fakeRoot();
    expect((await install(tree, 'cp-2', join2, '--kubeadm-join-control-plane')).exitCode).toBe(0);
    const files = Object.entries(snapshot(join2)).filter(([, v]) => !v.startsWith('dir')).map(([p]) => p).sort();
    expect(files).toEqual(['etc/kubernetes/pki/ca.crt', 'etc/kubernetes/pki/ca.key', 'etc/kubernetes/pki/etcd/ca.crt',
      'etc/kubernetes/pki/etcd/ca.key', 'etc/kubernetes/pki/front-proxy-ca.crt', 'etc/kubernetes/pki/front-proxy-ca.key',
      'etc/kubernetes/pki/sa.key', 'etc/kubernetes/pki/sa.pub']);
    const init = fakeRoot();
    expect((await install(tree, 'cp-1', init, '--kubeadm-init')).exitCode).toBe(0);
    const initFiles = Object.entries(snapshot(init)).filter(([, v]) => !v.startsWith('dir')).map(([p]) => p);
    expect(initFiles.filter((p) => p.startsWith('var/'))).toEqual([]);
    expect(initFiles).toContain('etc/kubernetes/super-admin.conf');
    expect(existsSync(join(init, 'etc/kubernetes/kubelet.conf'))).toBe(true);
    const worker = await install(tree, 'node01', fakeRoot(), '--kubeadm-init');
    expect(worker.exitCode).toBe(2);
    expect(worker.stderr).toContain('TLS bootstrap');
  });
});

describe.skipIf(!isRoot || !hasBinary('openssl'))('a tree generated by an ordinary user', () => {
  it('installs root-owned, and the generating user owns nothing on the node', async () => {
    const home = tmp.make();
    const planFile = join(home, 'plan.yaml');
    writeFileSync(planFile, planToYaml(examplePlan('single')));
    const tree = join(home, 'pki');
    // What install.sh meets when an ordinary user generated the tree: every file and folder owned by that user.
    // (Generated here, then handed to nobody: nobody cannot reach a checkout in a 0700 temp folder, as in CI.)
    const r = await kubepki(['generate', '--plan', planFile, '--out', tree]);
    expect(r.exitCode, r.stderr).toBe(0);
    await execa('chown', ['-R', '65534:65534', tree]);
    expect(statSync(join(tree, 'controlplane/etc/kubernetes/pki/ca.key')).uid).toBe(65534);
    const root = fakeRoot();
    chownSync(root, 0, 0);
    const before = systemState(root);
    const installed = await install(tree, 'controlplane', root);
    expect(installed.exitCode, installed.stderr).toBe(0);
    expect(systemState(root)).toEqual(before);
    const owners = Object.values(snapshot(root)).map((v) => v.split(' ')[2]);
    expect(new Set(owners)).toEqual(new Set(['0:0']));
  }, 60_000);
});
