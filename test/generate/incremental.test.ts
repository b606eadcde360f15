// Re-running generate on a folder that holds a PKI, in both backends: a grown plan writes only what is new (every
// other file byte-identical with the same mtime), a contradicting plan is refused with the field named, --force /
// KUBEPKI_FORCE=1 re-issues only that, an expiring leaf is renewed, and a CA is never touched.

import {X509Certificate} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {GenerateError, type ProgressEvent} from '../../src/generate/events.js';
import {generateNative} from '../../src/generate/native.js';
import {incrementalPlan} from '../../src/output/incremental.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import type {Plan} from '../../src/plan/types.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {poolKeys} from '../support/key-pool.js';
import {snapshot} from '../support/snapshot.js';
import {SINGLE_PKI, single, withBob, withSan} from '../support/single-plans.js';
import {runScript, tmpDirs, writeScript} from '../openssl/helpers.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-incremental-');
afterAll(tmp.cleanup);

const PKI = SINGLE_PKI;
const CA_FILES = [`${PKI}/ca.crt`, `${PKI}/ca.key`, `${PKI}/etcd/ca.crt`, `${PKI}/etcd/ca.key`, `${PKI}/front-proxy-ca.crt`, `${PKI}/front-proxy-ca.key`, `${PKI}/sa.key`, `${PKI}/sa.pub`];
/** bob's files: his example RoleBindings and his certificate, key and kubeconfig. */
const BOB = ['rbac/users/bob.yaml', 'users/bob/bob.crt', 'users/bob/bob.key', 'users/bob/bob.kubeconfig'];


function planFile(plan: Plan): string {
  const file = join(tmp.make(), 'plan.yaml');
  writeFileSync(file, planToYaml(plan));
  return file;
}

/** The paths whose snapshot line (kind, mode, owner, mtime, digest) differs, and those that are new. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((p) => before[p] !== after[p] && !after[p]!.startsWith('dir')).sort();
}

/** Waits past the file system's mtime granularity, so a rewrite would show. */
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('native generate on an existing folder', () => {
  it('a second run with the same plan keeps everything: no key, no file written', async () => {
    const out = tmp.make();
    await generateNative({keys: poolKeys, plan: single(), out});
    const before = snapshot(out);
    await tick();
    const events: ProgressEvent[] = [];
    const result = await generateNative({keys: poolKeys, plan: single(), out, onProgress: (e) => events.push(e)});
    expect(snapshot(out)).toEqual(before);
    expect(events[0]).toEqual({type: 'keys', total: 0});
    const statuses = events.flatMap((e) => (e.type === 'cert' ? [e.status] : []));
    expect(statuses.filter((s) => s === 'reused')).toHaveLength(3);
    expect(statuses.filter((s) => s !== 'reused')).toEqual(Array(result.certificates.length - 3).fill('kept'));
    expect(events.at(-1)).toMatchObject({type: 'written', count: 0});
  });

  it('adding a user writes only that user’s files (and the README that lists them)', async () => {
    const out = tmp.make();
    await generateNative({keys: poolKeys, plan: single(), out});
    const before = snapshot(out);
    await tick();
    const result = await generateNative({keys: poolKeys, plan: withBob(), out});
    expect(changed(before, snapshot(out))).toEqual(['README.md', ...BOB]);
    expect(result.certificates.find((c) => c.id === 'user@bob')).toMatchObject({status: 'created'});
    expect(result.certificates.filter((c) => c.status === 'created')).toHaveLength(1);
  });

  it('an added apiserver SAN is refused with the field named; --force re-issues only the apiserver certificate', async () => {
    const out = tmp.make();
    await generateNative({keys: poolKeys, plan: single(), out});
    const before = snapshot(out);
    await tick();
    const error = await generateNative({keys: poolKeys, plan: withSan(), out}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).details).toEqual([`${PKI}/apiserver.crt: SAN IP:10.0.0.5 missing`]);
    expect(snapshot(out)).toEqual(before);

    const result = await generateNative({keys: poolKeys, plan: withSan(), out, force: true});
    expect(changed(before, snapshot(out))).toEqual([`${PKI}/apiserver.crt`, `${PKI}/apiserver.key`]);
    expect(result.certificates.filter((c) => c.status === 'reissued')).toEqual([
      {id: 'apiserver@controlplane', path: `${PKI}/apiserver.crt`, status: 'reissued', reasons: ['SAN IP:10.0.0.5 missing']},
    ]);
    const ips = new X509Certificate(readFileSync(join(out, PKI, 'apiserver.crt'))).subjectAltName;
    expect(ips).toContain('IP Address:10.0.0.5');
  });

  it('renews leaves within 30 days of expiry without --force, and never touches a CA or sa.key', async () => {
    const out = tmp.make();
    const longAgo = new Date(Date.now() - 345 * 86_400_000); // one-year leaves made then expire in 20 days
    await generateNative({keys: poolKeys, plan: single(), out, now: longAgo});
    const before = snapshot(out);
    await tick();
    const preview = await incrementalPlan(single(), out);
    const apiserver = preview.certs.find((c) => c.id === 'apiserver@controlplane')!;
    expect(apiserver).toMatchObject({status: 'reissue', renewal: true});
    expect(apiserver.reasons[0]).toMatch(/^expires on .*, within 30 days$/);
    const result = await generateNative({keys: poolKeys, plan: single(), out});
    const after = snapshot(out);
    for (const path of CA_FILES) expect(after[path], path).toBe(before[path]);
    expect(after[`${PKI}/apiserver.crt`]).not.toBe(before[`${PKI}/apiserver.crt`]);
    expect(result.certificates.filter((c) => c.status === 'kept')).toEqual([]);
    expect(new Date(new X509Certificate(readFileSync(join(out, PKI, 'apiserver.crt'))).validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it('a kubeconfig pointing at another server is a conflict named by its field; the certificate inside is kept', async () => {
    const out = tmp.make();
    await generateNative({keys: poolKeys, plan: single(), out});
    const moved = single();
    moved.controlPlaneEndpoint = 'api.example.com:6443';
    const preview = await incrementalPlan(moved, out);
    expect(preview.files.find((f) => f.path === 'controlplane/etc/kubernetes/admin.conf')).toEqual({
      path: 'controlplane/etc/kubernetes/admin.conf', status: 'conflict', reasons: ['kubeconfig server differ from the plan'],
    });
  });
});

describe.skipIf(!tools)('the CLI and the openssl script on an existing folder', () => {
  it('CLI, both modes: the same plan again keeps everything (exit 0); a new SAN is refused (exit 1), then --force re-issues only it', async () => {
    for (const mode of ['native', 'openssl']) {
      const out = join(tmp.make(), 'pki');
      expect((await kubepki(['generate', '--mode', mode, '--plan', planFile(single()), '--out', out])).exitCode).toBe(0);
      const before = snapshot(out);
      await tick();
      const again = await kubepki(['generate', '--mode', mode, '--plan', planFile(single()), '--out', out]);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(again.stderr, mode).toContain(`= kept    ${PKI}/apiserver.crt  (CN=kube-apiserver; signed by ca)`);
      expect(snapshot(out), mode).toEqual(before);

      const refused = await kubepki(['generate', '--mode', mode, '--plan', planFile(withSan()), '--out', out]);
      expect(refused.exitCode, mode).toBe(1);
      expect(refused.stderr, mode).toContain(`  ${PKI}/apiserver.crt: SAN IP:10.0.0.5 missing`);
      expect(refused.stderr).toContain('--force');
      expect(snapshot(out), mode).toEqual(before);

      const forced = await kubepki(['generate', '--mode', mode, '--plan', planFile(withSan()), '--out', out, '--force', '--json']);
      expect(forced.exitCode, forced.stderr).toBe(0);
      expect(forced.stderr, mode).toContain(`↻ re-issued ${PKI}/apiserver.crt  (CN=kube-apiserver; signed by ca) — SAN IP:10.0.0.5 missing`);
      expect(changed(before, snapshot(out)), mode).toEqual([`${PKI}/apiserver.crt`, `${PKI}/apiserver.key`]);
      const json = JSON.parse(forced.stdout) as {certificates: {status: string}[]};
      expect(json.certificates.filter((c) => c.status === 'reissued'), mode).toHaveLength(1);
    }
  }, 240_000);

  it.each([
    ['ECDSA-P256', ['native', 'openssl']],
    ['ECDSA-P384', ['native']],
  ] as const)('CLI, %s: the same plan again keeps every certificate in both modes, and check --plan finds nothing', async (alg, first) => {
    const ec = single();
    ec.certificates.encryptionAlgorithm = alg;
    const plan = planFile(ec);
    for (const mode of first) {
      const out = join(tmp.make(), 'pki');
      expect((await kubepki(['generate', '--mode', mode, '--plan', plan, '--out', out])).exitCode).toBe(0);
      const before = snapshot(out);
      await tick();
      // Each mode re-reads the other's tree too: both compare the key by the same words (`EC P-256`).
      for (const again of ['native', 'openssl']) {
        const r = await kubepki(['generate', '--mode', again, '--plan', plan, '--out', out]);
        expect(r.exitCode, `${mode} then ${again}: ${r.stderr}`).toBe(0);
        expect(r.stderr).toContain(`= kept    ${PKI}/apiserver.crt`);
        expect(r.stderr).not.toMatch(/Public Key/);
      }
      expect(snapshot(out), mode).toEqual(before);
      const check = await kubepki(['check', out, '--plan', plan, '--json']);
      expect(check.exitCode, check.stdout.slice(0, 500)).toBe(0);
      expect((JSON.parse(check.stdout) as {findings: {code: string}[]}).findings.map((f) => f.code)).toEqual([]);
    }
  }, 240_000);

  it('script: adding a user writes only that user’s files; a new SAN is refused naming it; KUBEPKI_FORCE=1 re-issues only the apiserver', async () => {
    const out = join(tmp.make(), 'pki');
    expect((await runScript(await writeScript(single(), tmp.make()), out)).exitCode).toBe(0);
    let before = snapshot(out);
    await tick();
    const grown = await runScript(await writeScript(withBob(), tmp.make()), out);
    expect(grown.exitCode, grown.stderr).toBe(0);
    expect(grown.stdout).toContain('  created user@bob  (users/bob/bob.crt)');
    expect(grown.stdout).toContain(`  kept    apiserver@controlplane  (${PKI}/apiserver.crt matches the plan)`);
    expect(changed(before, snapshot(out))).toEqual(['README.md', ...BOB]);

    before = snapshot(out);
    const sanScript = await writeScript(withSan(withBob()), tmp.make());
    const refused = await runScript(sanScript, out);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`  ${PKI}/apiserver.crt: SAN IP:10.0.0.5 missing\n`);
    expect(refused.stderr).toContain('generate-pki.sh: 1 file(s) above contradict the plan: set KUBEPKI_FORCE=1 to re-issue only these');
    expect(snapshot(out)).toEqual(before);

    await tick();
    const forced = await runScript(sanScript, out, {env: {KUBEPKI_FORCE: '1'}});
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(changed(before, snapshot(out))).toEqual([`${PKI}/apiserver.crt`, `${PKI}/apiserver.key`]);
  }, 240_000);

  it('script: renews an expiring leaf made natively, keeps the CA byte for byte', async () => {
    const out = tmp.make();
    await generateNative({keys: poolKeys, plan: single(), out, now: new Date(Date.now() - 345 * 86_400_000)});
    const before = snapshot(out);
    await tick();
    const r = await runScript(await writeScript(single(), tmp.make()), out);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ {2}re-issue apiserver@controlplane: expires on \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ, within 30 days/);
    const after = snapshot(out);
    for (const path of CA_FILES) expect(after[path], path).toBe(before[path]);
    expect(after[`${PKI}/apiserver.crt`]).not.toBe(before[`${PKI}/apiserver.crt`]);
  }, 240_000);
});
