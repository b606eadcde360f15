// The reuse rules for an existing CA, applied by both backends: for each kind of CA that must not sign
// (made with openssl alone), `kubepki generate`, `--mode openssl` and the standalone generate-pki.sh all refuse it,
// even with --force / KUBEPKI_FORCE=1, with the same words, before any key is made, and change nothing.

import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CA_RULES, caProblem, type CaFacts} from '../../src/pki/reuse-rules.js';
import {kubepki} from '../support/cli.js';
import {hasBinary} from '../support/binaries.js';
import {openssl} from '../support/openssl.js';
import {runScript, tmpDirs, writeScript, tinyPlan} from '../openssl/helpers.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import {buildCertificate} from '../../src/x509/build.js';
import {profileOf} from '../../src/pki/profile.js';
import {poolKeys} from '../support/key-pool.js';
import {snapshot} from '../support/snapshot.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-reuse-');
afterAll(tmp.cleanup);

const PKI = 'cp/etc/kubernetes/pki';
const DAY = 86_400;

/** A CA (cert + key PEM) made with openssl req -x509: `args` say what is wrong with it. */
async function opensslCa(dir: string, name: string, keyArgs: string[], args: string[]): Promise<{cert: string; key: string}> {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  await openssl(['req', '-x509', '-new', ...keyArgs, '-noenc', '-keyout', key, '-out', cert, '-subj', '/CN=kubernetes', ...args]);
  return {cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8')};
}

const CA_EXTS = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign'];
const RSA = ['-newkey', 'rsa:2048'];

/** A CA built natively, valid from `fromDays` (from now) for `days`. */
async function builtCa(fromDays: number, days: number): Promise<{cert: string; key: string}> {
  const [key] = [...(await poolKeys([{id: 'ca', alg: 'RSA-2048'}])).values()];
  const notBefore = new Date(Date.now() + fromDays * DAY * 1000);
  const spec = {subject: {o: [], cn: 'kubernetes'}, isCA: true, usages: [], sans: {dns: [], ips: []}, keyAlgorithm: 'RSA-2048' as const, validityHours: days * 24};
  const cert = buildCertificate({profile: profileOf(spec, spec),
    publicKeyPem: key!.publicKeyPem, notBefore, notAfter: new Date(notBefore.getTime() + days * DAY * 1000), issuer: 'self', signingKeyPem: key!.privateKeyPem});
  return {cert, key: key!.privateKeyPem};
}

interface BadCa {
  rule: string;
  make: (dir: string) => Promise<{cert: string; key: string}>;
}

const BAD: BadCa[] = [
  {rule: 'one-certificate', make: async (d) => {
    const a = await opensslCa(d, 'a', RSA, [...CA_EXTS, '-days', '3650']);
    const b = await opensslCa(d, 'b', RSA, [...CA_EXTS, '-days', '3650']);
    return {cert: a.cert + b.cert, key: a.key};
  }},
  {rule: 'is-ca', make: (d) => opensslCa(d, 'leaf', RSA, ['-addext', 'basicConstraints=critical,CA:FALSE', '-days', '3650'])},
  {rule: 'key-cert-sign', make: (d) => opensslCa(d, 'nosign', RSA, ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature', '-days', '3650'])},
  {rule: 'readable', make: async (d) => ({cert: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', key: (await opensslCa(d, 'r', RSA, CA_EXTS)).key})},
  // OpenSSL 3.0's req cannot set dates in the past or the future; our own builder can.
  {rule: 'not-yet-valid', make: () => builtCa(2, 3650)},
  {rule: 'expired', make: () => builtCa(-400, 365)},
  {rule: 'outlived', make: (d) => opensslCa(d, 'soon', RSA, [...CA_EXTS, '-days', '10'])},
  {rule: 'key-type', make: (d) => opensslCa(d, 'ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], [...CA_EXTS, '-days', '3650'])},
  {rule: 'key-size', make: (d) => opensslCa(d, 'weak', ['-newkey', 'rsa:1024'], [...CA_EXTS, '-days', '3650'])},
  {rule: 'key-matches', make: async (d) => {
    const a = await opensslCa(d, 'x', RSA, [...CA_EXTS, '-days', '3650']);
    const b = await opensslCa(d, 'y', RSA, [...CA_EXTS, '-days', '3650']);
    return {cert: a.cert, key: b.key};
  }},
  {rule: 'key-readable', make: async (d) => {
    const a = await opensslCa(d, 'enc', RSA, [...CA_EXTS, '-days', '3650']);
    const encrypted = join(d, 'enc-protected.key');
    await openssl(['pkey', '-in', join(d, 'enc.key'), '-aes256', '-passout', 'pass:secret', '-out', encrypted]);
    return {cert: a.cert, key: readFileSync(encrypted, 'utf8')};
  }},
];

describe('the rule table', () => {
  it('has a case below for every rule', () => {
    expect(CA_RULES.map((r) => r.id).sort()).toEqual(BAD.map((b) => b.rule).sort());
  });

  it('reports only the first rule broken, in table order', () => {
    const facts: CaFacts = {certBlocks: 1, otherBlocks: 0, readable: true, isCA: false, keyCertSign: false, notBefore: new Date(0),
      notAfter: new Date(0), keyType: 'ec', rsaBits: 0, keyReadable: false, keyMatches: false};
    expect(caProblem(facts, {now: new Date(), leafHours: 8760, keyType: 'rsa'})?.id).toBe('is-ca');
  });
});


describe.skipIf(!tools)('a CA that must not sign is refused the same way by both backends', () => {
  let planFile: string;
  let scriptDir: string;
  beforeAll(async () => {
    planFile = join(tmp.make(), 'plan.yaml');
    writeFileSync(planFile, planToYaml(tinyPlan()));
    scriptDir = await writeScript(tinyPlan(), tmp.make());
  });

  for (const bad of BAD) {
    it(`${bad.rule}`, async () => {
      const made = await bad.make(tmp.make());
      const out = tmp.make();
      mkdirSync(join(out, PKI), {recursive: true});
      writeFileSync(join(out, PKI, 'ca.crt'), made.cert);
      writeFileSync(join(out, PKI, 'ca.key'), made.key, {mode: 0o600});
      const before = snapshot(out);
      const rule = CA_RULES.find((r) => r.id === bad.rule)!;
      const opening = rule.problem.split('{')[0]!;

      const native = await kubepki(['generate', '--plan', planFile, '--out', out, '--force']);
      expect(native.exitCode, native.stderr).toBe(1);
      const line = native.stderr.split('\n').find((l) => l.includes(`${PKI}/ca.crt cannot be reused: `))?.trim();
      expect(line, native.stderr).toContain(`cannot be reused: ${opening}`);
      expect(native.stderr).not.toContain('generating');

      if (bad.rule === 'key-type') {
        // --mode openssl decides before it runs the script, with the same rules.
        const viaScript = await kubepki(['generate', '--mode', 'openssl', '--plan', planFile, '--out', out, '--force']);
        expect(viaScript.exitCode).toBe(1);
        expect(viaScript.stderr).toContain(line);
      }

      const script = await runScript(scriptDir, out, {env: {KUBEPKI_FORCE: '1'}});
      expect(script.exitCode, script.stderr).toBe(1);
      expect(script.stderr.trim()).toBe(`generate-pki.sh: ${line}`);
      expect(snapshot(out)).toEqual(before);
    });
  }
});
