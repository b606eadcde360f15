// renew in kubepki's flat layout with ECDSA-P256 keys: kubeadm's names find the flat files, an EC key is replaced
// by an EC key on the same curve, the EC profile (digitalSignature only, ecdsa-with-SHA256) is kept, by both backends.

import {X509Certificate, createPrivateKey} from 'node:crypto';
import {cp, mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {profileDifferences, readProfile} from '../../src/x509/profile.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';

const DAY = 86_400_000;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kubepki-renew-flat-'));
  const plan = basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}, {name: 'w1', address: '127.0.0.2', role: 'worker'}]);
  plan.certificates.layout = 'flat';
  plan.certificates.encryptionAlgorithm = 'ECDSA-P256';
  await generateNative({plan, out: join(base, 'tree'), now: new Date(Date.now() - 350 * DAY)});
});
afterAll(async () => {
  await rm(base, {recursive: true, force: true});
});

const text = (dir: string, f: string) => readFile(join(dir, f), 'utf8');

describe.skipIf(!hasBinary('openssl'))('renew in a flat ECDSA tree', () => {
  it('finds apiserver and w1/kubelet.conf by kubeadm’s names and keeps the EC profile, natively and with the script', async () => {
    const native = join(base, 'native');
    const scripted = join(base, 'scripted');
    await cp(join(base, 'tree'), native, {recursive: true});
    await cp(join(base, 'tree'), scripted, {recursive: true});
    const ids = ['apiserver', 'w1/kubelet.conf'];
    const r = await kubepki(['renew', ...ids, '--dir', native, '--new-key']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ {2}kubelet \(kubelet-client-w1\.crt, kubelet-client-w1\.kubeconfig\)$/m);
    const script = join(base, 'renew.sh');
    expect((await kubepki(['renew', ...ids, '--dir', scripted, '--new-key', '--script', script])).exitCode).toBe(0);
    const run = await execa('bash', [script, scripted], {reject: false});
    expect(run.exitCode, run.stderr).toBe(0);
    for (const f of ['kube-apiserver.crt', 'kubelet-client-w1.crt']) {
      const old = readProfile(await text(join(base, 'tree'), f));
      expect(old.keyUsage?.usages).toEqual(['digitalSignature']);
      for (const dir of [native, scripted]) {
        const pem = await text(dir, f);
        expect(profileDifferences(readProfile(pem), old)).toEqual([]);
        const key = createPrivateKey(await text(dir, f.replace('.crt', '.key')));
        expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
        expect(new X509Certificate(pem).checkPrivateKey(key)).toBe(true);
        const v = await execa('openssl', ['verify', '-x509_strict', '-CAfile', join(dir, 'ca.crt'), join(dir, f)], {reject: false});
        expect(v.stdout).toMatch(/: OK$/);
      }
      expect(await text(native, f.replace('.crt', '.key'))).not.toBe(await text(join(base, 'tree'), f.replace('.crt', '.key')));
    }
  });
});
