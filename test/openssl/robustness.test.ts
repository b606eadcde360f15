// Running generate-pki.sh the ways people do: under umask 000, twice (a no-op), from another folder, with
// KUBEPKI_FORCE=1, over a tampered tree, while another run holds the lock, and interrupted with Ctrl+C.

import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {hasBinary} from '../support/binaries.js';
import {foldersWithWrongMode, listTree, runScript, tinyPlan, tmpDirs, writeScript} from './helpers.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-robust-');
afterAll(tmp.cleanup);

/** Content, mode and mtime of every file: what "unchanged" means. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), {withFileTypes: true})) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      const st = statSync(join(root, path));
      if (e.isDirectory()) walk(path);
      else out.set(path, `${st.mode.toString(8)} ${st.mtimeMs} ${readFileSync(join(root, path), 'base64')}`);
    }
  };
  walk('');
  return out;
}

const leftovers = (root: string) => readdirSync(root).filter((n) => n.startsWith('.'));

describe.skipIf(!tools)('generate-pki.sh on a small plan', () => {
  const plan = tinyPlan();
  const entries = layoutFiles(resolve(plan));
  let scriptDir: string;
  let target: string;
  let first: Awaited<ReturnType<typeof runScript>>;

  beforeAll(async () => {
    scriptDir = await writeScript(plan, tmp.make());
    target = join(tmp.make(), 'pki');
    first = await runScript(scriptDir, target, {umask: '000', freshKeys: true}); // the script run that makes its own keys
  }, 120_000);

  it('builds the tree under umask 000 with keys and kubeconfigs 0600, certificates 0644, node folders 0755, people 0700', () => {
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain(`Done: ${entries.length} file(s) written`);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    for (const e of entries) expect((statSync(join(target, e.path)).mode & 0o777).toString(8), e.path).toBe(e.mode.toString(8));
    expect(foldersWithWrongMode(listTree(target))).toEqual([]);
    expect(leftovers(target), 'no staging folder or lock is left').toEqual([]);
  });

  it('is a no-op the second time: exit 0, every file unchanged (content, mode, mtime)', async () => {
    const before = snapshot(target);
    const again = await runScript(scriptDir, target);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Done: 0 file(s) written');
    expect(again.stdout).toMatch(/reused {2}ca /);
    expect(snapshot(target)).toEqual(before);
    expect(leftovers(target)).toEqual([]);
  }, 60_000);

  it('works from any folder: a relative TARGET is taken from the caller, the default is ./pki beside the script', async () => {
    const cwd = tmp.make();
    const relative = await runScript(scriptDir, 'out/pki', {cwd});
    expect(relative.exitCode).toBe(0);
    expect(existsSync(join(cwd, 'out/pki/README.md'))).toBe(true);
    const byDefault = await runScript(scriptDir, undefined, {cwd});
    expect(byDefault.exitCode).toBe(0);
    expect(existsSync(join(scriptDir, 'pki', entries[0]!.path))).toBe(true);
  }, 120_000);

  it('with KUBEPKI_FORCE=1 re-issues a leaf whose key was swapped but keeps the CA byte for byte', async () => {
    const ca = readFileSync(join(target, 'cp/etc/kubernetes/pki/ca.crt'));
    const caKey = readFileSync(join(target, 'cp/etc/kubernetes/pki/ca.key'));
    const leaf = readFileSync(join(target, 'cp/etc/kubernetes/pki/apiserver.crt'));
    writeFileSync(join(target, 'cp/etc/kubernetes/pki/apiserver.key'), readFileSync(join(target, 'cp/etc/kubernetes/pki/front-proxy-client.key')));
    const refused = await runScript(scriptDir, target);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('  cp/etc/kubernetes/pki/apiserver.crt: key does not match the certificate');
    const r = await runScript(scriptDir, target, {env: {KUBEPKI_FORCE: '1'}});
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(target, 'cp/etc/kubernetes/pki/ca.crt')).equals(ca)).toBe(true);
    expect(readFileSync(join(target, 'cp/etc/kubernetes/pki/ca.key')).equals(caKey)).toBe(true);
    expect(readFileSync(join(target, 'cp/etc/kubernetes/pki/apiserver.crt')).equals(leaf)).toBe(false);
    const v = await execa('openssl', ['verify', '-x509_strict', '-CAfile', join(target, 'cp/etc/kubernetes/pki/ca.crt'), join(target, 'cp/etc/kubernetes/pki/apiserver.crt')], {reject: false});
    expect(v.exitCode).toBe(0);
  }, 60_000);

  it('refuses to overwrite a file that changed, and stops on a CA whose key does not match, changing nothing', async () => {
    const kubeconfig = join(target, 'cp/etc/kubernetes/admin.conf');
    writeFileSync(kubeconfig, 'edited by hand\n');
    const before = snapshot(target);
    const conflict = await runScript(scriptDir, target);
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stderr).toContain('cp/etc/kubernetes/admin.conf');
    expect(conflict.stderr).toContain('KUBEPKI_FORCE=1');
    expect(snapshot(target)).toEqual(before);

    const fixed = await runScript(scriptDir, target, {env: {KUBEPKI_FORCE: '1'}});
    expect(fixed.exitCode).toBe(0);
    expect(readFileSync(kubeconfig, 'utf8')).toContain('client-certificate-data: ');

    const caKey = join(target, 'cp/etc/kubernetes/pki/ca.key');
    writeFileSync(caKey, readFileSync(join(target, 'cp/etc/kubernetes/pki/apiserver.key')));
    const tampered = snapshot(target);
    for (const env of [{}, {KUBEPKI_FORCE: '1'}] as Record<string, string>[]) {
      const r = await runScript(scriptDir, target, {env});
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('cp/etc/kubernetes/pki/ca.crt cannot be reused: its key file holds another key than the certificate’s');
      expect(snapshot(target)).toEqual(tampered);
      expect(leftovers(target)).toEqual([]);
    }
  }, 120_000);

  it('refuses a symlink planted where a folder goes before making any key, and writes nothing through it', async () => {
    const fresh = tmp.make();
    const elsewhere = tmp.make();
    symlinkSync(elsewhere, join(fresh, 'cp'));
    const r = await runScript(scriptDir, fresh);
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toContain('cp is not a folder (a file or symbolic link is in the way)');
    // Our own refusal: no "the failing command said" with some earlier command's chatter.
    expect(String(r.stderr)).not.toContain('the failing command said');
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(fresh)).toEqual(['cp']);
  });

  it('after a failing openssl command, shows what it said; nothing half-written stays', async () => {
    const fresh = join(tmp.make(), 'pki');
    // An openssl whose `req` fails, first on PATH: the script must stop there and show openssl's words.
    const bin = tmp.make();
    const real = (await execa('sh', ['-c', 'command -v openssl'])).stdout.trim();
    writeFileSync(join(bin, 'openssl'), `#!/bin/sh\nif [ "$1" = req ]; then echo 'req: simulated failure: bad config' >&2; exit 1; fi\nexec ${real} "$@"\n`, {mode: 0o755});
    const r = await runScript(scriptDir, fresh, {env: {PATH: `${bin}:${process.env.PATH}`}});
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('generate-pki.sh: the failing command said:');
    expect(r.stderr).toContain('req: simulated failure: bad config');
    expect(readdirSync(fresh)).toEqual([]);
  });

  it('refuses while another live run holds the lock, touching nothing', async () => {
    const fresh = join(tmp.make(), 'pki');
    mkdirSync(fresh);
    writeFileSync(join(fresh, '.kubepki.lock'), `${process.pid}\n`);
    const r = await runScript(scriptDir, fresh);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`another kubepki run (pid ${process.pid}) holds the lock`);
    expect(readdirSync(fresh)).toEqual(['.kubepki.lock']);
  });

  it('cleans up when interrupted: exit 130, no staging folder, no lock, no half tree', async () => {
    const fresh = join(tmp.make(), 'pki');
    const child = runScript(scriptDir, fresh);
    for (let i = 0; i < 500 && !existsSync(fresh); i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 700)); // past the preflight, a few keys in
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode ?? r.signal).toBe(130);
    expect(readdirSync(fresh)).toEqual([]);
  }, 60_000);
});
