// NODE/install.sh: which files each install set holds, and the rendered script run by real bash into a fake root
// (DESTDIR). The node folders hold fake contents: the installer only copies bytes, so no key is generated.

import {chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync,
  writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {execa, execaSync} from 'execa';
import {afterEach, describe, expect, it} from 'vitest';
import {installFiles, refusedSets, renderInstallScript, installScriptPath, installNodes, INSTALL_SCRIPT_MODE}
  from '../../src/install/node-install.js';
import {UnsafeValueError} from '../../src/openssl/allow-list.js';
import {layoutFiles, type FileEntry} from '../../src/pki/layout.js';
import type {PkiModel} from '../../src/pki/model.js';
import {resolve} from '../../src/pki/resolve.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {hasBinary} from '../support/binaries.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';

const ha = resolve(examplePlan('ha'));
const haEntries = layoutFiles(ha);
const singleAuthority = (() => {
  const plan = examplePlan('ha');
  plan.certificates.authorities = 'single';
  const model = resolve(plan);
  return {model, entries: layoutFiles(model)};
})();

const bash = hasBinary('bash');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const setpriv = isRoot && hasBinary('setpriv');

const relOf = (model: PkiModel, entries: FileEntry[], node: string, set: string) =>
  installFiles(model, entries, node).filter((f) => (f.sets as string[]).includes(set)).map((f) => f.relative).sort();

const SHARED = ['etc/kubernetes/pki/ca.crt', 'etc/kubernetes/pki/ca.key', 'etc/kubernetes/pki/etcd/ca.crt', 'etc/kubernetes/pki/etcd/ca.key',
  'etc/kubernetes/pki/front-proxy-ca.crt', 'etc/kubernetes/pki/front-proxy-ca.key', 'etc/kubernetes/pki/sa.key', 'etc/kubernetes/pki/sa.pub'];
const INIT_CONFS = ['admin', 'controller-manager', 'kubelet', 'scheduler', 'super-admin'].map((n) => `etc/kubernetes/${n}.conf`);

describe('installFiles', () => {
  it('lists every file of the node folder with its place on the node and its entry’s mode', () => {
    const files = installFiles(ha, haEntries, 'node01');
    expect(files.map((f) => f.target).sort()).toEqual(['/etc/kubernetes/kubelet.conf', '/etc/kubernetes/pki/ca.crt',
      '/var/lib/kube-proxy/kubeconfig', '/var/lib/kubelet/config.yaml', '/var/lib/kubelet/pki/kubelet.crt', '/var/lib/kubelet/pki/kubelet.key']);
    for (const f of files) {
      expect(f.entry.path).toBe(`node01/${f.relative}`);
      expect(f.target).toBe(`/${f.relative}`);
      expect(f.mode).toBe(f.entry.mode);
      expect(f.sets).toEqual(['all']);
    }
  });

  it('gives other control planes exactly kubeadm’s shared set for --kubeadm-join-control-plane', () => {
    expect(relOf(ha, haEntries, 'cp-2', 'kubeadm-join-control-plane')).toEqual(SHARED.sort());
    expect(relOf(ha, haEntries, 'cp-3', 'kubeadm-join-control-plane')).toEqual(SHARED.sort());
    expect(relOf(ha, haEntries, 'cp-2', 'kubeadm-init')).toEqual([]);
  });

  it('gives the first control plane its pki folder and five kubeconfigs for --kubeadm-init', () => {
    const init = relOf(ha, haEntries, 'cp-1', 'kubeadm-init');
    const pki = installFiles(ha, haEntries, 'cp-1').filter((f) => f.target.startsWith('/etc/kubernetes/pki/')).map((f) => f.relative);
    expect(pki).toHaveLength(22);
    expect(init).toEqual([...pki, ...INIT_CONFS].sort());
    expect(init.filter((p) => p.startsWith('var/'))).toEqual([]);
    expect(relOf(ha, haEntries, 'cp-1', 'kubeadm-join-control-plane')).toEqual([]);
    // Every file of the folder but the installer itself.
    expect(relOf(ha, haEntries, 'cp-1', 'all')).toHaveLength(haEntries.filter((e) => e.path.startsWith('cp-1/') && e.source.type !== 'install').length);
  });

  it('offers no kubeadm set with a single authority, nor to workers', () => {
    for (const node of ['cp-1', 'cp-2', 'node01']) {
      expect(installFiles(singleAuthority.model, singleAuthority.entries, node).every((f) => f.sets.join() === 'all'), node).toBe(true);
      expect(Object.keys(refusedSets(singleAuthority.model, singleAuthority.entries, node)).sort()).toEqual(['kubeadm-init', 'kubeadm-join-control-plane']);
    }
    expect(refusedSets(singleAuthority.model, singleAuthority.entries, 'cp-2')['kubeadm-init']!.message).toContain('single authority');
    expect(refusedSets(ha, haEntries, 'node01')['kubeadm-join-control-plane']!.message).toContain('is a worker');
    expect(Object.keys(refusedSets(ha, haEntries, 'cp-1'))).toEqual(['kubeadm-join-control-plane']);
    expect(Object.keys(refusedSets(ha, haEntries, 'cp-2'))).toEqual(['kubeadm-init']);
  });

  it('names the script and its nodes, and refuses the flat layout and unknown nodes', () => {
    expect(installScriptPath('cp-1')).toBe('cp-1/install.sh');
    expect(INSTALL_SCRIPT_MODE).toBe(0o755);
    expect(installNodes(ha)).toEqual(['cp-1', 'cp-2', 'cp-3', 'node01', 'node02', 'node03']);
    const plan = examplePlan('ha');
    plan.certificates.layout = 'flat';
    const flat = resolve(plan);
    expect(installNodes(flat)).toEqual([]);
    expect(() => installFiles(flat, layoutFiles(flat), 'cp-1')).toThrow(/kubeadm layout/);
    expect(() => installFiles(ha, haEntries, 'nope')).toThrow(/no node nope/);
  });
});

describe('renderInstallScript', () => {
  it('starts with the safety header and writes every path only as a single-quoted literal', () => {
    const lines = renderInstallScript(ha, haEntries, 'cp-2').split('\n');
    expect(lines[0]).toBe('#!/usr/bin/env bash');
    const code = lines.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    expect(code[0]).toMatch(/^if \[ -z "\$\{BASH_VERSION:-\}" \]; then .* exit 2; fi$/);
    // Before the safety settings the node's part only sets variables and defines functions: nothing runs yet.
    const safety = code.findIndex((l) => l.startsWith('set -Eeuo pipefail'));
    expect(code[safety + 1]!.split(/\s+#/)[0]!.trim()).toBe('umask 077');
    for (const l of code.slice(1, safety).filter((x) => !x.startsWith(' '))) expect(l).toMatch(/^(NODE|USAGE)=|^\w+\(\) \{|^\}$/);
    const unquoted = code.map((l) => l.replace(/'[^']*'/g, "''")).join('\n');
    for (const value of ['cp-2', 'cp-1', 'etc/kubernetes', 'kubelet.crt']) expect(unquoted, value).not.toContain(value);
    expect(unquoted).not.toMatch(/\beval\b/);
  });

  it('refuses a node name that is not a plain path word, whatever validation let through', () => {
    const plan = examplePlan('ha');
    plan.nodes[3]!.name = 'node01$(reboot)';
    const model = resolve(plan);
    expect(() => renderInstallScript(model, layoutFiles(model), 'node01$(reboot)')).toThrow(UnsafeValueError);
  });

  it('takes the modes from the entries', () => {
    const script = renderInstallScript(ha, haEntries, 'node01');
    expect(script).toContain("add 0600 all 'var/lib/kubelet/pki/kubelet.key'");
    expect(script).toContain("add 0644 all 'var/lib/kubelet/pki/kubelet.crt'");
  });
});

// ---- running the script ---------------------------------------------------------------------------------

interface Node {
  /** The node folder, install.sh inside. */
  dir: string;
  script: string;
}

let tmp: TmpDir | undefined;
afterEach(async () => {
  await tmp?.cleanup();
  tmp = undefined;
});

async function workspace(): Promise<string> {
  tmp = await tmpDir('kubepki-install-');
  chmodSync(tmp.path, 0o755); // nobody must reach the scripts
  return tmp.path;
}

/** The node folder as kubepki writes it (fake contents, real modes), with its install.sh. */
function writeNode(base: string, node: string, model: PkiModel = ha, entries: FileEntry[] = haEntries): Node {
  const tree = join(base, 'tree');
  for (const e of entries.filter((x) => x.path.startsWith(`${node}/`))) {
    const p = join(tree, e.path);
    mkdirSync(dirname(p), {recursive: true, mode: 0o700});
    writeFileSync(p, `fake contents of ${e.path}\n`, {mode: e.mode});
  }
  const script = join(tree, installScriptPath(node));
  writeFileSync(script, renderInstallScript(model, entries, node), {mode: INSTALL_SCRIPT_MODE});
  return {dir: join(tree, node), script};
}

/** A fake root whose /, /etc, /var and /var/lib exist, 0755 (root-owned when the tests run as root). */
function fakeRoot(base: string): string {
  const root = join(base, 'root');
  for (const d of ['', 'etc', 'var', 'var/lib']) {
    mkdirSync(join(root, d), {recursive: true});
    chmodSync(join(root, d), 0o755);
  }
  return root;
}

interface Seen {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  content?: string;
}

/** Everything below `root`: type, mode, owner and the content of files and links. */
function snapshot(root: string): Record<string, Seen> {
  const out: Record<string, Seen> = {};
  const walk = (rel: string): void => {
    const p = join(root, rel);
    const st = lstatSync(p);
    const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    out[rel || '/'] = {type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid,
      ...(type === 'file' ? {content: readFileSync(p, 'utf8')} : type === 'link' ? {content: readlinkSync(p)} : {})};
    if (type === 'dir') for (const name of readdirSync(p).sort()) walk(rel ? `${rel}/${name}` : name);
  };
  walk('');
  return out;
}

const files = (snap: Record<string, Seen>) => Object.keys(snap).filter((p) => snap[p]!.type === 'file').sort();

function install(node: Node, root: string, args: string[] = [], opts: {umask?: string; cwd?: string} = {}) {
  const cmd = `umask ${opts.umask ?? '022'}; exec bash "$0" "$@"`;
  return execa('bash', ['-c', cmd, node.script, ...args], {reject: false, env: {DESTDIR: root}, extendEnv: true,
    cwd: opts.cwd ?? '/'});
}

describe.skipIf(!bash)('install.sh run by bash', () => {
  const lintCases = {'cp-1': ha, 'cp-2': ha, node01: ha} as const;

  for (const node of Object.keys(lintCases)) {
    it.skipIf(!hasBinary('shellcheck'))(`passes bash -n and shellcheck -S warning: ${node}`, async () => {
      const base = await workspace();
      const {script} = writeNode(base, node);
      expect((await execa('bash', ['-n', script], {reject: false})).exitCode).toBe(0);
      const r = await execa('shellcheck', ['-s', 'bash', '-S', 'warning', script], {reject: false});
      expect(r.stdout).toBe('');
      expect(r.exitCode).toBe(0);
    });
  }

  it.skipIf(!hasBinary('shellcheck'))('passes shellcheck with a single authority', async () => {
    const base = await workspace();
    const {script} = writeNode(base, 'cp-1', singleAuthority.model, singleAuthority.entries);
    const r = await execa('shellcheck', ['-s', 'bash', '-S', 'warning', script], {reject: false});
    expect(r.stdout).toBe('');
  });

  it.skipIf(!hasBinary('dash'))('refuses to run under sh', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    const root = fakeRoot(base);
    const r = await execa('dash', [node.script], {reject: false, env: {DESTDIR: root}});
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('run it with bash');
  });

  it('--all installs every file with its mode and leaves /, /etc, /var and /var/lib as they were', async () => {
    const base = await workspace();
    const node = writeNode(base, 'cp-1');
    const root = fakeRoot(base);
    const before = snapshot(root);
    const r = await install(node, root, ['--all'], {cwd: base});
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const after = snapshot(root);
    for (const d of ['/', 'etc', 'var', 'var/lib']) {
      const {type, mode, uid, gid} = after[d]!;
      expect({type, mode, uid, gid}, d).toEqual({type: 'dir', mode: before[d]!.mode, uid: before[d]!.uid, gid: before[d]!.gid});
      expect(mode).toBe(0o755);
    }
    const expected = installFiles(ha, haEntries, 'cp-1');
    expect(files(after)).toEqual(expected.map((f) => f.relative).sort());
    for (const f of expected) {
      const seen = after[f.relative]!;
      expect(seen.mode, f.relative).toBe(f.mode);
      expect(seen.mode, f.relative).toBe(/\.(key|conf)$|kubeconfig$|sa\.pub$|manifests\/.*\.yaml$/.test(f.relative) ? 0o600 : 0o644);
      expect(seen.content).toBe(`fake contents of cp-1/${f.relative}\n`);
      if (isRoot) expect([seen.uid, seen.gid], f.relative).toEqual([0, 0]);
    }
    const created = Object.keys(after).filter((p) => !before[p] && after[p]!.type === 'dir').sort();
    expect(created).toEqual(['etc/kubernetes', 'etc/kubernetes/manifests', 'etc/kubernetes/pki', 'etc/kubernetes/pki/etcd', 'var/lib/kube-proxy',
      'var/lib/kubelet', 'var/lib/kubelet/pki']);
    for (const d of created) {
      expect(after[d]!.mode, d).toBe(0o755);
      if (isRoot) expect([after[d]!.uid, after[d]!.gid], d).toEqual([0, 0]);
    }
    expect(r.stdout).toContain(`installed  ${root}/etc/kubernetes/pki/ca.key  (0600`);
    expect(r.stdout).toMatch(/Done, --all: 35 installed, 0 replaced, 0 unchanged; 7 folder\(s\) created\./);
    expect(r.stdout).toMatch(/Next: restart/);
  });

  it('never changes an existing folder, whatever its mode and owner', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    const root = fakeRoot(base);
    mkdirSync(join(root, 'etc/kubernetes'));
    const odd: Record<string, number> = {'': 0o751, etc: 0o750, 'etc/kubernetes': 0o700, var: 0o711, 'var/lib': 0o770};
    for (const [d, mode] of Object.entries(odd)) chmodSync(join(root, d), mode);
    if (isRoot) chownSync(join(root, 'var/lib'), NOBODY, NOBODY);
    const before = snapshot(root);
    expect((await install(node, root)).exitCode).toBe(0);
    const after = snapshot(root);
    for (const d of ['/', 'etc', 'etc/kubernetes', 'var', 'var/lib']) expect(after[d], d).toEqual(before[d]);
    expect(after['etc/kubernetes/pki']!.mode).toBe(0o755);
  });

  it('creates folders 0755 under a restrictive umask', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    const root = fakeRoot(base);
    const r = await install(node, root, [], {umask: '077'});
    expect(r.exitCode).toBe(0);
    const after = snapshot(root);
    for (const d of ['etc/kubernetes', 'etc/kubernetes/pki', 'var/lib/kubelet', 'var/lib/kubelet/pki', 'var/lib/kube-proxy']) {
      expect(after[d]!.mode, d).toBe(0o755);
    }
    expect(after['etc/kubernetes/pki/ca.crt']!.mode).toBe(0o644);
  });

  it('reports identical files unchanged, refuses changed ones without --force, and keeps a .bak with --force', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    const root = fakeRoot(base);
    expect((await install(node, root)).exitCode).toBe(0);

    const again = await install(node, root);
    expect(again.exitCode).toBe(0);
    expect(again.stdout.match(/^ {2}unchanged /gm)).toHaveLength(6);
    expect(again.stdout).toContain('0 installed, 0 replaced, 6 unchanged; 0 folder(s) created');

    writeFileSync(join(node.dir, 'etc/kubernetes/kubelet.conf'), 'a new kubelet.conf\n');
    writeFileSync(join(node.dir, 'var/lib/kubelet/pki/kubelet.key'), 'a new key\n');
    const before = snapshot(root);
    const refused = await install(node, root);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`install.sh: ${root}/etc/kubernetes/kubelet.conf exists with other content`);
    expect(refused.stderr).toContain(`install.sh: ${root}/var/lib/kubelet/pki/kubelet.key exists with other content`);
    expect(refused.stderr).toMatch(/2 file\(s\) above .* nothing was changed.*--force/);
    expect(refused.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);

    const dry = await install(node, root, ['--force', '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain(`would replace  ${root}/etc/kubernetes/kubelet.conf`);
    expect(snapshot(root)).toEqual(before);

    chmodSync(join(root, 'etc/kubernetes/kubelet.conf'), 0o644); // the old file's mode must not leak into the backup
    const forced = await install(node, root, ['--force']);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain(`replaced   ${root}/etc/kubernetes/kubelet.conf  (0600`);
    expect(forced.stdout).toContain(`old file kept as ${root}/etc/kubernetes/kubelet.conf.bak, 0600)`);
    const after = snapshot(root);
    expect(after['etc/kubernetes/kubelet.conf']).toMatchObject({mode: 0o600, content: 'a new kubelet.conf\n'});
    expect(after['etc/kubernetes/kubelet.conf.bak']).toMatchObject({mode: 0o600, content: 'fake contents of node01/etc/kubernetes/kubelet.conf\n'});
    expect(after['var/lib/kubelet/pki/kubelet.key.bak']).toMatchObject({mode: 0o600, content: 'fake contents of node01/var/lib/kubelet/pki/kubelet.key\n'});
    if (isRoot) expect([after['etc/kubernetes/kubelet.conf.bak']!.uid, after['etc/kubernetes/kubelet.conf.bak']!.gid]).toEqual([0, 0]);
    expect(files(after).filter((p) => p.includes('.install.sh.'))).toEqual([]);

    writeFileSync(join(node.dir, 'etc/kubernetes/kubelet.conf'), 'a third kubelet.conf\n');
    expect((await install(node, root, ['--force'])).exitCode).toBe(0);
    expect(snapshot(root)['etc/kubernetes/kubelet.conf.bak.1']).toMatchObject({mode: 0o600, content: 'a new kubelet.conf\n'});
  });

  it('--dry-run changes nothing', async () => {
    const base = await workspace();
    const node = writeNode(base, 'cp-2');
    const root = fakeRoot(base);
    const before = snapshot(root);
    const r = await install(node, root, ['--dry-run']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`would create   ${root}/etc/kubernetes/`);
    expect(r.stdout).toContain(`would install  ${root}/etc/kubernetes/pki/ca.key  (0600`);
    expect(r.stdout).toContain('nothing changed');
    expect(snapshot(root)).toEqual(before);
  });

  it('--kubeadm-join-control-plane on cp-2 installs the shared set and nothing else', async () => {
    const base = await workspace();
    const node = writeNode(base, 'cp-2');
    const root = fakeRoot(base);
    const r = await install(node, root, ['--kubeadm-join-control-plane']);
    expect(r.exitCode).toBe(0);
    expect(files(snapshot(root))).toEqual(SHARED.sort());
    expect(r.stdout).toContain('without --certificate-key');
  });

  it('--kubeadm-init on cp-1 installs the pki folder and five kubeconfigs, nothing under /var/lib', async () => {
    const base = await workspace();
    const node = writeNode(base, 'cp-1');
    const root = fakeRoot(base);
    const r = await install(node, root, ['--kubeadm-init']);
    expect(r.exitCode).toBe(0);
    const got = files(snapshot(root));
    expect(got).toEqual(relOf(ha, haEntries, 'cp-1', 'kubeadm-init'));
    expect(got.filter((p) => !p.startsWith('etc/kubernetes/pki/'))).toEqual(INIT_CONFS);
    expect(readdirSync(join(root, 'var/lib'))).toEqual([]);
    expect(r.stdout).toContain('Using existing');
  });

  const refusals: [string, string, string, PkiModel, FileEntry[], RegExp][] = [
    ['a worker', 'node01', '--kubeadm-init', ha, haEntries, /node01 is a worker/],
    ['a worker', 'node01', '--kubeadm-join-control-plane', ha, haEntries, /node01 is a worker/],
    ['the first control plane', 'cp-1', '--kubeadm-join-control-plane', ha, haEntries, /use --kubeadm-init here/],
    ['another control plane', 'cp-3', '--kubeadm-init', ha, haEntries, /runs on the first control plane, cp-1/],
    ['a single authority', 'cp-1', '--kubeadm-init', singleAuthority.model, singleAuthority.entries, /single authority/],
    ['a single authority', 'cp-2', '--kubeadm-join-control-plane', singleAuthority.model, singleAuthority.entries, /single authority/],
  ];
  for (const [what, name, option, model, entries, message] of refusals) {
    it(`refuses ${option} on ${what} with exit 2, installing nothing`, async () => {
      const base = await workspace();
      const node = writeNode(base, name, model, entries);
      const root = fakeRoot(base);
      const before = snapshot(root);
      const r = await install(node, root, [option]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(snapshot(root)).toEqual(before);
    });
  }

  it('answers -h, and refuses an unknown option or two modes with exit 2', async () => {
    const base = await workspace();
    const node = writeNode(base, 'cp-1');
    const root = fakeRoot(base);
    const help = await install(node, root, ['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('usage: sudo bash install.sh [--all | --kubeadm-init | --kubeadm-join-control-plane] [--force] [--dry-run]');
    expect(help.stdout).toContain('(not for this node: the first control plane uses --kubeadm-init)');
    for (const args of [['--bogus'], ['--all', '--kubeadm-init']]) {
      const r = await install(node, root, args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: sudo bash install.sh');
    }
    expect(files(snapshot(root))).toEqual([]);
  });

  const planted: [string, (p: string) => void][] = [
    ['a symbolic link', (p) => symlinkSync('/dev/null', p)],
    ['a FIFO', (p) => execaSync('mkfifo', [p])],
    ['a folder', (p) => mkdirSync(p)],
  ];
  for (const [what, plant] of planted) {
    it(`refuses ${what} at a target and installs nothing`, async () => {
      const base = await workspace();
      const node = writeNode(base, 'node01');
      const root = fakeRoot(base);
      mkdirSync(join(root, 'etc/kubernetes/pki'), {recursive: true});
      plant(join(root, 'etc/kubernetes/pki/ca.crt'));
      const before = snapshot(root);
      const r = await install(node, root, [], {});
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(`${root}/etc/kubernetes/pki/ca.crt`);
      expect(r.stderr).toContain('nothing was installed');
      expect(snapshot(root)).toEqual(before);
    });
  }

  it('refuses a file where a folder must be, and goes through a symbolic link to a folder untouched', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    const root = fakeRoot(base);
    writeFileSync(join(root, 'etc/kubernetes'), 'not a folder\n');
    const before = snapshot(root);
    const r = await install(node, root);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${root}/etc/kubernetes exists and is not a folder`);
    expect(snapshot(root)).toEqual(before);

    const root2 = join(base, 'root2');
    mkdirSync(join(root2, 'elsewhere'), {recursive: true});
    chmodSync(join(root2, 'elsewhere'), 0o711);
    symlinkSync(join(root2, 'elsewhere'), join(root2, 'etc'));
    expect((await install(node, root2)).exitCode).toBe(0);
    const after = snapshot(root2);
    expect(after.etc).toMatchObject({type: 'link', content: join(root2, 'elsewhere')});
    expect(after.elsewhere!.mode).toBe(0o711);
    expect(after['elsewhere/kubernetes/pki/ca.crt']!.mode).toBe(0o644);
  });

  it('stops before installing anything when a file of the node folder is missing', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    const root = fakeRoot(base);
    execaSync('rm', [join(node.dir, 'var/lib/kube-proxy/kubeconfig')]);
    const r = await install(node, root);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('kube-proxy/kubeconfig is missing');
    expect(files(snapshot(root))).toEqual([]);
  });

  it.skipIf(!setpriv)('refuses to run as a user other than root without DESTDIR', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    for (const d of [join(base, 'tree'), node.dir]) chmodSync(d, 0o755); // nobody reads the script, nothing else
    const r = await execa('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'bash', node.script],
      {reject: false, env: {DESTDIR: ''}, cwd: '/'});
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^install\.sh: run it as root .* or set DESTDIR=FOLDER/);
  });

  it.skipIf(!setpriv)('installs into a DESTDIR as a user other than root, owned by that user', async () => {
    const base = await workspace();
    const node = writeNode(base, 'node01');
    const root = fakeRoot(base);
    execaSync('chown', ['-R', `${NOBODY}:${NOBODY}`, join(base, 'tree'), root]);
    const r = await execa('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'bash', node.script],
      {reject: false, env: {DESTDIR: root}, cwd: '/'});
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const after = snapshot(root);
    expect(after['var/lib/kubelet/pki/kubelet.key']).toMatchObject({mode: 0o600, uid: NOBODY});
    expect(after['var/lib/kubelet']).toMatchObject({mode: 0o755, uid: NOBODY});
    expect(r.stdout).not.toContain('root:root');
  });

  it.skipIf(!isRoot)('installs root-owned files from a tree that another user generated', async () => {
    const base = await workspace();
    const node = writeNode(base, 'cp-2');
    const root = fakeRoot(base);
    execaSync('chown', ['-R', `${NOBODY}:${NOBODY}`, join(base, 'tree')]);
    const r = await install(node, root);
    expect(r.exitCode).toBe(0);
    const after = snapshot(root);
    for (const p of files(after)) expect([after[p]!.uid, after[p]!.gid], p).toEqual([0, 0]);
    expect(existsSync(join(root, 'etc/kubernetes/pki/etcd/ca.key'))).toBe(true);
  });
});
