// The exam-style script (`kubepki script --style exam`): the course's short commands with the course's file names,
// clean under ShellCheck, refused for the same hostile values as the safe script, and certificates equal to native
// mode's but for notBefore (it cannot backdate), each verifying strictly.

import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {UnsafeValueError} from '../../src/openssl/allow-list.js';
import {emitScript} from '../../src/openssl/emit.js';
import {EXAM_CNF, emitExamScript, emitExamScriptFor, examModel} from '../../src/openssl/exam-script.js';
import {certFiles, layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {compareProfiles, readProfile} from '../../src/x509/profile.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {poolKeys} from '../support/key-pool.js';
import {shimEnv} from '../support/openssl-shim.js';
import {opensslVerify} from '../support/openssl.js';
import {awkwardPlan} from './awkward.js';
import {PLANS, tinyPlan, tmpDirs, valid} from './helpers.js';
import {HOSTILE_MODELS, NOT_IN_EXAM_SCRIPT} from './hostile-models.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const shellcheck = hasBinary('shellcheck');
const tmp = tmpDirs('kubepki-exam-script-');
afterAll(tmp.cleanup);

const plans = {...PLANS, tiny: tinyPlan, 'awkward but valid': awkwardPlan};

/** Writes the exam folder for `plan` and runs it with pool keys (the shim answers `openssl genrsa`). */
async function runExam(plan: ReturnType<typeof tinyPlan>, target?: string) {
  const dir = tmp.make();
  const exam = emitExamScript(plan);
  writeFileSync(join(dir, 'generate-pki.sh'), exam.script);
  writeFileSync(join(dir, EXAM_CNF), exam.cnf);
  const cwd = tmp.make();
  const r = await execa('bash', [join(dir, 'generate-pki.sh'), ...(target ? [target] : [])], {cwd, reject: false, env: shimEnv(), stdin: 'ignore'});
  return {r, out: join(cwd, target ?? 'pki'), cwd};
}

describe('the exam-style script', () => {
  it.skipIf(!shellcheck).each(Object.keys(plans))('passes shellcheck -S warning: %s', async (name) => {
    const file = join(tmp.make(), 'generate-pki.sh');
    writeFileSync(file, emitExamScript(plans[name as keyof typeof plans]!()).script);
    const r = await execa('shellcheck', ['-s', 'bash', '-S', 'warning', file], {reject: false});
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('uses the course’s commands and names, a comment per certificate, and is far shorter than the safe script', () => {
    const plan = valid(examplePlan('ha'));
    const {script, cnf} = emitExamScript(plan);
    const lines = script.split('\n');
    expect(script).toContain("openssl genrsa -out 'users/john/john.key' 2048");
    expect(script).toContain("openssl req -new -key 'users/john/john.key' -subj '/O=developers/CN=john' -config openssl.cnf -out 'users/john/john.csr'");
    expect(script).toMatch(/openssl x509 -req -in 'kube-apiserver-cp-1\.csr' -CA 'ca\.crt' -CAkey 'ca\.key' -days 365 -sha256 \\\n {2}-extfile openssl\.cnf -extensions v3_kube_apiserver_cp_1 -out 'kube-apiserver-cp-1\.crt'/);
    expect(script).toContain("openssl req -x509 -new -key 'etcd-ca.key' -subj '/CN=etcd-ca' -days 3650 -sha256 -config openssl.cnf -extensions v3_etcd_ca -out 'etcd-ca.crt'");
    const code = lines.filter((l) => !l.startsWith('#')).join('\n');
    expect(code).not.toMatch(/openssl ca\b|lock|staging|KUBEPKI_FORCE/i);
    expect(script).toContain('FOR LEARNING');
    expect(script).toContain('--style safe');
    const model = examModel(plan);
    // One "why" line per certificate, right above its genrsa.
    const keyLines = lines.flatMap((l, i) => (l.startsWith('openssl genrsa') ? [i] : []));
    expect(keyLines).toHaveLength(model.certs.length + 1);
    for (const i of keyLines.slice(0, -1)) expect(lines[i - 1], lines[i]).toMatch(/^# \S+\.crt: /);
    expect(cnf).toContain('[ v3_kube_apiserver_cp_1 ]');
    expect(cnf).toMatch(/\[ v3_kube_apiserver_cp_1 \][^[]*\nsubjectAltName +=  ?@kube_apiserver_cp_1_alt_names\n/);
    expect(cnf).toMatch(/\[ kube_apiserver_cp_1_alt_names \]\nDNS\.1 += cp-1\nDNS\.2 += k8s-api\.example\.internal\n/);
    expect(lines.length).toBeLessThan(emitScript(resolve(plan)).script.split('\n').length / 4);
  });

  it('refuses every hostile value that reaches it, as the safe script does', () => {
    for (const [name, mutate] of HOSTILE_MODELS.filter(([name]) => !NOT_IN_EXAM_SCRIPT.has(name))) {
      const model = examModel(valid(examplePlan('single')));
      mutate(model);
      expect(() => emitExamScriptFor(model), name).toThrow(UnsafeValueError);
    }
  });
});

describe.skipIf(!tools)('running the exam-style script', () => {
  const plan = valid(examplePlan('ha'));
  let run: Awaited<ReturnType<typeof runExam>>;
  let native: string;

  beforeAll(async () => {
    native = join(tmp.make(), 'native');
    const flat = {...plan, certificates: {...plan.certificates, layout: 'flat' as const}};
    [run] = await Promise.all([runExam(plan), generateNative({keys: poolKeys, plan: flat, out: native})]);
  }, 120_000);

  it('writes every certificate and key with the flat layout’s names, keys 0600, certificates 0644, no CSR left', () => {
    expect(run.r.exitCode, run.r.stderr).toBe(0);
    const model = examModel(plan);
    for (const [, path] of certFiles(layoutFiles(model))) {
      expect((readFileSync(join(run.out, path)).length), path).toBeGreaterThan(0);
      expect(existsSync(join(run.out, path.replace(/\.crt$/, '.key'))), path).toBe(true);
    }
    const listing = readdirSync(run.out, {recursive: true}).map(String);
    expect(listing.filter((n) => n.endsWith('.csr'))).toEqual([]);
  });

  it('gives the same profile as native mode for every certificate, apart from the backdate, and each verifies strictly', async () => {
    const model = examModel(plan);
    const paths = certFiles(layoutFiles(model));
    for (const spec of model.certs) {
      const path = paths.get(spec.id)!;
      const exam = readFileSync(join(run.out, path), 'utf8');
      expect(compareProfiles(readProfile(readFileSync(join(native, path), 'utf8')), readProfile(exam), {validityToleranceMs: 6 * 60_000}), path).toEqual([]);
      const purpose = spec.isCA ? undefined : spec.usages.includes('serverAuth') ? 'sslserver' : 'sslclient';
      const r = await opensslVerify(readFileSync(join(run.out, paths.get(spec.signer)!), 'utf8'), exam, purpose);
      expect(r.ok, `${path}: ${r.output}`).toBe(true);
    }
  });

  it('never writes into a folder that is not empty', async () => {
    const dir = tmp.make();
    const exam = emitExamScript(tinyPlan());
    writeFileSync(join(dir, 'generate-pki.sh'), exam.script);
    writeFileSync(join(dir, EXAM_CNF), exam.cnf);
    const target = join(tmp.make(), 'pki');
    mkdirSync(target);
    writeFileSync(join(target, 'ca.key'), 'mine');
    const r = await execa('bash', [join(dir, 'generate-pki.sh'), target], {reject: false, stdin: 'ignore'});
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('is not empty; this learning script never overwrites');
    expect(readdirSync(target)).toEqual(['ca.key']);
  });
});

describe('kubepki script --style', () => {
  it('writes the exam folder (script, one openssl.cnf, README) and refuses an unknown style', async () => {
    const cwd = tmp.make();
    const r = await kubepki(['script', '--style', 'exam', '--out', 'exam'], {cwd});
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(join(cwd, 'exam')).sort()).toEqual(['README.md', 'generate-pki.sh', EXAM_CNF]);
    expect(r.stderr).toContain(`wrote exam/generate-pki.sh, exam/${EXAM_CNF} and exam/README.md`);
    const again = await kubepki(['script', '--out', 'exam'], {cwd});
    expect(again.exitCode, 'a safe script may not land on an exam folder without --force').toBe(1);
    const bad = await kubepki(['script', '--style', 'short', '--stdout'], {cwd});
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--style must be safe or exam, not "short"');
  });
});
