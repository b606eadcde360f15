// Files already in the output folder, as an attack review tried them: a CA is never replaced by any option
// (switching authorities, --force, KUBEPKI_FORCE=1), sa.key never, a FIFO or a link to /dev/zero never read,
// a README kubepki did not write is a conflict. Native, --mode openssl and the standalone script alike.

import {readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import type {Plan} from '../../src/plan/types.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {runScript, tmpDirs, writeScript} from '../openssl/helpers.js';
import {snapshot} from '../support/snapshot.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-existing-');
afterAll(tmp.cleanup);

const PKI = 'controlplane/etc/kubernetes/pki';

function planFile(plan: Plan): string {
  const file = join(tmp.make(), 'plan.yaml');
  writeFileSync(file, planToYaml(plan));
  return file;
}


/** Runs all three ways with every force option on, and expects each to refuse, changing nothing: kubepki lists
 *  every message, the script stops at the first it meets. */
async function refusedEverywhere(out: string, plan: Plan, ...messages: string[]): Promise<void> {
  const before = snapshot(out);
  const file = planFile(plan);
  for (const mode of ['native', 'openssl']) {
    const r = await kubepki(['generate', '--plan', file, '--out', out, '--force', '--mode', mode]);
    expect(r.exitCode, `${mode}: ${r.stderr}`).toBe(1);
    for (const message of messages) expect(r.stderr, mode).toContain(message);
    expect(snapshot(out), mode).toEqual(before);
  }
  const script = await runScript(await writeScript(plan, tmp.make()), out, {env: {KUBEPKI_FORCE: '1'}});
  expect(script.exitCode, script.stderr).toBe(1);
  expect(messages.some((message) => script.stderr.includes(`generate-pki.sh: ${message}`)), script.stderr).toBe(true);
  expect(snapshot(out)).toEqual(before);
}

describe.skipIf(!tools)('files kubepki never replaces', () => {
  const separate = examplePlan('single');
  const single: Plan = {...separate, certificates: {...separate.certificates, authorities: 'single'}};
  let tree: string;

  beforeAll(async () => {
    tree = tmp.make();
    const r = await kubepki(['generate', '--plan', planFile(separate), '--out', tree]);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  /** A copy of the generated tree to tamper with. */
  async function copyOfTree(): Promise<string> {
    const out = join(tmp.make(), 'pki');
    await execa('cp', ['-a', tree, out]);
    return out;
  }

  it('switching to one authority with --force cannot turn etcd/ca.crt and front-proxy-ca.crt into copies of ca.crt', async () => {
    const out = await copyOfTree();
    await refusedEverywhere(out, single,
      `${PKI}/etcd/ca.crt holds a CA with CN=etcd-ca, and this run would put ${PKI}/ca.crt there: kubepki never replaces a CA; move it away`,
      `${PKI}/front-proxy-ca.crt holds a CA with CN=front-proxy-ca, and this run would put ${PKI}/ca.crt there: kubepki never replaces a CA; move it away`);
  });

  it('a worker’s ca.crt holding another CA is never replaced', async () => {
    const out = await copyOfTree();
    writeFileSync(join(out, 'node01/etc/kubernetes/pki/ca.crt'), readFileSync(join(out, PKI, 'etcd/ca.crt')));
    await refusedEverywhere(out, separate, 'node01/etc/kubernetes/pki/ca.crt holds a CA with CN=etcd-ca, and this run would put');
  });

  it('sa.key is never replaced: an sa.pub beside it that holds another key stops the run', async () => {
    const out = await copyOfTree();
    writeFileSync(join(out, PKI, 'sa.pub'), readFileSync(join(out, PKI, 'apiserver.crt'), 'utf8').length ? await publicKeyOf(join(out, PKI, 'apiserver.key')) : '');
    await refusedEverywhere(out, separate, `${PKI}/sa.key cannot be reused: the sa.pub beside it (${PKI}/sa.pub) holds another public key`);
  }, 180_000);

  it('an sa.key that is not a usable key stops the run instead of being replaced', async () => {
    const out = await copyOfTree();
    writeFileSync(join(out, PKI, 'sa.key'), 'not a key\n');
    await refusedEverywhere(out, separate, `${PKI}/sa.key cannot be reused: it holds no readable, unencrypted private key`);
  }, 180_000);

  it('a CA with another kind of key than the plan’s stops the run: its key would decide every signature', async () => {
    const out = await copyOfTree();
    const ec: Plan = {...separate, certificates: {...separate.certificates, encryptionAlgorithm: 'ECDSA-P256'}};
    await refusedEverywhere(out, ec, `${PKI}/ca.crt cannot be reused: its key is rsa, but this plan’s encryptionAlgorithm makes EC P-256 keys`,
      `${PKI}/etcd/ca.crt cannot be reused: its key is rsa, but this plan’s encryptionAlgorithm makes EC P-256 keys`);
  });

  it('an EC sa.key is kept under an RSA plan, as kubeadm keeps any usable key, by both backends', async () => {
    for (const mode of ['native', 'openssl']) {
      const out = await copyOfTree();
      const key = (await execa('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout'])).stdout + '\n';
      writeFileSync(join(out, PKI, 'sa.key'), key);
      unlinkSync(join(out, PKI, 'sa.pub'));
      const r = await kubepki(['generate', '--plan', planFile(separate), '--out', out, '--force', '--mode', mode]);
      expect(r.exitCode, `${mode}: ${r.stderr}`).toBe(0);
      expect(readFileSync(join(out, PKI, 'sa.key'), 'utf8'), mode).toBe(key);
      const pub = (await execa('openssl', ['pkey', '-pubout', '-in', join(out, PKI, 'sa.key')])).stdout + '\n';
      expect(readFileSync(join(out, PKI, 'sa.pub'), 'utf8'), mode).toBe(pub);
    }
  }, 120_000);

  it('a FIFO where a key goes is reported, never opened (the run would hang), even with --force', async () => {
    const out = await copyOfTree();
    unlinkSync(join(out, PKI, 'apiserver.key'));
    await execa('mkfifo', [join(out, PKI, 'apiserver.key')]);
    await refusedEverywhere(out, separate, `${PKI}/apiserver.key is a FIFO: kubepki never reads or replaces such a file; move it away`);
  }, 60_000);

  it('a link to /dev/zero where a key goes is reported, never read', async () => {
    const out = await copyOfTree();
    unlinkSync(join(out, PKI, 'apiserver.key'));
    symlinkSync('/dev/zero', join(out, PKI, 'apiserver.key'));
    await refusedEverywhere(out, separate, `${PKI}/apiserver.key is a symbolic link: kubepki never reads or replaces such a file; move it away`);
  }, 60_000);

  it('a file over 1 MiB where a CA goes is not read', async () => {
    const out = await copyOfTree();
    writeFileSync(join(out, PKI, 'ca.crt'), Buffer.alloc(2 * 1024 * 1024, 0x41));
    await refusedEverywhere(out, separate, `${PKI}/ca.crt is larger than 1 MiB: kubepki never reads or replaces such a file; move it away`);
  });

  it('a README.md kubepki did not write is a conflict: kept without --force, replaced with it', async () => {
    const out = await copyOfTree();
    writeFileSync(join(out, 'README.md'), 'my own notes\n');
    const file = planFile(separate);
    const refused = await kubepki(['generate', '--plan', file, '--out', out]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('  README.md: not written by kubepki');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('my own notes\n');
    const forced = await kubepki(['generate', '--plan', file, '--out', out, '--force']);
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('# Kubernetes PKI for cluster');
  });

  it('an identical README.md, the reused CAs and every matching leaf stay untouched, even with --force: same mtime', async () => {
    const out = await copyOfTree();
    const before = snapshot(out);
    const r = await kubepki(['generate', '--plan', planFile(separate), '--out', out, '--force']);
    expect(r.exitCode, r.stderr).toBe(0);
    const after = snapshot(out);
    expect(after).toEqual(before);
    rmSync(out, {recursive: true});
  });
});

async function publicKeyOf(keyFile: string): Promise<string> {
  return (await execa('openssl', ['pkey', '-in', keyFile, '-pubout'])).stdout + '\n';
}

describe('the output folder itself', () => {
  it('is never the root of the file system (native, --mode openssl, kubepki script, and the script’s TARGET)', async () => {
    for (const args of [['generate', '--out', '/'], ['generate', '--mode', 'openssl', '--out', '/'], ['script', '--out', '/']]) {
      const r = await kubepki(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('is the root of the file system');
      expect(r.stderr).not.toContain('generating');
    }
    const script = await runScript(await writeScript(examplePlan('single'), tmp.make()), '/');
    expect(script.exitCode).toBe(1);
    expect(script.stderr).toContain('TARGET is the root of the file system');
  });

  it.skipIf(!tools)('is never reached through a symbolic link: L, L/ and L/sub alike, in every command and the script', async () => {
    const base = tmp.make();
    const elsewhere = tmp.make();
    symlinkSync(elsewhere, join(base, 'L'));
    for (const out of ['L', 'L/', 'L/sub', './L/sub/deeper']) {
      for (const args of [['generate', '--out', out], ['script', '--out', out]]) {
        const r = await kubepki(args, {cwd: base});
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(`${join(base, 'L')} is a symbolic link`);
      }
      const script = await runScript(await writeScript(examplePlan('single'), tmp.make()), out, {cwd: base});
      expect(script.exitCode, script.stderr).toBe(1);
      expect(script.stderr).toContain(`${join(base, 'L')} is a symbolic link`);
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('prints a hostile --out escaped, never raw', async () => {
    const r = await kubepki(['generate', '--out', 'x\u001b[2J\ny'], {cwd: tmp.make()});
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr.split('\n').filter((l) => l.includes('x\\u001b[2J\\ny')).length).toBeGreaterThan(0);
  });
});

/** Root only: mounts a tmpfs here; the test says why when it cannot. */
async function mountTmpfs(dir: string, options: string): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  return (await execa('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], {reject: false})).exitCode === 0;
}

describe.skipIf(process.getuid?.() !== 0)('file system errors, in words', () => {
  it('a full disk: "the disk is full", no lock or staging folder left, and the lock too when even it cannot be written', async () => {
    const dir = tmp.make();
    if (!(await mountTmpfs(dir, 'size=64k'))) return void console.warn('cannot mount a tmpfs here: ENOSPC test not run');
    try {
      const r = await kubepki(['generate', '--plan', planFile(examplePlan('single')), '--out', join(dir, 'pki')]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('the disk is full');
      expect(r.stderr).not.toContain('unexpected error');
      expect(readdirSync(join(dir, 'pki'))).toEqual([]);
      writeFileSync(join(dir, 'filler'), Buffer.alloc(1));
      try {
        for (let i = 0; ; i++) writeFileSync(join(dir, `fill-${i}`), Buffer.alloc(4096));
      } catch {
        // full now
      }
      const again = await kubepki(['generate', '--plan', planFile(examplePlan('single')), '--out', join(dir, 'pki')]);
      expect(again.exitCode).toBe(1);
      expect(again.stderr).toMatch(/the disk is full/);
      expect(readdirSync(join(dir, 'pki'))).toEqual([]);
    } finally {
      await execa('umount', [dir]);
    }
  });

  it('a read-only file system is called one (not ENOENT)', async () => {
    const dir = tmp.make();
    if (!(await mountTmpfs(dir, 'ro'))) return void console.warn('cannot mount a tmpfs here: EROFS test not run');
    try {
      const r = await kubepki(['generate', '--out', join(dir, 'a/b/pki')]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('the file system is read-only');
      expect(r.stderr).not.toContain('ENOENT');
    } finally {
      await execa('umount', [dir]);
    }
  });
});
