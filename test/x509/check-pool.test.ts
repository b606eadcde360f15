// Self-checks on worker threads, as a large run makes them: every certificate is checked against its issuer and key,
// a failure comes back as the same CertCheckError the inline check throws, and a run of that size really uses them.

import {createPrivateKey, type KeyObject} from 'node:crypto';
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Worker} from 'node:worker_threads';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan, examplePlan} from '../../src/plan/defaults.js';
import type {Plan} from '../../src/plan/types.js';
import {CertCheckError} from '../../src/x509/build.js';
import {CHECK_WORKERS_FROM, inlineChecks, workerChecks} from '../../src/x509/check-pool.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import {opensslVerify} from '../support/openssl.js';
import {SINGLE_PKI} from '../support/single-plans.js';

const ec = (plan: Plan): Plan => ({...plan, certificates: {...plan.certificates, encryptionAlgorithm: 'ECDSA-P256'}});
const dir = mkdtempSync(join(tmpdir(), 'kubepki-checks-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

interface Tree {
  ca: string;
  caKey: KeyObject;
  leaf: string;
  leafKey: KeyObject;
}
const trees: Tree[] = [];
beforeAll(async () => {
  for (const name of ['a', 'b']) {
    await generateNative({plan: ec(examplePlan('single')), out: join(dir, name)});
    const pki = (f: string) => readFileSync(join(dir, name, SINGLE_PKI, f), 'utf8');
    trees.push({ca: pki('ca.crt'), caKey: createPrivateKey(pki('ca.key')), leaf: pki('apiserver.crt'), leafKey: createPrivateKey(pki('apiserver.key'))});
  }
});

describe('workerChecks', () => {
  it('passes good certificates and answers every one', async () => {
    const checks = workerChecks(2);
    try {
      const [a] = trees;
      for (let i = 0; i < 50; i++) checks.check(a!.leaf, a!.ca, a!.leafKey);
      checks.check(a!.ca, a!.ca, a!.caKey);
      await checks.settled();
      expect(checks.pending).toBe(0);
    } finally {
      await checks.close();
    }
  });

  for (const [what, pick, check, words] of [
    ['another CA', (a: Tree, b: Tree) => [a.leaf, b.ca, a.leafKey] as const, 'checkIssued', 'was not issued by'],
    ['another key', (a: Tree, b: Tree) => [a.leaf, a.ca, b.leafKey] as const, 'checkPrivateKey', 'the private key does not belong to'],
  ] as const) {
    it(`reports a certificate checked against ${what} as the inline check does: ${check}`, async () => {
      const [a, b] = trees;
      const [cert, issuer, key] = pick(a!, b!);
      const inline = (() => {
        try {
          inlineChecks().check(cert, issuer, key);
        } catch (error) {
          return error;
        }
      })();
      expect(inline).toBeInstanceOf(CertCheckError);
      const checks = workerChecks(1);
      try {
        checks.check(a!.leaf, a!.ca, a!.leafKey);
        checks.check(cert, issuer, key);
        const error = await checks.settled().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CertCheckError);
        expect(error).toMatchObject({check, message: (inline as Error).message});
        expect((error as Error).message).toContain(words);
        expect(() => checks.check(a!.leaf, a!.ca, a!.leafKey)).toThrow(words); // no more work after a failure
      } finally {
        await checks.close();
      }
    });
  }
});

/** Enough nodes for CHECK_WORKERS_FROM certificates: each brings two (its kubelet's client and serving). */
const largeNodes = () => Array.from({length: Math.ceil(CHECK_WORKERS_FROM / 2) + 2}, (_, i) => ({
  name: i === 0 ? 'cp-1' : `w${i}`, address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`, role: i === 0 ? 'control-plane' as const : 'worker' as const,
}));

/** The id the next worker thread gets: ids count up, so two probes tell how many threads started in between. */
async function nextThreadId(): Promise<number> {
  const probe = new Worker('', {eval: true});
  const id = probe.threadId;
  await probe.terminate();
  return id;
}

describe('a run of fewer certificates', () => {
  it('checks them inline: no thread to start', async () => {
    const before = await nextThreadId();
    await generateNative({plan: ec(examplePlan('ha')), out: join(dir, 'small')});
    expect(await nextThreadId()).toBe(before + 1);
  });
});

describe.runIf(hasBinary('openssl'))(`a run of ${CHECK_WORKERS_FROM} certificates or more`, () => {
  it('checks them on worker threads and writes a tree whose certificates openssl accepts', async () => {
    const nodes = largeNodes();
    const out = join(dir, 'large');
    const before = await nextThreadId();
    const result = await generateNative({plan: ec(basePlan(nodes, [])), out});
    expect(await nextThreadId()).toBeGreaterThan(before + 1); // threads were started between the two probes
    expect(result.certificates.length).toBeGreaterThanOrEqual(CHECK_WORKERS_FROM);
    const ca = readFileSync(join(out, 'cp-1/etc/kubernetes/pki/ca.crt'), 'utf8');
    const last = nodes.at(-1)!.name;
    expect(readdirSync(join(out, last, 'var/lib/kubelet/pki')).sort()).toEqual(['kubelet.crt', 'kubelet.key']);
    const verified = await opensslVerify(ca, readFileSync(join(out, last, 'var/lib/kubelet/pki/kubelet.crt'), 'utf8'), 'sslserver');
    expect(verified).toMatchObject({ok: true});
  }, 120_000);

  it('the built CLI finds its check threads beside its own modules', async () => {
    const plan = join(dir, 'large.yaml');
    writeFileSync(plan, planToYaml(ec(basePlan(largeNodes(), []))));
    const r = await kubepki(['generate', '--plan', plan, '--out', join(dir, 'large-cli')], {freshKeys: true});
    expect(r.stderr).not.toContain('check thread');
    expect(r.exitCode).toBe(0);
  }, 120_000);
});
