// renew-pki.sh against the native renew on two copies of one tree: shellcheck-clean, and the certificates it writes
// have the profile the native renew writes (subject, SANs, usages, extensions), in files and in kubeconfigs.

import {X509Certificate, createPrivateKey} from 'node:crypto';
import {cp, mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {profileDifferences, readProfile} from '../../src/x509/profile.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {poolKeys} from '../support/key-pool.js';
import {shimEnv} from '../support/openssl-shim.js';

const DAY = 86_400_000;
const PKI = 'cp/etc/kubernetes/pki';
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kubepki-renew-script-'));
  const plan = basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}], [{name: 'john', groups: ['developers']}]);
  await generateNative({keys: poolKeys, plan, out: join(base, 'tree'), now: new Date(Date.now() - 350 * DAY)});
});
afterAll(async () => {
  await rm(base, {recursive: true, force: true});
});

const text = (dir: string, f: string) => readFile(join(dir, f), 'utf8');
const embedded = async (dir: string, f: string, field: string) =>
  Buffer.from((parse(await text(dir, f)) as {users: {user: Record<string, string>}[]}).users[0]!.user[field]!, 'base64').toString('utf8');

describe.skipIf(!hasBinary('openssl') || !hasBinary('shellcheck'))('renew-pki.sh', () => {
  for (const newKey of [false, true]) {
    it(`gives the native renew's profile${newKey ? ' with --new-key' : ''}`, async () => {
      const ids = ['apiserver', 'admin.conf', 'john.kubeconfig'];
      const native = join(base, `native-${newKey}`);
      const scripted = join(base, `script-${newKey}`);
      await cp(join(base, 'tree'), native, {recursive: true});
      await cp(join(base, 'tree'), scripted, {recursive: true});
      const flags = newKey ? ['--new-key'] : [];
      expect((await kubepki(['renew', ...ids, '--dir', native, ...flags])).exitCode).toBe(0);
      const file = join(base, `renew-${newKey}.sh`);
      const w = await kubepki(['renew', ...ids, '--dir', scripted, ...flags, '--script', file]);
      expect(w.stderr).toBe('');
      expect(w.exitCode).toBe(0);
      // Writing the script changes nothing in the folder.
      expect(await text(scripted, `${PKI}/apiserver.crt`)).toBe(await text(join(base, 'tree'), `${PKI}/apiserver.crt`));
      expect((await execa('shellcheck', [file], {reject: false})).stdout).toBe('');
      const run = await execa('bash', [file, scripted], {reject: false, env: shimEnv()});
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/kube-apiserver \(cp\/etc\/kubernetes\/pki\/apiserver\.crt\)/);

      const pairs: [string, string][] = [
        [await text(native, `${PKI}/apiserver.crt`), await text(scripted, `${PKI}/apiserver.crt`)],
        [await embedded(native, 'cp/etc/kubernetes/admin.conf', 'client-certificate-data'), await embedded(scripted, 'cp/etc/kubernetes/admin.conf', 'client-certificate-data')],
        [await text(native, 'users/john/john.crt'), await text(scripted, 'users/john/john.crt')],
      ];
      for (const [a, b] of pairs) {
        expect(profileDifferences(readProfile(b), readProfile(a))).toEqual([]);
        expect(Date.parse(new X509Certificate(b).validTo)).toBeGreaterThan(Date.now() + 360 * DAY);
      }
      // The person's copies stay one certificate; keys kept, or new and matching, 0600.
      expect(await embedded(scripted, 'users/john/john.kubeconfig', 'client-certificate-data')).toBe(await text(scripted, 'users/john/john.crt'));
      const key = await text(scripted, `${PKI}/apiserver.key`);
      expect(key === (await text(join(base, 'tree'), `${PKI}/apiserver.key`))).toBe(!newKey);
      expect(new X509Certificate(await text(scripted, `${PKI}/apiserver.crt`)).checkPrivateKey(createPrivateKey(key))).toBe(true);
      expect((await stat(join(scripted, `${PKI}/apiserver.key`))).mode & 0o777).toBe(0o600);
      expect(new X509Certificate(await embedded(scripted, 'cp/etc/kubernetes/admin.conf', 'client-certificate-data'))
        .checkPrivateKey(createPrivateKey(await embedded(scripted, 'cp/etc/kubernetes/admin.conf', 'client-key-data')))).toBe(true);
    });
  }
});
