// `kubepki user` run as a person would: the exam flow's request and CertificateSigningRequest read back by openssl
// and the Kubernetes schema, --sign's certificate verified by openssl, read by a second kubeconfig reader and
// presented by kubectl to a stand-in API server; refusals exit 2 and write nothing, and nothing is overwritten.

import {readFile, stat, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import {execa} from 'execa';
import {CertificateSigningRequest} from 'kubernetes-models/certificates.k8s.io/v1';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import {compareProfiles, readProfile} from '../../src/x509/profile.js';
import {startApiStub} from '../support/api-stub.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {poolKeys} from '../support/key-pool.js';
import {hasOpenssl, openssl, opensslVerify, tmpDir, type TmpDir} from '../support/openssl.js';

const withOpenssl = hasOpenssl();
const withKubectl = hasBinary('kubectl');

let tmp: TmpDir;
/** A generated tree (kubeadm layout, control plane `cp` on 127.0.0.1, user john) and its plan file. */
let tree: string;
let planFile: string;
const caPath = () => join(tree, 'cp/etc/kubernetes/pki/ca.crt');

beforeAll(async () => {
  tmp = await tmpDir('kubepki-user-');
  tree = join(tmp.path, 'pki');
  const plan = basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}], [{name: 'john', groups: ['developers', 'qa']}]);
  planFile = join(tmp.path, 'plan.yaml');
  await writeFile(planFile, planToYaml(plan));
  await generateNative({keys: poolKeys, plan, out: tree});
});
afterAll(async () => {
  await tmp.cleanup();
});

const run = (args: string[]) => kubepki(['user', ...args], {cwd: tmp.path});
const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

describe('the exam flow (no CA at hand)', () => {
  let out: string;
  let stdout: string;
  beforeAll(async () => {
    out = join(tmp.path, 'exam');
    const r = await run(['jane', '--group', 'developers', '--group', 'qa', '--plan', planFile, '--out', out, '--days', '30']);
    expect(r.exitCode, r.stderr).toBe(0);
    stdout = r.stdout;
  });

  it('writes the key 0600 and a request openssl verifies, naming CN=jane and both groups', async () => {
    expect(await modeOf(join(out, 'jane.key'))).toBe('600');
    expect(existsSync(join(out, 'jane.crt'))).toBe(false);
    if (!withOpenssl) return;
    const r = await openssl(['req', '-in', join(out, 'jane.csr'), '-noout', '-subject', '-verify', '-nameopt', 'RFC2253'], {all: true});
    expect(String(r.all)).toContain('verify OK');
    expect(String(r.stdout)).toContain('subject=CN=jane,O=qa,O=developers');
    // The request carries jane's own public key.
    const fromCsr = await openssl(['req', '-in', join(out, 'jane.csr'), '-noout', '-pubkey']);
    const fromKey = await openssl(['pkey', '-in', join(out, 'jane.key'), '-pubout']);
    expect(String(fromCsr.stdout)).toBe(String(fromKey.stdout));
  });

  it('writes a CertificateSigningRequest the Kubernetes schema accepts, carrying that request', async () => {
    const text = await readFile(join(out, 'jane-csr.yaml'), 'utf8');
    const doc = parse(text) as ConstructorParameters<typeof CertificateSigningRequest>[0];
    expect(() => new CertificateSigningRequest(doc).validate()).not.toThrow();
    const csr = new CertificateSigningRequest(doc);
    expect(csr.spec.signerName).toBe('kubernetes.io/kube-apiserver-client');
    expect(csr.spec.usages).toEqual(['client auth']);
    expect(csr.spec.expirationSeconds).toBe(30 * 86400);
    expect(csr.metadata?.name).toBe('jane');
    expect(text).toMatch(/^ {2}request: [A-Za-z0-9+/=]+$/m); // one base64 line
    expect(Buffer.from(csr.spec.request, 'base64').toString('utf8')).toBe(await readFile(join(out, 'jane.csr'), 'utf8'));
  });

  it('prints the exact kubectl commands of the exam flow and says so', () => {
    expect(stdout).toContain('exam flow');
    expect(stdout).toContain(`kubectl apply -f '${join(out, 'jane-csr.yaml')}'`);
    expect(stdout).toContain('kubectl certificate approve jane');
    expect(stdout).toContain(`kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > '${join(out, 'jane.crt')}'`);
    expect(stdout).toContain(`kubectl config set-credentials jane --client-certificate='${join(out, 'jane.crt')}' --client-key='${join(out, 'jane.key')}' --embed-certs=true`);
    expect(stdout).toContain('kubectl config set-context jane@kubernetes --cluster=kubernetes --user=jane');
    expect(stdout).toContain('kubectl config use-context jane@kubernetes');
  });

  it('never overwrites: a second run fails, names the files and leaves the key as it was', async () => {
    const key = await readFile(join(out, 'jane.key'), 'utf8');
    const r = await run(['jane', '--group', 'developers', '--plan', planFile, '--out', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('jane.key');
    expect(r.stderr).toMatch(/never replaces/);
    expect(await readFile(join(out, 'jane.key'), 'utf8')).toBe(key);
  });
});

describe('--sign with the CA at hand (the manual flow)', () => {
  let out: string;
  let stdout: string;
  beforeAll(async () => {
    out = join(tmp.path, 'signed');
    const r = await run(['jane', '--group', 'developers', '--group', 'qa', '--dir', tree, '--plan', planFile, '--out', out, '--sign']);
    expect(r.exitCode, r.stderr).toBe(0);
    stdout = r.stdout;
  });

  it('gives a certificate openssl accepts strictly, for client auth, matching what the plan makes for a user', async () => {
    const pem = await readFile(join(out, 'jane.crt'), 'utf8');
    if (withOpenssl) {
      const v = await opensslVerify(await readFile(caPath(), 'utf8'), pem, 'sslclient');
      expect(v.ok, v.output).toBe(true);
    }
    // generate made john from the same catalog entry and CA: the two profiles differ only in the names.
    const john = parse(await readFile(join(tree, 'users/john/john.kubeconfig'), 'utf8')) as {users: {user: Record<string, string>}[]};
    const johnPem = Buffer.from(john.users[0]!.user['client-certificate-data']!, 'base64').toString('utf8');
    const diff = compareProfiles(readProfile(pem), readProfile(johnPem)).filter((d) => !/^subject/.test(d));
    expect(diff).toEqual([]);
    expect(readProfile(pem).subject.map((e) => `${e.type}=${e.value}`)).toEqual(['O=developers', 'O=qa', 'CN=jane']);
  });

  it('writes a kubeconfig another reader loads, naming jane, the cluster and jane@kubernetes', async () => {
    const path = join(out, 'jane.kubeconfig');
    expect(await modeOf(path)).toBe('600');
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    expect(kc.getCurrentContext()).toBe('jane@kubernetes');
    expect(kc.getCurrentUser()?.name).toBe('jane');
    expect(kc.getCurrentCluster()).toMatchObject({name: 'kubernetes', server: 'https://127.0.0.1:6443'});
    expect(Buffer.from(kc.getCurrentUser()!.certData!, 'base64').toString('utf8')).toBe(await readFile(join(out, 'jane.crt'), 'utf8'));
  });

  it('explains the manual flow beside the exam flow', () => {
    expect(stdout).toContain('manual flow');
    expect(stdout).toMatch(/2 approve +exam: +kubectl certificate approve jane/);
    expect(stdout).toMatch(/manual: none: holding the CA key is the approval/);
  });

  it.skipIf(!withKubectl)('kubectl presents CN=jane and both groups to a server that requires our CA', async () => {
    const pki = (f: string) => readFile(join(tree, 'cp/etc/kubernetes/pki', f), 'utf8');
    const stub = await startApiStub({cert: await pki('apiserver.crt'), key: await pki('apiserver.key'), clientCa: await pki('ca.crt')});
    try {
      const r = await execa('kubectl', ['--kubeconfig', join(out, 'jane.kubeconfig'), '--server', stub.url, 'get', '--raw', '/version'], {reject: false, timeout: 20_000});
      expect(r.exitCode, r.stderr).toBe(0);
      expect(stub.seen.at(-1)).toMatchObject({cn: 'jane', groups: ['developers', 'qa']});
    } finally {
      await stub.close();
    }
  });

  it('puts the files in the tree’s users/NAME/ without --out, and signs with --ca-cert/--ca-key too', async () => {
    const r = await run(['ann', '--group', 'ops', '--dir', tree, '--plan', planFile, '--sign']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await modeOf(join(tree, 'users/ann/ann.key'))).toBe('600');
    expect(await modeOf(join(tree, 'users/ann'))).toBe('700');
    const other = join(tmp.path, 'bob');
    const r2 = await run(['bob', '--sign', '--ca-cert', caPath(), '--ca-key', caPath().replace(/\.crt$/, '.key'), '--out', other, '--plan', planFile]);
    expect(r2.exitCode, r2.stderr).toBe(0);
    if (withOpenssl) {
      const v = await opensslVerify(await readFile(caPath(), 'utf8'), await readFile(join(other, 'bob.crt'), 'utf8'));
      expect(v.ok, v.output).toBe(true);
    }
  });
});

describe('refusals: exit 2, one line naming the field and the rule, nothing written', () => {
  const refused = async (args: string[], line: RegExp) => {
    const out = join(tmp.path, `refused-${Math.random().toString(36).slice(2)}`);
    const r = await run([...args, '--out', out, '--plan', planFile]);
    expect(r.exitCode, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(line);
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
    return r.stderr;
  };

  it('refuses system:masters with the reason, even when allowed, for the CSR API', async () => {
    const why = await refused(['root', '--group', 'system:masters'], /^kubepki: --group: "system:masters" is a system: group — /);
    expect(why).toMatch(/cannot be revoked/);
    expect(why).toMatch(/refuses a CertificateSigningRequest/);
    await refused(['root', '--group', 'system:masters', '--allow-system-masters'], /^kubepki: --group: "system:masters" cannot go through the CertificateSigningRequest API/);
    await refused(['nodey', '--group', 'system:nodes'], /^kubepki: --group: "system:nodes" is a system: group/);
  });

  it('signs system:masters locally only when allowed, with a warning and no CertificateSigningRequest', async () => {
    const out = join(tmp.path, 'breakglass');
    const r = await run(['breakglass', '--group', 'system:masters', '--allow-system-masters', '--sign', '--dir', tree, '--plan', planFile, '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: --group: "system:masters" is allowed by --allow-system-masters — .*cannot be revoked/);
    expect(existsSync(join(out, 'breakglass-csr.yaml'))).toBe(false);
    expect(existsSync(join(out, 'breakglass.kubeconfig'))).toBe(true);
  });

  it('refuses component identities, bad characters, bad groups and bad periods through the plan’s rules', async () => {
    await refused(['kubernetes-admin', '--group', 'x'], /^kubepki: NAME: "kubernetes-admin" is the identity of kubernetes-admin — /);
    await refused(['system:node:cp'], /^kubepki: NAME: "system:node:cp" is the identity of system:node:<node>/);
    await refused(['Jane Doe'], /^kubepki: NAME: "Jane Doe" contains a space — /);
    await refused(['jane', '--group', 'dev,ops'], /^kubepki: --group: "dev,ops" contains ','/);
    await refused(['jane', '--group', 'dev', '--group', 'dev'], /^kubepki: --group: "dev" repeats groups\[0\]/);
    await refused(['jane', '--days', '0'], /^kubepki: --days: "0" is zero/);
    await refused(['jane', '--days', '3651'], /^kubepki: --days: "3651" is longer than 3650 days/);
    await refused(['jane', '--days', 'soon'], /^kubepki: --days: "soon" is not a whole number of days/);
  });

  it('refuses --sign without a CA, and a tree without one, before writing anything', async () => {
    const r = await run(['jane', '--sign', '--out', join(tmp.path, 'nosign')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--sign needs the CA');
    const empty = join(tmp.path, 'empty-tree');
    const r2 = await run(['jane', '--sign', '--dir', empty, '--plan', planFile]);
    expect(r2.exitCode).toBe(2);
    expect(r2.stderr).toMatch(/no CA key in .*empty-tree/);
    expect(existsSync(empty)).toBe(false);
  });
});
